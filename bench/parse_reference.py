"""Parser speed work without behaviour changes: dump every field of every parse, check it after.

    .venv/bin/python bench/parse_reference.py dump  OUT.pickle --generated DIR
    .venv/bin/python bench/parse_reference.py check OUT.pickle --generated DIR
    N=300 valgrind --tool=callgrind .venv/bin/python bench/parse_reference.py parse --generated DIR

``DIR`` holds generated articles (``bench.generate.generate(DIR, 10000, seed=1)``, or
``ingest_bench --keep``'s ``articles-10000-seed1``). ``dump`` parses, with the fixture outlets
(``fixtures/sources.json``): the generated articles, the real pages' text
(``../shared/real-pages/text``) and the seed files (``corpus/``), each with and without the shape
rules, the first 3,000 of each set again with the template lines that four or more of the
parses hold, and the real pages' saved HTML (``parse_document``); it pickles every
``ParsedArticle`` (dataclass equality compares every field) or the error's type and message.
``check`` does the same and compares: it prints the parses that differ and exits 1 if any.
``parse`` only parses the first ``N`` generated articles (environment, default 300): instruction
counts under ``valgrind`` (less a run with ``N=0``) compare code on a loaded machine, where CPU
times do not.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive.parsing import (  # noqa: E402
    compile_signatures,
    parse_article,
    parse_document,
    signature_from_text,
)
from archive.parsing.furniture import template_key  # noqa: E402

REAL_PAGES = ROOT.parent / "shared" / "real-pages"
TEMPLATE_MIN_PARSES = 4
TEMPLATE_SET_FILES = 3000


def matcher():
    records = json.loads((ROOT / "fixtures" / "sources.json").read_text(encoding="utf-8"))
    return compile_signatures([
        signature_from_text(f["slug"], f["name"], f.get("domain", ""), f.get("signatures", ""))
        for f in (record["fields"] for record in records)
    ])


def _parse(raw: bytes, outlets, **options):
    try:
        return parse_article(raw, outlets, **options)
    except Exception as error:  # noqa: BLE001 - the refusal is part of the behaviour
        return ("error", type(error).__name__, str(error))


def results(generated: Path) -> dict:
    outlets = matcher()
    sets = {
        "generated": sorted(generated.glob("*.txt")),
        "real": sorted((REAL_PAGES / "text").glob("*.txt")),
        "seed": sorted((ROOT / "corpus").glob("*.txt")),
    }
    found: dict = {}
    for name, paths in sets.items():
        for path in paths:
            raw = path.read_bytes()
            found[(name, path.name)] = _parse(raw, outlets)
            found[(name, path.name, "no shape rules")] = _parse(raw, outlets, shape_rules=False)
    holding = Counter()
    for key, parsed in found.items():
        if len(key) == 2 and not isinstance(parsed, tuple):
            holding.update({template_key(line.text.strip()) for line in parsed.lines})
    templates = frozenset(key for key, n in holding.items() if n >= TEMPLATE_MIN_PARSES)
    for name, paths in sets.items():
        for path in paths[:TEMPLATE_SET_FILES]:
            found[(name, path.name, "templates")] = _parse(path.read_bytes(), outlets,
                                                           templates=templates)
    for path in sorted((REAL_PAGES / "html").glob("*.htm*")):
        try:
            found[("html", path.name)] = parse_document(path.read_bytes(), outlets,
                                                        raw_format="html")
        except Exception as error:  # noqa: BLE001
            found[("html", path.name)] = ("error", type(error).__name__, str(error))
    print(f"{len(found):,} parses ({len(templates):,} template lines)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/parse_reference.py")
    parser.add_argument("mode", choices=("dump", "check", "parse"))
    parser.add_argument("reference", nargs="?", type=Path)
    parser.add_argument("--generated", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.mode == "parse":
        outlets = matcher()
        for path in sorted(args.generated.glob("*.txt"))[: int(os.environ.get("N", "300"))]:
            _parse(path.read_bytes(), outlets)
        return 0
    if args.reference is None:
        parser.error("dump and check need the reference file")
    found = results(args.generated)
    if args.mode == "dump":
        args.reference.write_bytes(pickle.dumps(found))
        return 0
    reference = pickle.loads(args.reference.read_bytes())  # noqa: S301 - our own file
    if reference.keys() != found.keys():
        print("the parses differ in number or name: dumped from other files?")
        return 1
    different = [key for key in reference if reference[key] != found[key]]
    print(f"different: {len(different)}")
    for key in different[:10]:
        print(key, "\n  was", reference[key], "\n  now", found[key])
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())

"""Spelling suggestion cost on an index built by ``bench/search_bench.py``.

    .venv/bin/python bench/spelling_bench.py [--work /tmp/clippings-bench]

Prints the time to read the segments' word lists (``search.engine.words``: one file per segment,
written at commit; read once per segment by a serving process) and, after it, the time of each
suggestion for words that find nothing and misspellings of indexed words (target: <= 20 ms at
100,000 articles, including the word lists), wall and CPU, with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402
from bench.search_bench import percentile, setup_django  # noqa: E402

NOTHING = ["xyzzyq", "glyphosate", "zika", "qwertyuiop", "blorptastic", "snarfwizzle"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-bench"))
    args = parser.parse_args(argv)
    setup_django(args.work)
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.setup()
    misspelt = [w[:-2] + w[-1] + w[-2] for w in V.NOUNS[30:60]]
    from search.engine import words as W

    with backend.index.searcher() as searcher:
        print(f"documents: {searcher.doc_count():,}")
        started, cpu_started = time.perf_counter(), time.process_time()
        cache = W.WordCache()
        readers = [sub.reader() for sub, _ in searcher.leaf_searchers()]
        count = sum(len(cache.get(reader, "spell_text")) for reader in readers)
        print(f"word lists: {count:,} words in {len(readers)} segments read in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms "
              f"({(time.process_time() - cpu_started) * 1000:.0f} ms CPU; about "
              f"{cache.nbytes / 2**20:.0f} MB kept; once per segment and process)")
        backend.speller.cache = cache
        wall, cpu = [], []
        for word in NOTHING + misspelt:
            started, cpu_started = time.perf_counter(), time.process_time()
            suggestion = backend.speller.suggest(searcher, "text", word)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            print(f"  {word!r} -> {suggestion!r}: {wall[-1]:.1f} ms")
    print(f"suggestion: {len(wall)} words, wall p50 {percentile(wall, 50):.1f} ms, "
          f"p95 {percentile(wall, 95):.1f} ms, max {max(wall):.1f} ms; CPU p50 "
          f"{percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms; "
          f"load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Saved-HTML ingest benchmark (issue 12): pages per second.

    .venv/bin/python bench/html_bench.py [DIR] [--copies 2] [--workers 2] [--stages]

The line to read is ``RESULT: ... pages/s`` (wall clock, with the machine's load before and
after: on a busy machine the wall-clock rate is the load's, and the CPU line is the honest one).

DIR is a folder in shared/real-pages' format (``html/NAME.html`` and ``truth.jsonl``; default
``../shared/real-pages``). The passage scores of the HTML path come from ``manage.py
evaluate_parsing DIR --format html`` (the one scorer, ``archive/parsing/scoring.py``).

This copies every page ``--copies`` times into a work directory (each copy's bytes made distinct
by a trailing HTML comment, so none is skipped as a duplicate), then, in a fresh SQLite database
(``bench.settings_bench``: search indexing and the intelligence pass off, as for the text ingest
figure), runs the real ``ingest`` command with ``--workers`` parse processes and prints pages per
second, the command's summary, and the CPU time it took (the writer and its workers, apart),
which a busy machine does not inflate as it does the wall-clock time.

``--stages`` first parses every page twice in this process (no database) and prints the CPU a
page of each stage on the second pass: decoding, trafilatura (its metadata, its fallback
extractors, the rest), reading the page's blocks and taking back what the extractor dropped
(``archive/parsing/html_recovery.py``), our parse of the extracted text, the page's visible
text when the extractor found no article.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/html_bench.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "real-pages")
    parser.add_argument("--copies", type=int, default=2, help="copies of each page (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="parse processes (default 2)")
    parser.add_argument("--stages", action="store_true",
                        help="first, the CPU a page of each stage of the parse, in-process")
    args = parser.parse_args(argv)
    pages = sorted((args.directory / "html").glob("*.html"))
    if not pages:
        parser.error(f"no html/*.html under {args.directory}")
    load_before = _load()
    print(f"machine: {os.cpu_count()} cores, load {load_before}")
    if args.stages:
        _print_stages(pages)

    with tempfile.TemporaryDirectory(prefix="clippings-html-bench-") as work:
        work = Path(work)
        folder = work / "pages"
        folder.mkdir()
        total = 0
        for copy in range(args.copies):
            for path in pages:
                raw = path.read_bytes() + f"\n<!-- copy {copy} -->\n".encode()
                (folder / f"{copy}-{path.name}").write_bytes(raw)
                total += len(raw)
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
        os.environ["CLIPPINGS_DATA_DIR"] = str(work)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_sources", verbosity=0)
        out, err = StringIO(), StringIO()
        count = len(pages) * args.copies
        started = time.perf_counter()
        own_before, children_before = _cpu_seconds()
        try:
            call_command("ingest", str(folder), workers=args.workers, no_progress=True,
                         stdout=out, stderr=err)
        except Exception as error:  # noqa: BLE001 - failed pages: report and still time it
            print(f"ingest: {error}")
        elapsed = time.perf_counter() - started
        own_after, children_after = _cpu_seconds()
        own, children = own_after - own_before, children_after - children_before
        cpu = own + children
        print(f"ingest: {count} pages ({total / 1e6:.1f} MB), {args.workers} workers: "
              f"{out.getvalue().strip()}")
        print(f"CPU: {cpu:.1f} s = {cpu / count * 1000:.0f} ms a page (writer {own:.1f} s = "
              f"{own / count * 1000:.0f} ms a page; parse workers {children:.1f} s = "
              f"{children / count * 1000:.0f} ms a page): at most "
              f"{min(args.workers, os.cpu_count() or 1) * count / cpu:.1f} pages/s on "
              f"{min(args.workers, os.cpu_count() or 1)} idle cores (derived, not measured)")
        print(f"RESULT: {count / elapsed:.1f} pages/s ({count} pages in {elapsed:.1f} s wall "
              f"clock, {args.workers} workers; load before {load_before}, after {_load()})")
        failed = [line for line in err.getvalue().splitlines() if line.startswith("FAILED")]
        for line in failed[:10]:
            print(line)
        shutil.rmtree(folder)
    return 0


def _cpu_seconds() -> tuple[float, float]:
    """User and system CPU of this process, and of its finished children (the parse workers,
    ended when the ingest ends)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _print_stages(pages: list[Path]) -> None:
    """CPU a page of each stage of ``parse_html_page``, on a second pass over the pages (the
    first fills caches, as a long run's workers have them filled)."""
    import trafilatura.core

    from archive.parsing import html

    spent: dict[str, float] = {}

    def timed(module, name: str, label: str) -> None:
        function = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started

        setattr(module, name, wrapper)
        spent[label] = 0.0  # (printed in this order)

    timed(html, "decode_html", "decoding")
    timed(html, "_extract", "trafilatura, all")
    timed(trafilatura.core, "extract_metadata", "  its metadata (title, date, author...)")
    timed(trafilatura.core, "compare_extraction", "  its fallbacks (readability, jusText)")
    timed(html, "page_tree", "the page read by lxml (standfirst, recovery)")
    timed(html, "text_blocks", "its visible blocks")
    timed(html, "recover_lines", "taking back what the extractor dropped")
    timed(html, "visible_blocks", "the page's visible text (fallback only)")
    timed(html, "parse_article", "our parse of the extracted text")
    raws = [path.read_bytes() for path in pages]
    for _ in range(2):
        spent.update(dict.fromkeys(spent, 0.0))
        started = time.process_time()
        for raw in raws:
            try:
                html.parse_html_page(raw)
            except Exception:  # noqa: BLE001, S112 - a refused page still costs its time
                continue
        whole = time.process_time() - started
    print(f"stages, CPU a page (second of two passes over {len(raws)} pages, in-process):")
    for label, seconds in spent.items():
        print(f"  {label:48} {seconds / len(raws) * 1000:6.1f} ms")
    print(f"  {'parse_html_page, whole':48} {whole / len(raws) * 1000:6.1f} ms")


if __name__ == "__main__":
    sys.exit(main())

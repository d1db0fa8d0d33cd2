"""Saved-HTML ingest benchmark (issue 12): pages per second.

    .venv/bin/python bench/html_bench.py [DIR] [--copies 2] [--workers 2]

DIR is a folder in shared/real-pages' format (``html/NAME.html`` and ``truth.jsonl``; default
``../shared/real-pages``). The passage scores of the HTML path come from ``manage.py
evaluate_parsing DIR --format html`` (the one scorer, ``archive/parsing/scoring.py``).

This copies every page ``--copies`` times into a work directory (each copy's bytes made distinct
by a trailing HTML comment, so none is skipped as a duplicate), then, in a fresh SQLite database
(``bench.settings_bench``: search indexing and the intelligence pass off, as for the text ingest
figure), runs the real ``ingest`` command with ``--workers`` parse processes and prints pages per
second, the command's summary, and the CPU time it took (the writer and its workers), which a
busy machine does not inflate as it does the wall-clock time.
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
    args = parser.parse_args(argv)
    pages = sorted((args.directory / "html").glob("*.html"))
    if not pages:
        parser.error(f"no html/*.html under {args.directory}")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")

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
        cpu_before = _cpu_seconds()
        try:
            call_command("ingest", str(folder), workers=args.workers, no_progress=True,
                         stdout=out, stderr=err)
        except Exception as error:  # noqa: BLE001 - failed pages: report and still time it
            print(f"ingest: {error}")
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        print(f"ingest: {count} pages ({total / 1e6:.1f} MB) in {elapsed:.1f} s, "
              f"{count / elapsed:.1f} pages/s, {args.workers} workers; "
              f"{out.getvalue().strip()}")
        print(f"CPU: {cpu:.1f} s for the writer and its parse workers together, "
              f"{cpu / count * 1000:.0f} ms a page: {count / cpu:.1f} pages per CPU-second, "
              f"about {args.workers * count / cpu:.1f} pages/s on {args.workers} idle cores")
        failed = [line for line in err.getvalue().splitlines() if line.startswith("FAILED")]
        for line in failed[:10]:
            print(line)
        shutil.rmtree(folder)
    return 0


def _cpu_seconds() -> float:
    """User and system CPU of this process and of its finished children (the parse workers,
    ended when the ingest ends)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())

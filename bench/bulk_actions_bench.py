"""Bulk curation benchmark (issue 5): each admin action on 10,000 selected articles, in one
request, without loading every row at once.

    .venv/bin/python bench/bulk_actions_bench.py [--count 10000] [--seed 1] [--work DIR]
                                                 [--database-url URL]

1. Generates ``--count`` raw articles with ``bench.generate`` and ingests them with the real
   ``ingest`` command into a fresh database (a SQLite file in the work directory unless
   ``--database-url``), with the known outlets loaded. Ingest is set-up, not measured.
2. Logs in a superuser with Django's test client and POSTs each action to the article list
   exactly as the admin's "select all N articles" does (``select_across=1``): hide (with a
   reason), publish, set outlet, re-index, re-parse (keeping manual edits) and merge into one
   article. Each is one HTTP request; its wall time includes writing the history rows and
   re-indexing the touched articles in the Whoosh index when the transaction commits
   (``search.indexing.queue_reindex``), as in production.
3. Measures the peak Python memory (tracemalloc) of a second "hide" request, next to the
   memory of merely loading all the selected rows at once, to show the chunking at work.

Settings: ``bench.settings_bench`` (the real app; per-save signal indexing off, so the set-up
ingest does not index; the actions' own ``queue_reindex`` calls index for real). The index
starts empty, so the first action (hide) removes nothing and "publish" indexes all N articles.
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python bench/bulk_actions_bench.py",
        description="Time each curation action of the admin on N selected articles.",
    )
    parser.add_argument("--count", "-n", type=int, default=10_000,
                        help="articles to generate, ingest and select (default: 10000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--work", type=Path, default=None,
                        help="directory for the articles, database and index (default: a "
                        "temporary directory, removed afterwards)")
    parser.add_argument("--no-index", action="store_true",
                        help="leave the search index out: time the database work alone")
    parser.add_argument("--database-url", default=None,
                        help="a throw-away database to use instead of a SQLite file; its "
                        "tables are dropped and re-created")
    args = parser.parse_args(argv)
    if args.count <= 0:
        parser.error("--count must be positive")

    work = args.work or Path(tempfile.mkdtemp(prefix="clippings-bulk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CLIPPINGS_DATA_DIR"] = str(work / "data")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    try:
        run(work, args.count, args.seed, index=not args.no_index)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"machine: {os.cpu_count()} cores, {memory:.0f} GiB, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def run(work: Path, count: int, seed: int, *, index: bool = True) -> None:
    import django

    django.setup()
    if not index:
        import search.indexing

        # queue_reindex's on-commit callback looks this name up when it runs.
        search.indexing.reindex_articles = lambda ids, **kwargs: 0
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from bench.generate import generate

    print(machine())
    engine = settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"]
    print(f"database: {connection.vendor}; search index: {engine if index else 'left out'}")
    articles_dir = work / "articles"
    if not articles_dir.exists() or not any(articles_dir.glob("*.txt")):
        started = time.perf_counter()
        generate(articles_dir, count, seed=seed, progress=False)
        print(f"set-up: generated {count:,} articles in {time.perf_counter() - started:.1f} s")
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_sources", verbosity=0, **quiet)
    started = time.perf_counter()
    call_command("ingest", str(articles_dir), verbosity=0, **quiet)
    from archive.models import Article, Source

    total = Article.objects.count()
    print(f"set-up: ingested {total:,} articles in {time.perf_counter() - started:.1f} s")

    from django.contrib.auth.models import User
    from django.test import Client

    user = User.objects.create_superuser("bench", "bench@example.org", None)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    kept = Article.objects.published().order_by("pk").first()
    outlet = Source.objects.order_by("pk").first()

    def post(action: str, **data) -> tuple[float, str]:
        payload = {"action": action, "index": 0, "select_across": 1, "apply": "1",
                   "_selected_action": [kept.pk]} | data
        reset_queries()
        started = time.perf_counter()
        response = client.post("/admin/archive/article/", payload, follow=True)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        messages = re.findall(r'<li class="(?:success|error|warning|info)">(.*?)</li>',
                              response.content.decode(), re.S)
        return elapsed, "; ".join(html.unescape(m).strip() for m in messages)

    steps = [
        ("hide (with a reason)", "hide", {"reason": "benchmark"}),
        ("publish", "publish", {}),
        ("set outlet", "set_outlet", {"source": outlet.pk}),
        ("re-index", "reindex", {}),
        ("re-parse, keeping manual edits", "reparse", {}),
    ]
    print(f"\n{'action on ' + format(total, ',') + ' selected articles':<44} "
          f"{'seconds':>8} {'articles/s':>11}  admin message")
    for label, action, data in steps:
        elapsed, message = post(action, **data)
        print(f"{label:<44} {elapsed:>8.2f} {total / elapsed:>11,.0f}  {message[:70]}")
    reuters = Source.objects.get(slug="reuters")
    started = time.perf_counter()
    response = client.get(f"/admin/archive/source/{reuters.pk}/signatures/", {
        "preview": "1", "domain": reuters.domain, "signatures": reuters.signatures})
    elapsed = time.perf_counter() - started
    claimed = re.search(r'data-figure="claimed">(\d+)<', response.content.decode())
    print(f"{'test the signatures of Reuters (preview)':<44} {elapsed:>8.2f} "
          f"{total / elapsed:>11,.0f}  claims {claimed.group(1) if claimed else '?'}")
    elapsed, message = post("merge", kept_id=kept.pk)
    print(f"{'merge into one article':<44} {elapsed:>8.2f} {total / elapsed:>11,.0f}  "
          f"{message[:70]}")
    merged = Article.objects.filter(merged_into=kept).count()
    assert merged == total - 1, merged
    history_rows = Article.history.count()
    print(f"\nafter: {merged:,} aliases of #{kept.pk}; {history_rows:,} history rows")

    # Memory: a chunked action next to loading every selected row at once.
    tracemalloc.start()
    post("hide", reason="memory check")
    _current, chunked_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    rows = list(Article.objects.defer("raw"))
    _current, all_rows_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of the hide request: {chunked_peak / 2**20:.1f} MiB; "
          f"loading all {len(rows):,} rows at once (raw bytes deferred): "
          f"{all_rows_peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    raise SystemExit(main())

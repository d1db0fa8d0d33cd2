"""kill -9 during an ingest, at three points; the next ingest converges the index to the database
with no manual step (issue 13, docs/reliability.md "Writers and crashes").

    .venv/bin/python bench/crash_bench.py [--database sqlite|postgres|both] [--count 3000]
                                          [--points POINT ...] [--pg-database NAME]
                                          [--work DIR --keep]

For each database and each point, in a fresh database (a SQLite file in the work directory;
``--pg-database``, ``clippings_13b_crash`` by default, on 127.0.0.1:5432, dropped and
re-created) and index: ``migrate``,
``load_sources``, then ``manage.py ingest FILES`` (the real command, real settings:
``config.settings.dev`` with DEBUG off) is started and killed with SIGKILL when the database
reaches the point, watched every 10 ms from this process:

1. **committed, not indexed**: the first batch has committed and its outbox rows are still there
   (the process is between its commit and the end of its index write);
2. **mid-batch**: about half of the files are in the database and no outbox row is pending (the
   process is parsing and writing an uncommitted batch);
3. **late index write**: at least 80 % of the files are in the database and outbox rows are
   pending (inside a later batch's index write).

Then ``manage.py ingest FILES`` runs again, as anyone would, to completion, and a fresh process
compares the index with the database: missing, ghost and stale documents, outbox rows pending,
articles against files. ``sync_index`` is never run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.processes import PG_SERVER, environment, recreate_postgres, uptime  # noqa: E402

PG_DATABASE = "clippings_13b_crash"
POINTS = ("committed-not-indexed", "mid-batch", "late-index-write")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--work", help="work directory (default: a temporary one)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--pg-database", default=PG_DATABASE,
                        help=f"PostgreSQL database to drop and re-create (default {PG_DATABASE})")
    parser.add_argument("--points", nargs="+", choices=POINTS, default=list(POINTS))
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check:
        return check()
    from bench.generate import generate

    work = Path(args.work or tempfile.mkdtemp(prefix="clippings-crash-"))
    files = work / "files"
    if not files.exists():
        generate(files, args.count, seed=3, progress=False)
    databases = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    print(f"load before: {uptime()}")
    try:
        for database in databases:
            for point in args.points:
                print(json.dumps(run_point(database, point, work, files, args.count,
                                           args.pg_database)), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if "postgres" in databases:
            recreate_postgres(args.pg_database, drop_only=True)
    print(f"load after: {uptime()}")
    return 0


def manage(env: dict, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, **popen)


class Counts:
    """Articles and outbox rows, read from outside the ingesting process."""

    def __init__(self, database: str, data_dir: Path, pg_database: str):
        if database == "sqlite":
            self.connection = sqlite3.connect(data_dir / "clippings.sqlite3", timeout=30)
        else:
            import psycopg2

            self.connection = psycopg2.connect(f"{PG_SERVER}/{pg_database}")
            self.connection.autocommit = True

    def __call__(self) -> tuple[int, int]:
        cursor = self.connection.cursor()
        cursor.execute("SELECT (SELECT COUNT(*) FROM search_article), "
                       "(SELECT COUNT(*) FROM search_indexoutbox)")
        articles, pending = cursor.fetchone()
        cursor.close()
        return articles, pending

    def close(self):
        self.connection.close()


def reached(point: str, articles: int, pending: int, count: int) -> bool:
    if point == "committed-not-indexed":
        return articles > 0 and pending > 0
    if point == "mid-batch":
        return articles >= count // 2 and pending == 0
    return articles >= count * 8 // 10 and pending > 0


def run_point(database: str, point: str, work: Path, files: Path, count: int,
              pg_database: str) -> dict:
    data_dir = work / f"{database}-{point}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    if database == "postgres":
        recreate_postgres(pg_database)
    env = environment(database, data_dir, pg_database)
    for args in (("migrate", "-v", "0"), ("load_sources", "-v", "0")):
        if manage(env, *args).wait():
            raise SystemExit(f"{' '.join(args)} failed")
    counts = Counts(database, data_dir, pg_database)
    started = time.time()
    ingest = manage(env, "ingest", str(files), "--no-progress", "-v", "0",
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    at_kill = None
    while ingest.poll() is None:
        try:
            articles, pending = counts()
        except Exception:  # noqa: BLE001 (tables being created, a busy moment: look again)
            time.sleep(0.01)
            continue
        if reached(point, articles, pending, count):
            os.kill(ingest.pid, signal.SIGKILL)
            ingest.wait()
            at_kill = {"articles": articles, "outbox_pending": pending,
                       "after_s": round(time.time() - started, 1)}
            break
        time.sleep(0.01)
    if at_kill is None:
        counts.close()
        return {"database": database, "point": point, "killed": False,
                "note": "the ingest finished before the point was seen"}
    after_kill = counts()
    counts.close()
    rerun = manage(env, "ingest", str(files), "--no-progress", "-v", "1",
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = rerun.communicate()
    checker = subprocess.run([sys.executable, __file__, "--check"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    if checker.returncode:
        raise SystemExit(checker.stderr)
    return {
        "database": database, "point": point, "killed_at": at_kill,
        "after_kill": {"articles": after_kill[0], "outbox_pending": after_kill[1]},
        "rerun": {"returncode": rerun.returncode, "stdout": out.strip().splitlines()[-2:],
                  "stderr_lines": len(err.strip().splitlines())},
        "index": json.loads(checker.stdout.strip().splitlines()[-1]),
        "files": count, "load": uptime(),
    }


def check() -> int:
    import django

    django.setup()
    from haystack import connections

    from archive.models import Article
    from search.indexing.sync import expected_identifiers, stale_articles
    from search.models import IndexOutbox

    indexed = connections["default"].get_backend().indexed_identifiers()
    expected, _ = expected_identifiers()
    print(json.dumps({
        "articles": Article.objects.count(), "documents": len(indexed),
        "missing": len(expected - indexed), "ghosts": len(indexed - expected),
        "stale": len(stale_articles()), "outbox_pending": IndexOutbox.objects.count(),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

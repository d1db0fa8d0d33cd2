"""Ingestion benchmark (issue 2): articles per second into SQLite and PostgreSQL, index off.

    .venv/bin/python bench/ingest_bench.py --count 10000 [--database sqlite|postgres|both]
                                           [--seed 1] [--work DIR] [--profile] [--keep]

1. Generates ``--count`` raw articles with ``bench.generate.generate(dir, count, seed=…)`` (reused
   when ``--work`` already holds them).
2. For each database, in a fresh database (a SQLite file under the work directory; PostgreSQL
   ``clippings_bench`` at 127.0.0.1:5432, user postgres, dropped and re-created), creates the
   tables, loads the known outlets (``load_sources``) and runs the real ``ingest`` command
   in-process (``call_command``) twice: a first ingest, then an idempotent re-run, which must
   change nothing and be much faster.
3. Prints files/s for both runs, their CPU time (and the writing process's own share of it), the
   command's own summary line and the peak memory (RSS) of each run, and checks the database
   afterwards (one article per created file). ``CLIPPINGS_BENCH_PG_DATABASE`` names another
   PostgreSQL database than ``clippings_bench``.

Each step runs in its own Python process (``bench.settings_bench``: search indexing and the
intelligence pass off), so the peak memory of a run is its own and each database gets clean
settings. ``--profile`` wraps each run in pyinstrument and writes its report beside the data.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
# (CLIPPINGS_BENCH_PG_DATABASE: another name, for engineers benchmarking side by side)
PG_DATABASE = os.environ.get("CLIPPINGS_BENCH_PG_DATABASE", "clippings_bench")
DATABASES = ("sqlite", "postgres")


# --------------------------------------------------------------------------- parent process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python bench/ingest_bench.py",
        description="Time `manage.py ingest` on generated articles into fresh SQLite and "
        "PostgreSQL databases, search indexing off: a first ingest and an idempotent re-run.",
    )
    parser.add_argument("--count", "-n", type=int, default=10_000,
                        help="articles to generate and ingest (default: 10000)")
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both",
                        help="which database to ingest into (default: both)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--work", type=Path, default=None,
                        help="directory for the articles, the SQLite file and profiles "
                        "(default: a temporary directory, removed afterwards)")
    parser.add_argument("--profile", action="store_true",
                        help="profile each ingest with pyinstrument (reports go to the work "
                        "directory; slows the runs down)")
    parser.add_argument("--workers", type=int, default=0,
                        help="ingest --workers (default 0: the command's automatic choice)")
    parser.add_argument("--no-story-reindex", action="store_true",
                        help="also disconnect the intelligence app's post_save receiver that "
                        "re-indexes an article's story members (an index hook that runs even "
                        "with indexing off), to measure what it costs")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work directory and the PostgreSQL database")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "DATABASE_URL", "ARTICLES"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child, profile=args.profile, workers=args.workers,
                     no_story_reindex=args.no_story_reindex)
    if args.count <= 0:
        parser.error("--count must be positive")

    work = args.work or Path(tempfile.mkdtemp(prefix="clippings-ingest-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        articles = generate_articles(work, args.count, args.seed)
        print(machine())
        which = DATABASES if args.database == "both" else (args.database,)
        for database in which:
            bench_database(database, work, articles, args)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def generate_articles(work: Path, count: int, seed: int) -> Path:
    from bench.generate import generate

    articles = work / f"articles-{count}-seed{seed}"
    done = articles / ".complete"
    if done.exists():
        print(f"articles: reusing {articles}")
        return articles
    shutil.rmtree(articles, ignore_errors=True)
    summary = generate(articles, count, seed=seed, progress=False)
    done.write_text(json.dumps({"files": summary.files, "bytes": summary.bytes}))
    print(f"articles: {summary.files:,} files ({summary.bytes / 1e6:.0f} MB, "
          f"{summary.sidecars} sidecars, {summary.with_comments} with comments, "
          f"{summary.syndicated_files} syndicated copies) in {articles}")
    return articles


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"machine: {os.cpu_count()} cores, {memory:.0f} GiB, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"PostgreSQL {postgres_version() or 'not reachable'}")


def postgres_version() -> str | None:
    try:
        import psycopg2
    except ImportError:  # pragma: no cover - psycopg2-binary is a runtime requirement
        return None
    try:
        with psycopg2.connect(f"{PG_SERVER}/postgres", connect_timeout=3) as connection:
            return connection.server_version and _pg_version(connection.server_version)
    except psycopg2.OperationalError:
        return None


def _pg_version(number: int) -> str:
    return f"{number // 10000}.{number % 10000}"


def recreate_postgres_database(drop_only: bool = False) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{PG_SERVER}/postgres", connect_timeout=5)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}"')
            if not drop_only:
                cursor.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    finally:
        connection.close()


def bench_database(database: str, work: Path, articles: Path, args) -> None:
    if database == "sqlite":
        path = work / "bench.sqlite3"
        for leftover in work.glob("bench.sqlite3*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    else:
        if postgres_version() is None:
            print(f"postgres: skipped, no server at {PG_SERVER}")
            return
        recreate_postgres_database()
        url = f"{PG_SERVER}/{PG_DATABASE}"
    try:
        run_child("setup", url, articles, args)
        first = run_child("ingest", url, articles, args)
        again = run_child("ingest", url, articles, args)
        check = run_child("verify", url, articles, args)
    finally:
        if database == "postgres" and not args.keep:
            recreate_postgres_database(drop_only=True)
    files = first["files"]
    print(f"\n{database}: {files:,} files")
    for label, run in (("first ingest", first), ("re-run", again)):
        print(f"  {label:13} {run['seconds']:7.2f} s  {files / run['seconds']:8,.0f} files/s  "
              f"(CPU {run['cpu']:.1f} s, writer {run['writer_cpu']:.1f})  "
              f"peak RSS {run['peak_mib']:,.0f} MiB  | {run['summary']}")
    print(f"  database: {check['articles']:,} articles, {check['comment_blocks']:,} comment "
          f"blocks, {check['sources']} outlets")
    if check["articles"] != first["created"] or again["created"] or again["updated"]:
        raise SystemExit(f"{database}: the database does not match the ingest summaries")


def run_child(step: str, url: str, articles: Path, args) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", step, url, str(articles)]
    if args.profile:
        command.append("--profile")
    command += ["--workers", str(args.workers)]
    if args.no_story_reindex:
        command.append("--no-story-reindex")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings_bench", DATABASE_URL=url,
               CLIPPINGS_DATA_DIR=str(articles.parent / "data"), PYTHONPATH=str(ROOT))
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench step {step!r} failed on {url}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- child process


def child(step: str, url: str, articles: str, *, profile: bool, workers: int,
          no_story_reindex: bool) -> int:
    import django

    django.setup()
    if no_story_reindex:
        from django.db.models.signals import post_save

        from archive.models import Article

        post_save.disconnect(sender=Article, dispatch_uid="clippings-story-members-reindex")
    from django.core.management import call_command

    from archive.models import Article, CommentBlock, Source

    if step == "setup":
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        call_command("load_sources", verbosity=0)
        print(json.dumps({"ok": True}))
        return 0
    if step == "verify":
        print(json.dumps({"articles": Article.objects.count(),
                          "comment_blocks": CommentBlock.objects.count(),
                          "sources": Source.objects.count()}))
        return 0

    stdout, stderr = StringIO(), StringIO()
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    started, cpu, own_cpu = time.perf_counter(), _cpu_seconds(), _cpu_seconds(own=True)
    call_command("ingest", articles, verbosity=1, no_progress=True, workers=workers,
                 stdout=stdout, stderr=stderr)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    own_cpu = _cpu_seconds(own=True) - own_cpu
    if profiler is not None:
        profiler.stop()
        engine = "sqlite" if url.startswith("sqlite") else "postgres"
        stamp = "rerun" if "unchanged" in stdout.getvalue() and " 0 created" in stdout.getvalue() \
            else "first"
        report = Path(articles).parent / f"profile-{engine}-{stamp}.txt"
        report.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
        sys.stderr.write(f"profile: {report}\n")
    summary = stdout.getvalue().strip().splitlines()[-1]
    counts = _summary_counts(summary)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "seconds": seconds,
        "cpu": cpu,
        "writer_cpu": own_cpu,
        "summary": summary,
        "files": sum(counts.values()),
        **counts,
        "peak_mib": max(own, workers) / 1024,
        "warnings": stderr.getvalue().count("\n"),
    }))
    return 0


def _cpu_seconds(*, own: bool = False) -> float:
    """CPU time of this process (the writer) and, unless ``own``, of its finished children (the
    parsing workers)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    seconds = usage.ru_utime + usage.ru_stime
    if not own:
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds += workers.ru_utime + workers.ru_stime
    return seconds


def _summary_counts(summary: str) -> dict[str, int]:
    """``10000 files: 9950 created, 0 updated, …`` -> {"created": 9950, …}."""
    counts = {}
    for part in summary.split(":", 1)[1].rstrip(".").split(","):
        number, outcome = part.split()
        counts[outcome] = int(number)
    return counts


if __name__ == "__main__":
    sys.exit(main())

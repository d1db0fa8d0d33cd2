"""Concurrent writers: 3 processes write at once for a while; none fails, and the index ends
equal to the database with no manual step (issue 13, docs/reliability.md "Writers and crashes").

    .venv/bin/python bench/writers_bench.py [--database sqlite|postgres|both] [--seconds 60]
                                            [--base 300] [--files-per-call 2]
                                            [--pg-database NAME] [--work DIR --keep]

For each database (a SQLite file in the work directory; ``--pg-database``,
``clippings_13b_writers`` by default, on 127.0.0.1:5432, dropped and re-created) the script
migrates, loads the outlets and ingests ``--base`` generated articles, then starts three writer
processes with the real settings (``config.settings.dev`` with DEBUG off: WAL, IMMEDIATE
transactions, the index outbox):

- **ingest**: ``call_command("ingest", folder)`` on a new folder of ``--files-per-call``
  generated files (2 by default: a newsroom's trickle, and many calls), again and again;
- **curator**: one service call at a time, as the admin makes them: hide a random public article,
  publish a random hidden one, edit a random headline (``save_article_edit``);
- **hider**: hides each newly ingested article 0.5 s after it was created (the race that left
  ghosts in the index).

Every call that raises (or an ingest that reports a failed file) counts as failed. When the
three have stopped, a fresh process compares the index with the database, without running
``sync_index``: ghosts (documents the public may not see), missing documents, stale documents
(content differing from the database), and outbox rows left pending.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.processes import environment, recreate_postgres, uptime  # noqa: E402

PG_DATABASE = "clippings_13b_writers"
ROLES = ("ingest", "curator", "hider")
FOLDERS_PER_SECOND = 8  # ingest folders prepared per second of the run (more than it can take)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--base", type=int, default=300, help="articles ingested before")
    parser.add_argument("--files-per-call", type=int, default=2,
                        help="files in each folder the ingest writer ingests")
    parser.add_argument("--pg-database", default=PG_DATABASE,
                        help=f"PostgreSQL database to drop and re-create (default {PG_DATABASE})")
    parser.add_argument("--work", help="work directory (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--child", nargs=2, metavar=("ROLE", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    work = Path(args.work or tempfile.mkdtemp(prefix="clippings-writers-"))
    work.mkdir(parents=True, exist_ok=True)
    databases = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    print(f"load before: {uptime()}")
    try:
        for database in databases:
            report = run_database(database, work / database, args.seconds, args.base,
                                  args.files_per_call, args.pg_database)
            print(json.dumps(report, indent=1), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if "postgres" in databases:
                recreate_postgres(args.pg_database, drop_only=True)
    print(f"load after: {uptime()}")
    return 0


def run_database(database: str, data_dir: Path, seconds: float, base: int, per_call: int,
                 pg_database: str) -> dict:
    from bench.generate import generate

    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    if database == "postgres":
        recreate_postgres(pg_database)
    env = environment(database, data_dir, pg_database)
    # Enough new files for the whole run: one folder of ``per_call`` files per ingest call.
    folders = int(seconds * FOLDERS_PER_SECOND) + 10
    generate(data_dir / "files", base + folders * per_call, seed=13, progress=False)
    files = sorted((data_dir / "files").glob("*.txt"))
    (data_dir / "base").mkdir()
    for path in files[:base]:
        _move_with_sidecar(path, data_dir / "base")
    rest = files[base:]
    for n in range(folders):
        folder = data_dir / "incoming" / f"{n:04d}"
        folder.mkdir(parents=True)
        for path in rest[n * per_call:(n + 1) * per_call]:
            _move_with_sidecar(path, folder)
    setup = _child(env, "setup", str(data_dir / "base"))
    setup.wait()
    if setup.returncode:
        raise SystemExit(f"setup failed: {setup.stderr.read()}")
    deadline = time.time() + seconds
    started = time.time()
    writers = {role: _child(env, role, f"{deadline}:{data_dir}") for role in ROLES}
    results = {}
    for role, process in writers.items():
        out, err = process.communicate()
        if process.returncode:
            raise SystemExit(f"{role} crashed: {err}")
        results[role] = json.loads(out.strip().splitlines()[-1])
    elapsed = time.time() - started
    check = _child(env, "check", "-")
    out, err = check.communicate()
    if check.returncode:
        raise SystemExit(f"check failed: {err}")
    return {"database": database, "seconds": round(elapsed, 1), "load": uptime(),
            "writers": results, "index": json.loads(out.strip().splitlines()[-1])}


def _move_with_sidecar(path: Path, folder: Path) -> None:
    path.rename(folder / path.name)
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        sidecar.rename(folder / sidecar.name)


def _child(env: dict, role: str, arg: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--child", role, arg], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- the child processes -------------------------------------------------------------------


def child(role: str, arg: str) -> int:
    import django

    django.setup()
    if role == "setup":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_sources", verbosity=0)
        call_command("ingest", arg, verbosity=0, no_progress=True)
        return 0
    if role == "check":
        print(json.dumps(check_index()))
        return 0
    deadline, data_dir = arg.split(":", 1)
    writer = {"ingest": ingest_writer, "curator": curator_writer, "hider": hider_writer}[role]
    print(json.dumps(writer(float(deadline), Path(data_dir))))
    return 0


class Tally:
    def __init__(self):
        self.calls = self.failed = 0
        self.errors: dict[str, int] = {}
        self.waits: list[float] = []

    def call(self, function, *args, **kwargs):
        self.calls += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 (counted: the figure this bench measures)
            self.failed += 1
            key = f"{type(error).__name__}: {str(error)[:120]}"
            self.errors[key] = self.errors.get(key, 0) + 1
            return None
        finally:
            self.waits.append(time.perf_counter() - started)

    def report(self, **extra) -> dict:
        waits = sorted(self.waits) or [0.0]
        return {"calls": self.calls, "failed": self.failed, "errors": self.errors,
                "p50_s": round(waits[len(waits) // 2], 3),
                "max_s": round(waits[-1], 3), **extra}


def ingest_writer(deadline: float, data_dir: Path) -> dict:
    from io import StringIO

    from django.core.management import call_command

    tally = Tally()
    files = 0
    for folder in sorted((data_dir / "incoming").iterdir()):
        if time.time() >= deadline:
            break
        tally.call(call_command, "ingest", str(folder), verbosity=0, no_progress=True,
                   workers=1, stdout=StringIO(), stderr=StringIO())
        files += len(list(folder.glob("*.txt")))
    return tally.report(files=files)


def curator_writer(deadline: float, data_dir: Path) -> dict:
    from archive.curation import status
    from archive.curation.edits import save_article_edit
    from archive.models import Article

    tally = Tally()
    rng = random.Random(7)
    done = {"hide": 0, "publish": 0, "edit": 0}
    while time.time() < deadline:
        action = rng.choice(("hide", "publish", "edit"))
        ids = list(Article.objects.filter(
            status=Article.Status.HIDDEN if action == "publish" else Article.Status.PUBLISHED
        ).values_list("pk", flat=True)[:500])
        if not ids:
            continue
        pk = rng.choice(ids)
        if action == "hide":
            tally.call(status.hide, articles=Article.objects.filter(pk=pk), reason="bench")
        elif action == "publish":
            tally.call(status.publish, articles=Article.objects.filter(pk=pk))
        else:
            def edit(pk=pk):
                article = Article.objects.get(pk=pk)
                article.headline = f"Edited {rng.random():.6f} {article.headline[:60]}"
                save_article_edit(article=article, reason="bench")
            tally.call(edit)
        done[action] += 1
    return tally.report(**done)


def hider_writer(deadline: float, data_dir: Path) -> dict:
    from django.db.models import Max
    from django.utils import timezone

    from archive.curation import status
    from archive.models import Article

    tally = Tally()
    seen = Article.objects.aggregate(top=Max("pk"))["top"] or 0
    hidden = 0
    while time.time() < deadline:
        new = list(Article.objects.filter(pk__gt=seen).order_by("pk")
                   .values_list("pk", "created_at"))
        if not new:
            time.sleep(0.05)
            continue
        seen = new[-1][0]
        wait = (new[-1][1] - timezone.now()).total_seconds() + 0.5
        if wait > 0:
            time.sleep(wait)
        ids = [pk for pk, _ in new]
        if tally.call(status.hide, articles=Article.objects.filter(pk__in=ids),
                      reason="hidden 0.5 s after ingest") is not None:
            hidden += len(ids)
    return tally.report(hidden=hidden)


def check_index() -> dict:
    from haystack import connections

    from archive.models import Article
    from search.indexing.sync import expected_identifiers, stale_articles
    from search.models import IndexOutbox

    indexed = connections["default"].get_backend().indexed_identifiers()
    expected, _ = expected_identifiers()
    return {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "documents": len(indexed),
        "ghosts": len(indexed - expected),
        "missing": len(expected - indexed),
        "stale": len(stale_articles()),
        "outbox_pending": IndexOutbox.objects.count(),
    }


if __name__ == "__main__":
    raise SystemExit(main())

"""The ingest writer's bulk step alone: ``create_parsed_articles`` on N parsed articles.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 DJANGO_SETTINGS_MODULE=bench.settings_bench \\
        .venv/bin/python bench/writer_micro.py ARTICLES_DIR N [--reps R] [--orm] [--no-setup]

Parses the first N ``.txt`` files of ARTICLES_DIR in this process (cached in a pickle beside
them), then writes them in batches of 500, each batch rolled back, R times, and prints the best
CPU time an article. ``--orm`` writes with ``bulk_create_with_history`` (the code before
``archive.ingestion.inserts``). For instruction counts run it under
``valgrind --tool=callgrind`` with N and with 0 (``--no-setup`` on a database set up before,
so that the migrations are not counted) and subtract.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--orm", action="store_true")
    parser.add_argument("--no-setup", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from archive.ingestion import services

    if not args.no_setup:
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        call_command("load_sources", verbosity=0)
    if args.orm:
        from simple_history.utils import bulk_create_with_history

        services.insert_with_history = bulk_create_with_history
    items = parsed(args.articles, args.count)
    sources: dict = {}
    best = None
    for _ in range(args.reps):
        started = time.process_time()
        for start in range(0, len(items), 500):
            with transaction.atomic():
                services.create_parsed_articles(items=items[start:start + 500], sources=sources)
                transaction.set_rollback(True)
        spent = time.process_time() - started
        best = spent if best is None else min(best, spent)
    per_article = best / max(1, len(items)) * 1000
    print(f"{connection.vendor}, {'ORM' if args.orm else 'inserts'}: {len(items)} articles, best "
          f"of {args.reps}: {per_article:.3f} ms of CPU an article; load {os.getloadavg()}")
    return 0


def parsed(folder: Path, count: int) -> list:
    from archive.ingestion.services import NewArticle, load_signatures
    from archive.ingestion.sidecar import read_sidecar
    from archive.parsing import parse_document
    from archive.parsing.outlets import compile_signatures

    cache = folder.parent / f"writer-micro-{count}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own cache
    matcher = compile_signatures(load_signatures())
    items = []
    for path in sorted(folder.glob("*.txt"))[:count]:
        raw = path.read_bytes()
        items.append(NewArticle(path.name, hashlib.sha256(raw).hexdigest(),
                                parse_document(raw, matcher), read_sidecar(path)))
    cache.write_bytes(pickle.dumps(items))
    return items


if __name__ == "__main__":
    sys.exit(main())

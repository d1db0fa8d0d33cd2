"""CPU per article of each stage of building a segment (issue 16), in one process:

    .venv/bin/python bench/index_stages.py --work DIR [--count 2000] [--repeat 3]

``DIR`` is an ``index_bench.py rebuild`` work directory (its ``data/clippings.sqlite3`` holds the
ingested articles). Reads the first ``--count`` published articles the way ``rebuild_index``'s
workers do (``READ_BATCH`` at a time), and times with ``time.process_time()``: reading the rows,
preparing the documents (``_prepare``: haystack's ``full_prepare``, the intelligence fields),
adding them to a ``SegmentBuilder`` (analysis, postings) and ``finish()`` (sorting, writing the
segment), into a temporary directory. Best of ``--repeat`` runs per stage; the load is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/index_stages.py")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0",
                      CLIPPINGS_DATA_DIR=str(args.work / "data"))
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from haystack import connections
    from whoosh import index as whoosh_index

    from archive.models import Article
    from search.engine.segments import SegmentBuilder
    from search.indexing.bulk import READ_BATCH

    backend = connections["default"].get_backend()
    backend.setup()
    index = connections["default"].get_unified_index().get_index(Article)
    best: dict[str, float] = {}
    print(f"load before {os.getloadavg()}", flush=True)
    for _ in range(args.repeat):
        times = dict.fromkeys(("read", "prepare", "add", "finish"), 0.0)
        with tempfile.TemporaryDirectory() as tmp:
            ix = whoosh_index.create_in(tmp, backend.schema)
            builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
            queryset = index.index_queryset().order_by("pk")
            last, done = None, 0
            while done < args.count:
                t0 = time.process_time()
                qs = queryset if last is None else queryset.filter(pk__gt=last)
                batch = list(qs[:min(READ_BATCH, args.count - done)])
                t1 = time.process_time()
                if not batch:
                    break
                last, done = batch[-1].pk, done + len(batch)
                documents = backend._prepare(index, batch)
                t2 = time.process_time()
                for document in documents:
                    builder.add_document(document)
                t3 = time.process_time()
                times["read"] += t1 - t0
                times["prepare"] += t2 - t1
                times["add"] += t3 - t2
            t0 = time.process_time()
            builder.finish()
            times["finish"] = time.process_time() - t0
        for key, value in times.items():
            best[key] = min(best.get(key, value), value)
    total = sum(best.values())
    per = {k: 1000 * v / done for k, v in best.items()}
    print(f"{done:,} articles, best of {args.repeat}: "
          + "; ".join(f"{k} {v:.3f} ms" for k, v in per.items())
          + f"; all {1000 * total / done:.3f} ms an article = {done / total:,.0f} articles per"
            f" CPU second", flush=True)
    print(f"load after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

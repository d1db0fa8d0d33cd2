"""CPU of the ingest's parse workers, per article, for any checkout of the code.

    .venv/bin/python bench/worker_parse_bench.py TREE DIR N
    N=300 valgrind --tool=callgrind .venv/bin/python bench/worker_parse_bench.py TREE DIR 300

``TREE`` is a checkout (``.`` or ``git archive REV | tar -x -C TREE``), ``DIR`` generated
articles (``ingest_bench --keep``'s ``articles-10000-seed1``). Runs what a worker of
``manage.py ingest`` runs on the first ``N`` ``*.txt`` files, in tasks as the pool cuts them
(``archive.ingestion.parallel._parse_chunk``, with the fixture outlets), and pickles each task's
results as the pool sends them back; then unpickles them as the writer does. Prints one JSON line:
CPU seconds of the imports and of compiling the signatures, and CPU ms per article of the
worker (parse + pickling) and of the writer's unpickling, with the load average. Under
``valgrind``, the instructions of a run with ``N`` less those of a run with 0 are the workers'.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sys
from pathlib import Path


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    tree, articles = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    count = int(sys.argv[3])
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    started = cpu()
    from archive.ingestion import parallel  # noqa: PLC0415 - the tree is chosen at run time
    from archive.parsing import compile_signatures, signature_from_text  # noqa: PLC0415

    imported = cpu()
    records = json.loads((tree / "fixtures" / "sources.json").read_text(encoding="utf-8"))
    parallel._matcher = compile_signatures([
        signature_from_text(f["slug"], f["name"], f.get("domain", ""), f.get("signatures", ""))
        for f in (record["fields"] for record in records)
    ])
    compiled = cpu()
    documents = [parallel.Document(path.read_bytes())
                 for path in sorted(articles.glob("*.txt"))[:count]]
    tasks = list(parallel.chunked(documents))
    before = cpu()
    sent = [pickle.dumps(parallel._parse_chunk(task), protocol=pickle.HIGHEST_PROTOCOL)
            for task in tasks]
    parsed = cpu()
    for blob in sent:
        pickle.loads(blob)  # noqa: S301 - our own bytes
    done = cpu()
    per = 1000 / max(1, count)
    print(json.dumps({
        "tree": str(tree), "articles": count, "import_s": round(imported - started, 3),
        "compile_s": round(compiled - imported, 3),
        "worker_ms": round((parsed - before) * per, 4),
        "unpickle_ms": round((done - parsed) * per, 4),
        "bytes": sum(map(len, sent)) // max(1, count),
        "load": Path("/proc/loadavg").read_text().split()[:3],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

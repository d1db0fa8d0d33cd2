"""Newsroom-intelligence benchmark (issue 6).

    .venv/bin/python bench/intelligence_bench.py ingest  [--count 10000] [--seed 1] [--work DIR]
                                                         [--database sqlite|postgres|both]
                                                         [--repeat N]
    .venv/bin/python bench/intelligence_bench.py cluster [--count 100000] [--seed 1] [--work DIR]
    .venv/bin/python bench/intelligence_bench.py extract [--count 1000]

``ingest``: generates ``--count`` articles (``bench.generate``), then runs the real ``ingest``
command (``--workers 0``, the default) into a fresh database twice, each in its own process: with
the intelligence pass off and on (``CLIPPINGS_INTELLIGENCE_AT_INGEST``; search indexing off in
both, as in ``bench/ingest_bench.py``, including the re-indexing of story members that the
intelligence pass queues). The database is a SQLite file in the work directory (the default), or
``clippings_bench`` on the machine's PostgreSQL (dropped and re-created, as by
``bench/ingest_bench.py``). Prints articles/s, peak RSS, the CPU milliseconds an article of the
writing process and of the parse workers, and the stories, entities and quotes stored.

``cluster``: ``batch_clusters`` (datasketch MinHash signatures, 128 permutations, in two uint32
matrices; LSH bands as sorted numpy key arrays) over ``--count`` generated articles (raw text, no
database), in a child process whose peak RSS is the figure for "clustering 100,000 articles fits
in 1 GB". Prints the times, peak RSS and the multi-article stories found.

``extract``: per-article milliseconds of each extraction step (pure Python, one core), after one
warm-up call per step (imports and per-process set-up left out).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _generate(work: Path, count: int, seed: int) -> Path:
    folder = work / f"articles-{count}-{seed}"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) < count:
        from bench.generate import generate

        generate(str(folder), count, seed=seed)
    return folder


def _calibration_ms() -> float:
    """CPU milliseconds of a fixed pure-Python loop: how fast this (shared, virtual) machine runs
    right now (bench/README.md gives the figures: the same ingest's CPU time varies with it)."""
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number * number % 7
    return round(1000 * (time.process_time() - started))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- ingest


def ingest(args) -> dict:
    work = args.work or Path(tempfile.mkdtemp(prefix="clippings-intel-bench-"))
    folder = _generate(work, args.count, args.seed)
    databases = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    results = {}
    for repeat in range(1, args.repeat + 1):  # passes alternate, so that a slow spell hits both
        for database in databases:
            for label, enabled in (("off", "0"), ("on", "1")):
                name = label if len(databases) == 1 else f"{database}-{label}"
                if args.repeat > 1:
                    name += f"-{repeat}"
                results[name] = _ingest_once(database, work, folder, label, enabled)
    if args.repeat > 1:
        runs = list(results.values())
        for database in databases:
            for label in ("off", "on"):
                rates = sorted(r["articles_per_second"] for r in runs
                               if r["database"] == database and r["pass"] == label)
                results[f"{database}-{label}-median"] = rates[len(rates) // 2]
    return {"articles": args.count, **results}


def _ingest_once(database: str, work: Path, folder: Path, label: str, enabled: str) -> dict:
    from bench.ingest_bench import PG_DATABASE, PG_SERVER, recreate_postgres_database

    if database == "postgres":
        recreate_postgres_database()
        url = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        path = work / f"ingest-{label}.sqlite3"
        for leftover in work.glob(f"{path.name}*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
        DATABASE_URL=url,
        CLIPPINGS_DATA_DIR=str(work / f"data-{label}"),
        BENCH_INTELLIGENCE=enabled,
    )
    try:
        out = subprocess.run(
            [sys.executable, __file__, "ingest-child", str(folder)],
            env=env, capture_output=True, text=True, check=False,
        )
    finally:
        if database == "postgres":
            recreate_postgres_database(drop_only=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return {"database": database, "pass": label,
            **json.loads(out.stdout.strip().splitlines()[-1])}


def ingest_child(folder: str) -> None:
    import django
    from django.conf import settings

    django.setup()
    settings.CLIPPINGS_INTELLIGENCE_AT_INGEST = os.environ["BENCH_INTELLIGENCE"] == "1"
    import search.indexing

    # Search indexing left out, as in issue 2's ingest figure (bench/settings_bench.py): the
    # stories' members re-indexed after a batch (``refresh_story``) would otherwise add a Whoosh
    # commit per batch. queue_reindex's on-commit callback looks this name up when it runs.
    search.indexing.reindex_articles = lambda ids, **kwargs: 0
    from io import StringIO

    from django.core.management import call_command

    from archive.models import Article
    from newsroom.models import Entity, Mention, Quote, Story

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("load_sources", verbosity=0)
    calibration = _calibration_ms()
    started, cpu = time.perf_counter(), time.process_time()
    call_command("ingest", folder, "--no-progress", verbosity=0, stdout=StringIO())
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # The parse workers have ended (the pool is joined when the run closes): their CPU time.
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    articles = Article.objects.count()
    print(json.dumps({
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / seconds, 1),
        "articles": articles,
        "stories": Story.objects.count(),
        "stories_with_2_or_more": Story.objects.filter(size__gte=2).count(),
        "entities": Entity.objects.count(),
        "mentions": Mention.objects.count(),
        "quotes": Quote.objects.count(),
        "peak_rss_mb": round(_peak_rss_mb()),
        # CPU milliseconds an article: the writing process, and the parse workers together.
        "writer_cpu_ms": round(1000 * cpu / articles, 2),
        "workers_cpu_ms": round(1000 * (workers.ru_utime + workers.ru_stime) / articles, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "calibration_ms": calibration,
    }))


# --------------------------------------------------------------------------- cluster


def cluster(args) -> dict:
    work = args.work or Path(tempfile.mkdtemp(prefix="clippings-intel-bench-"))
    folder = _generate(work, args.count, args.seed)
    out = subprocess.run(
        [sys.executable, __file__, "cluster-child", str(folder)],
        capture_output=True, text=True, check=False,
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cluster_child(folder: str) -> None:
    from newsroom.extraction.clusters import (
        ClusterSettings,
        SignatureMatrix,
        batch_clusters,
        fingerprint,
    )

    before = _peak_rss_mb()
    settings = ClusterSettings()
    paths = sorted(Path(folder).glob("*.txt"))
    signatures = SignatureMatrix(len(paths), settings)
    started = time.perf_counter()
    for path in paths:  # one text in memory at a time
        signatures.add(fingerprint(path.read_text(encoding="utf-8", errors="replace"), settings))
    fingerprinted = time.perf_counter()
    clusters = batch_clusters(signatures)
    done = time.perf_counter()
    print(json.dumps({
        "articles": signatures.count,
        "fingerprint_seconds": round(fingerprinted - started, 1),
        "cluster_seconds": round(done - fingerprinted, 1),
        "stories": len(clusters),
        "stories_with_2_or_more": sum(1 for c in clusters if len(c) > 1),
        "articles_in_multi_article_stories": sum(len(c) for c in clusters if len(c) > 1),
        "largest_story": max(len(c) for c in clusters),
        "peak_rss_mb": round(_peak_rss_mb()),
        "rss_before_mb": round(before),
    }))


# --------------------------------------------------------------------------- extract


def extract(args) -> dict:
    from archive.parsing import parse_article
    from newsroom.extraction.clusters import ClusterSettings, band_keys, fingerprint
    from newsroom.extraction.entities import extract_entities
    from newsroom.extraction.quotes import extract_quotes

    work = args.work or Path(tempfile.mkdtemp(prefix="clippings-intel-bench-"))
    folder = _generate(work, args.count, args.seed)
    bodies = [parse_article(p.read_bytes(), []).body for p in sorted(folder.glob("*.txt"))]
    settings = ClusterSettings()
    steps = {
        "entities": extract_entities,
        "quotes": extract_quotes,
        "fingerprint_and_bands": lambda body: band_keys(fingerprint(body, settings), settings),
    }
    result = {"articles": len(bodies),
              "mean_words": round(sum(len(b.split()) for b in bodies) / len(bodies))}
    total = 0.0
    for name, step in steps.items():
        # Once per process, not per article: imports, compiled patterns, datasketch's search for
        # the LSH banding of each threshold (about half a second). Left out of the figures.
        step("A warm-up text: “Nothing here is quoted at any length,” said Jane Roe of Omaha.")
        started = time.perf_counter()
        for body in bodies:
            step(body)
        ms = 1000 * (time.perf_counter() - started) / len(bodies)
        result[f"{name}_ms"] = round(ms, 2)
        total += ms
    result["all_three_ms"] = round(total, 2)
    result["articles_per_second_one_core"] = round(1000 / total, 1)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/intelligence_bench.py",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["ingest", "cluster", "extract", "ingest-child",
                                         "cluster-child"])
    parser.add_argument("folder", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--count", "-n", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite",
                        help="ingest: the database written to (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="ingest: run every pass this many times, alternating (default: 1)")
    parser.add_argument("--work", type=Path, default=None,
                        help="where generated articles and databases go (reused if present)")
    args = parser.parse_args(argv)
    if args.what == "ingest-child":
        ingest_child(args.folder)
        return 0
    if args.what == "cluster-child":
        cluster_child(args.folder)
        return 0
    args.count = args.count or {"ingest": 10_000, "cluster": 100_000, "extract": 1000}[args.what]
    result = {"ingest": ingest, "cluster": cluster, "extract": extract}[args.what](args)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

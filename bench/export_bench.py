"""Export benchmark: stream a 100,000-result search as CSV and as JSON Lines, and measure the
peak memory of the process doing it.

    .venv/bin/python bench/export_bench.py [--count 100000] [--work /tmp/clippings-export-bench]
                                           [--words 250]

Set-up (skipped when ``--work`` already holds ``count`` indexed articles): creates ``count``
published articles directly in the database (bulk inserts; bodies of about ``--words`` words
from ``bench/vocabulary.py``, every one containing "council", 20 outlets, dates 2008–2024), then
``rebuild_index``. Everything lives under ``--work`` (its own SQLite database and Whoosh index;
never var/).

Measurement: for each format a fresh child process (so set-up memory never counts) sets Django up,
warms up with a one-row export, records its resident memory, then requests
``/search/?q=council&sort=newest&format=csv`` (and ``format=jsonl``) through Django's test client
and consumes the streamed response chunk by chunk, as a WSGI server would. It reports the rows,
bytes, time to the first chunk, total time, the process's peak RSS (``getrusage``) and the
Python-allocation peak during the export (``tracemalloc``). The target: peak RSS under 150 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402

QUERY = {"q": "council", "sort": "newest"}
OUTLETS = 20
BATCH = 2000


def setup_django(work: Path) -> None:
    os.environ["CLIPPINGS_DATA_DIR"] = str(work / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every SQL query in memory
    import django

    django.setup()


def _body(rng: Random, words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        sentence_words = [rng.choice(V.DETERMINERS).capitalize(), rng.choice(V.ADJECTIVES),
                          rng.choice(V.NOUNS), rng.choice(V.VERBS), rng.choice(V.PREPOSITIONS),
                          rng.choice(V.DETERMINERS), rng.choice(V.NOUNS)]
        sentences = [" ".join(sentence_words) + "." for _ in range(4)]
        paragraphs.append(" ".join(sentences))
        count += 4 * len(sentence_words)
    paragraphs[0] = "The city council met on " + rng.choice(V.WEEKDAYS) + ". " + paragraphs[0]
    return "\n\n".join(paragraphs)


def populate(count: int, words: int) -> None:
    from django.core.management import call_command

    from archive.models import Article, Source

    call_command("migrate", verbosity=0, interactive=False)
    have = Article.objects.count()
    if have >= count:
        print(f"set-up: reusing {have:,} articles and their index")
        return
    Article.objects.all().delete()
    sources = [
        Source.objects.get_or_create(slug=f"outlet-{n}", defaults={"name": f"Outlet {n}"})[0]
        for n in range(OUTLETS)
    ]
    rng = Random(4)
    started = time.perf_counter()
    day_span = (dt.date(2024, 12, 31) - dt.date(2008, 1, 1)).days
    for first in range(0, count, BATCH):
        rows = []
        for n in range(first, min(count, first + BATCH)):
            title = f"{rng.choice(V.ADJECTIVES).capitalize()} {rng.choice(V.NOUNS)} story {n}"
            body = _body(rng, words)
            raw = f"{title}\n\n{body}\n".encode()
            rows.append(Article(
                headline=title, title=title, slug=f"story-{n}", source=rng.choice(sources),
                published=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(day_span)),
                byline=f"{rng.choice(V.FIRST_NAMES)} {rng.choice(V.SURNAMES)}",
                body=body, word_count=len(body.split()), raw=raw,
                raw_sha256=hashlib.sha256(raw).hexdigest(), file_name=f"bench_{n:07d}.txt",
            ))
        Article.objects.bulk_create(rows)
    print(f"set-up: {count:,} articles created in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    call_command("rebuild_index", interactive=False, verbosity=0)
    print(f"set-up: rebuild_index in {time.perf_counter() - started:.0f} s")


def rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure(work: Path, fmt: str, *, trace: bool) -> dict:
    """In this (fresh) process: stream one export, return the figures. ``trace`` also records
    the Python-allocation peak (tracemalloc slows Python down: its run's time is not reported)."""
    setup_django(work)
    from django.test import Client

    import search.views.exports as exports

    client = Client()
    # Warm-up: imports, templates, the engine's reader and caches for this query (the search
    # page itself), one small export. The baseline is what a process serving this search holds.
    assert client.get("/search/", QUERY).status_code == 200
    warm = client.get("/search/", {**QUERY, "format": fmt, "to": "2008-01-02"})
    b"".join(warm.streaming_content)
    baseline = rss_mb()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/search/", {**QUERY, "format": fmt})
    assert response.streaming, "the export must be a StreamingHttpResponse"
    first_chunk_at = None
    size = lines = 0
    for chunk in response.streaming_content:
        if first_chunk_at is None:
            first_chunk_at = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB -> MB
    rows = lines - 1 if fmt == "csv" else lines  # CSV: a header line
    return {
        "format": fmt,
        "rows": rows,
        "bytes": size,
        "chunk": exports.EXPORT_CHUNK,
        "first_chunk_s": round(first_chunk_at or 0, 2),
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "baseline_rss_mb": round(baseline, 1),
        "peak_rss_before_mb": round(peak_before, 1),
        "rss_after_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak, 1),
        "tracemalloc_peak_mb": round(traced_peak / 1e6, 1) if trace else None,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-export-bench"))
    parser.add_argument("--measure", choices=["csv", "jsonl"], help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.measure:
        print(json.dumps(measure(args.work, args.measure, trace=args.trace)))
        return 0
    setup_django(args.work)
    populate(args.count, args.words)
    results = []
    for fmt, trace in (("csv", False), ("jsonl", True)):
        command = [sys.executable, __file__, "--work", str(args.work), "--measure", fmt]
        child = subprocess.run(
            command + (["--trace"] if trace else []), capture_output=True, text=True, check=True
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        results.append(figures)
        print(json.dumps(figures))
        timing = "" if trace else (
            f" in {figures['seconds']} s ({figures['rows_per_s']:,} rows/s), first chunk after "
            f"{figures['first_chunk_s']} s"
        )
        traced = (f"; Python allocations peak {figures['tracemalloc_peak_mb']} MB"
                  if trace else "")
        print(
            f"{fmt}: {figures['rows']:,} rows, {figures['bytes'] / 1e6:.1f} MB{timing}; RSS "
            f"{figures['baseline_rss_mb']} MB after warm-up (peak so far "
            f"{figures['peak_rss_before_mb']} MB), peak {figures['peak_rss_mb']} MB, "
            f"{figures['rss_after_mb']} MB after{traced}"
        )
    ok = all(r["peak_rss_mb"] < 150 and r["rows"] >= args.count for r in results)
    print("target (every row, peak RSS < 150 MB):", "met" if ok else "NOT met")
    for r in results:
        own = max(r["peak_rss_mb"], r["rss_after_mb"]) - r["baseline_rss_mb"]
        print(f"{r['format']}: the export's own growth over the warmed process: {own:.1f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

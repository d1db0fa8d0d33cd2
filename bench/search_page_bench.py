"""What the search page adds on top of the engine: the same 40-query mix as
``bench/search_bench.py``, timed (a) as the engine work the page asks for (``build_search`` →
a page of 20, the count and the facet counts) and (b) as the whole page through Django's test
client (form, engine, disjunctive facet counts, database rows, snippets, links, template).

    .venv/bin/python bench/search_page_bench.py [--count 5000] [--work /tmp/clippings-page-bench]
                                                [--reps 3] [--profile]

Everything lives under ``--work`` (its own database and index; never var/).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402


def queries() -> list[str]:
    rare = list(V.RARE_WORDS[:10])
    common = list(V.NOUNS[:10])
    both = [f"{a} {b}" for a, b in zip(V.NOUNS[10:20], V.NOUNS[40:50], strict=True)]
    phrases = [f'"{a} {b}"' for a, b in zip(V.ADJECTIVES[:10], V.NOUNS[:10], strict=True)]
    return rare + common + both + phrases


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def setup(work: Path, count: int) -> None:
    os.environ["CLIPPINGS_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    from archive.models import Article
    from bench.generate import generate

    settings.CLIPPINGS_INTELLIGENCE_AT_INGEST = False
    corpus = work / "corpus"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) < count:
        generate(str(corpus), count, seed=7)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_sources", verbosity=0)
    if Article.objects.count() < count * 0.95:
        apps.get_app_config("haystack").signal_processor.teardown()
        call_command("ingest", str(corpus), verbosity=0, no_progress=True)
        call_command("rebuild_index", interactive=False, verbosity=0)
    print(f"{Article.objects.count():,} articles")


def engine(params: dict) -> int:
    from search.querying import build_search, facet_counts

    sqs = build_search(params)
    list(sqs[:20])
    facet_counts(params, sqs)
    return sqs.count()


def timed(label: str, run, items, reps: int) -> list[float]:
    for item in items:
        run(item)  # warm
    times = []
    for _ in range(reps):
        for item in items:
            started = time.perf_counter()
            run(item)
            times.append((time.perf_counter() - started) * 1000)
    print(f"{label}: p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-page-bench"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    setup(args.work, args.count)

    from django.test import Client

    client = Client()
    qs = queries()
    outlet = engine_outlet = None
    from search.querying import build_search

    top = build_search({}).facet_counts()["fields"].get("outlet_exact", [])
    outlet = top[0][0] if top else "Unknown outlet"
    engine_outlet = {"outlet": [outlet]}

    def page(q: str, extra=None):
        response = client.get("/search/", {"q": q, **(extra or {})})
        assert response.status_code == 200, response.status_code

    timed("engine work of the page (build_search, 20 hits, count, facet counts)",
          lambda q: engine({"q": q}), qs, args.reps)
    timed("whole page /search/?q=…", page, qs, args.reps)
    timed(f"engine work with outlet={outlet!r} (one extra facet search)",
          lambda q: engine({"q": q, **engine_outlet}), qs, args.reps)
    timed(f"whole page /search/?q=…&outlet={outlet}", lambda q: page(q, engine_outlet), qs,
          args.reps)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for q in qs:
            page(q)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()

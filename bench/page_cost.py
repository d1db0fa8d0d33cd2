"""CPU cost of each kind of page in the wrk mix (issue 13), measured in-process on the archive
that ``bench/wrk_bench.py`` loads, with production settings.

    .venv/bin/python bench/page_cost.py --data DIR [--profile KIND] [--top 30]

``DIR`` is the ``CLIPPINGS_DATA_DIR`` built by ``bench/build_wrk_archive.sh``. Each path is
requested once through Django's full stack (middleware, view, template) after one warm-up
request per kind on other paths (modules imported, templates compiled, the index opened), and
timed with ``time.process_time()``: CPU, not wall clock, so the figures hold on a shared
machine. Nothing is repeated: a search's cost is its first execution.

Kinds: home (pages 1-3), search (a word), search + outlet facet, search page 2, article,
outlet, date archive (year). ``--profile KIND`` runs cProfile over that kind's requests and
prints the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.wrk_bench import SECRET, WORDS  # noqa: E402

OTHER_WORDS = ("weather", "science", "family", "street", "money")  # the warm-up's, not measured
# Requests of each kind in 100 of wrk_bench's mix (the CSS, 2 %, is served by whitenoise).
MIX = {"home": 20, "search": 30, "search+outlet": 5, "search page 2": 5, "article": 25,
       "outlet": 10, "date archive": 3}


def setup(data: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("DEBUG", None)
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY=SECRET,
                      ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
                      CLIPPINGS_DATA_DIR=str(data))
    import django

    django.setup()


def paths_by_kind(per_kind: int) -> dict[str, list[str]]:
    from archive.models import Article, Source

    rng = random.Random(13)
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(1, len(ids) // (per_kind * 2))][: per_kind * 2]  # the same each run
    articles = list(Article.objects.filter(pk__in=chosen).order_by("pk"))
    outlets = list(Source.objects.values_list("name", flat=True)[:20])
    sources = [s.get_absolute_url() for s in Source.objects.all()[:40]]
    years = sorted({a.published.year for a in articles if a.published}) or [2018]
    words = list(WORDS)
    return {
        "home": ["/", "/?page=2", "/?page=3"],
        "search": [f"/search/?q={w}" for w in words],
        "search+outlet": [f"/search/?q={w}&outlet={quote(rng.choice(outlets))}" for w in words],
        "search page 2": [f"/search/?q={w}&page=2" for w in words],
        "article": [a.get_absolute_url() for a in articles[:per_kind]],
        "outlet": sources[:per_kind],
        "date archive": [f"/archive/{y}/" for y in years[:per_kind]],
    }


def warm_paths() -> dict[str, str]:
    from archive.models import Article, Source

    article = Article.objects.published().order_by("-pk").first()
    return {
        "home": "/?page=5",
        "search": f"/search/?q={OTHER_WORDS[0]}",
        "article": article.get_absolute_url(),
        "outlet": Source.objects.order_by("-pk").first().get_absolute_url(),
        "date archive": "/archive/",
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--profile", help="a kind to profile with cProfile")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    setup(args.data)
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in warm_paths().values():
        assert client.get(path).status_code == 200, path
    kinds = paths_by_kind(args.per_kind)
    if args.profile:
        kinds = {args.profile: kinds[args.profile]}
    profiler = cProfile.Profile() if args.profile else None
    print(f"{'kind':<15} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'mean ms':>8}")
    means = {}
    for kind, paths in kinds.items():
        costs = []
        for path in paths:
            if profiler:
                profiler.enable()
            start = time.process_time()
            response = client.get(path)
            cost = time.process_time() - start
            if profiler:
                profiler.disable()
            assert response.status_code == 200, (path, response.status_code)
            costs.append(cost * 1000)
        means[kind] = sum(costs) / len(costs)
        print(f"{kind:<15} {len(costs):>3} {percentile(costs, 50):>8.1f} "
              f"{percentile(costs, 95):>8.1f} {max(costs):>8.1f} "
              f"{sum(costs) / len(costs):>8.1f}")
    if len(means) == len(MIX):
        weighted = sum(MIX[k] * means[k] for k in MIX) / sum(MIX.values())
        print(f"mean CPU per request of the mix (CSS aside): {weighted:.1f} ms")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

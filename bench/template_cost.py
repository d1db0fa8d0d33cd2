"""CPU of the search page's template alone (issue 16), with the view's own context, on the
archive that ``bench/wrk_bench.py`` loads, with production settings.

    .venv/bin/python bench/template_cost.py --data DIR [--profile] [--dump DIR]

Each search path of ``bench/page_cost.py`` is requested once (the view runs); its context is
kept and ``render_to_string`` of ``search/search.html`` is timed with ``time.process_time()``
(the first of 5 renders, and the best; the templates already compiled). ``--dump DIR`` writes
each page's HTML (through the full stack) to compare two versions byte for byte.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_cost import paths_by_kind, setup, warm_paths  # noqa: E402


def comparison_paths() -> list[str]:
    """~50 search URLs: plain, facets chosen and left out, pages, per story, no hits, dates."""
    from archive.models import Source

    outlets = list(Source.objects.values_list("name", flat=True)[:3])
    o = quote(outlets[0])
    paths = [
        "/search/", "/search/?q=", "/search/?q=zzqxnothing", "/search/?q=weathr",
        "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search/?q=%22a+%26+b%22",
        f"/search/?q=market&outlet={o}", f"/search/?q=market&not_outlet={o}",
        f"/search/?q=market&outlet={o}&outlet={quote(outlets[1])}",
        "/search/?q=market&page=2", "/search/?q=market&page=3&sort=newest",
        "/search/?q=market&per_story=on", "/search/?q=market&per_story=on&page=2",
        "/search/?q=market&from=2015-01-01&to=2019-12-31", "/search/?q=market&year=2018",
        "/search/?q=market&year=2018&month=2018-03", "/search/?q=market&not_year=2018",
        "/search/?q=market&kind=comments", "/search/?q=market&comments=yes",
        "/search/?q=market&chart=share", "/search/?q=market&q2=police",
        "/search/?q=market&sort=oldest", "/search/?q=police+OR+court",
        "/search/?q=market&outlet=%3Cb%3Ex%3C%2Fb%3E", "/search/?q=market&not_outlet=%22%27%3E",
        "/search/?to=2000-01-01", "/search/?q=market&from=2030-01-01",
    ]
    kinds = paths_by_kind(8)
    for kind in ("search", "search+outlet", "search page 2"):
        paths += kinds[kind]
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    setup(args.data)
    from django.shortcuts import render as django_render
    from django.template.loader import render_to_string
    from django.test import Client

    import search.views.search as view

    captured = []

    def capture(request, template, context):
        captured.append((request, template, context))
        return django_render(request, template, context)

    client = Client(HTTP_HOST="127.0.0.1")
    for path in warm_paths().values():
        assert client.get(path).status_code == 200, path
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for n, path in enumerate(comparison_paths()):
            response = client.get(path)
            (args.dump / f"{n:03d}.html").write_bytes(
                f"{path} {response.status_code}\n".encode() + response.content
            )
        print(f"wrote {n + 1} pages to {args.dump}")
        return 0
    view.render = capture
    for path in paths_by_kind(20)["search"]:
        assert client.get(path).status_code == 200, path
    profiler = cProfile.Profile() if args.profile else None
    costs, firsts = [], []
    for request, template, context in captured:
        best, first = float("inf"), None
        for _ in range(5):
            if profiler:
                profiler.enable()
            start = time.process_time()
            render_to_string(template, context, request)
            cost = time.process_time() - start
            best, first = min(best, cost), cost if first is None else first
            if profiler:
                profiler.disable()
        costs.append(best * 1000)
        firsts.append(first * 1000)
    costs.sort()
    firsts.sort()
    print(f"search template, {len(costs)} pages: median {costs[len(costs) // 2]:.1f} ms, "
          f"mean {sum(costs) / len(costs):.1f} ms, max {costs[-1]:.1f} ms (best of 5 each); "
          f"first render: median {firsts[len(firsts) // 2]:.1f} ms, "
          f"mean {sum(firsts) / len(firsts):.1f} ms")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

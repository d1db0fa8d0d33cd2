"""Phrases with and without the adjacent-pairs field, on one index, alternating (issue 16).

    .venv/bin/python bench/phrase_bench.py --data DIR [--reps 3]

``DIR`` is a data directory ``bench/search_bench.py`` made (``--work W`` gives ``W/data``:
the SQLite database and the Whoosh index, built with the pairs field). Each phrase of the
search benchmark's mix (``phrase``: two words, ``phrase3``: three) plus two-word phrases of
common words is searched through the search page (``/search/``, Django test client: the page's
whole work) and through the engine alone (the executor's matches for the query), with the
pairs used and with them ignored (``pairs.covered_pairs_field`` answering None: the path an
index without pairs takes), in alternation, ``--reps`` times; each time the process's CPU
(``time.process_time``) is taken. Printed: CPU p50 / p95 per kind and path, the load beside
them, and whether the two paths found the same number of documents (they must).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402
from bench.search_bench import percentile  # noqa: E402

# Two-word phrases of common English words (likely adjacent in news text, and frequent apart).
COMMON_PHRASES = ["united states", "new york", "last year", "prime minister", "high school",
                  "white house", "health care", "first time", "police said", "two years"]


def phrases() -> list[tuple[str, str]]:
    nouns, adjs = V.NOUNS, V.ADJECTIVES
    out = [("phrase", f'"{adjs[i]} {nouns[i]}"') for i in range(10)]
    out += [("phrase3", f'"{adjs[i + 20]} {nouns[i + 20]} {nouns[i + 60]}"') for i in range(10)]
    out += [("common2", f'"{p}"') for p in COMMON_PHRASES]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["CLIPPINGS_DATA_DIR"] = str(args.data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the page's context (its total) on each response
    from haystack import connections

    from search.engine import executor as ex
    from search.engine import pairs

    backend = connections["default"].get_backend()
    backend.setup()
    client = Client()
    real = ex.covered_pairs_field

    def engine(q: str) -> int:
        query = backend._whoosh_query(q, None, None)
        with backend._reading() as searcher:
            return len(ex.Executor(searcher, backend.segment_columns).run(query))

    def page(q: str) -> int:
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        return response.context["total"]

    for w in V.VERBS[:5]:  # warm-up: other words
        page(w)
    with backend._reading() as searcher:
        views = ex.Executor(searcher, backend.segment_columns).segments
        covered = [real(searcher.schema, "text", s) is not None for s in views]
    print(f"segments with pairs: {sum(covered)} of {len(covered)}; load {os.getloadavg()[0]:.1f}")
    cpu: dict[tuple[str, str, str], list[float]] = {}
    found: dict[tuple[str, str], set] = {}
    for rep in range(args.reps):
        for use_pairs in ((True, False) if rep % 2 == 0 else (False, True)):
            ex.covered_pairs_field = real if use_pairs else (lambda *a: None)
            path = "pairs" if use_pairs else "positions"
            for kind, q in phrases():
                for where, run in (("engine", engine), ("page", page)):
                    started = time.process_time()
                    n = run(q)
                    cpu.setdefault((kind, where, path), []).append(
                        (time.process_time() - started) * 1000)
                    found.setdefault((q, where), set()).add(n)
    ex.covered_pairs_field = real
    print(f"load after: {os.getloadavg()[0]:.1f}; pairs module {pairs.__name__}")
    print(f"{'kind':<8} {'where':<7} {'pairs p50/p95 ms':>18} {'positions p50/p95 ms':>22}")
    for kind in dict.fromkeys(k for k, _ in phrases()):
        for where in ("engine", "page"):
            a, b = cpu[(kind, where, "pairs")], cpu[(kind, where, "positions")]
            print(f"{kind:<8} {where:<7} {percentile(a, 50):>8.1f} / {percentile(a, 95):<7.1f} "
                  f"{percentile(b, 50):>10.1f} / {percentile(b, 95):<7.1f}")
    differ = [key for key, counts in found.items() if len(counts) != 1]
    hits = {q: min(found[(q, 'engine')]) for _, q in phrases()}
    print("hits:", ", ".join(f"{q} {n}" for q, n in hits.items()))
    print("same counts both ways:", "yes" if not differ else f"NO: {differ}")
    return 0 if not differ else 1


if __name__ == "__main__":
    raise SystemExit(main())

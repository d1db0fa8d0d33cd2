"""Spelling suggestion cost on an index built by ``bench/search_bench.py``.

    .venv/bin/python bench/spelling_bench.py [--work /tmp/clippings-bench]

Prints, in one fresh process:

1. the word lists (``search.engine.words``: one file per segment, written at commit; read once
   per segment and process, then kept): time to read them (wall and CPU), words, memory kept,
   how many are exact, and the process's RSS before and after;
2. each suggestion, timed on its first execution (no result cache; ``backend.speller.suggest``
   as the page's search calls it for a query that found little), wall and CPU, by kind: words
   that find nothing (the page benchmark's ten), and misspelt nouns (last two letters swapped,
   as the page benchmark's; a letter dropped; a letter replaced); with the CPU of finding the
   candidates (``Speller.near``) apart from choosing the live one (target: <= 20 ms a suggestion
   at 100,000 articles, the word lists reported separately).

``--repeat N`` runs the suggestions N times with fresh speller state (per-query caches only:
the word lists stay loaded) and prints every run (the first is the one that counts).
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
from bench.search_bench import percentile, rss_mb, setup_django  # noqa: E402

NOTHING = [
    "xyzzyq",
    "glyphosate",
    "zika",
    "qwertyuiop",
    "blorptastic",
    "snarfwizzle",
    "grommetless",
    "vlinderbos",
    "plinkerton",
    "zorblaxian",
]


def kinds() -> dict[str, list[str]]:
    nouns = V.NOUNS
    return {
        "nothing": NOTHING,
        "swapped": [w[:-2] + w[-1] + w[-2] for w in nouns[30:60]],
        "dropped": [w[: len(w) // 2] + w[len(w) // 2 + 1 :] for w in nouns[60:75]],
        "replaced": [w[:2] + ("x" if w[2] != "x" else "z") + w[3:] for w in nouns[75:90]],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-bench"))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    setup_django(args.work)
    from haystack import connections

    from search.engine import spelling as SP
    from search.engine import words as W

    backend = connections["default"].get_backend()
    backend.setup()
    near_cpu = [0.0]
    near_calls = [0]
    original_near = SP.Speller.near

    def timed_near(self, *a, **k):
        near_calls[0] += 1
        started = time.process_time()
        try:
            return original_near(self, *a, **k)
        finally:
            near_cpu[0] += time.process_time() - started

    SP.Speller.near = timed_near
    with backend.index.searcher() as searcher:
        print(f"documents: {searcher.doc_count():,}; load {os.getloadavg()[0]:.1f}")
        rss_before = rss_mb()[0]
        started, cpu_started = time.perf_counter(), time.process_time()
        cache = W.WordCache()
        readers = [sub.reader() for sub, _ in searcher.leaf_searchers()]
        lists = [cache.get(reader, "spell_text") for reader in readers]
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        exact = sum(1 for listed in lists if getattr(listed, "exact", False))
        print(
            f"word lists: {sum(len(x) for x in lists):,} words in {len(readers)} segments "
            f"({exact} exact) read in {wall:.0f} ms ({cpu:.0f} ms CPU; about "
            f"{cache.nbytes / 2**20:.0f} MB kept; once per segment and process); RSS "
            f"{rss_before:.0f} -> {rss_mb()[0]:.0f} MB"
        )
        for run in range(args.repeat):
            speller = SP.Speller(cache)
            backend.speller = speller
            by_kind: dict[str, tuple[list[float], list[float], list[float]]] = {}
            looked_up: tuple[list[float], list[float]] = ([], [])
            for kind, typed in kinds().items():
                walls, cpus, nears = by_kind.setdefault(kind, ([], [], []))
                for word in typed:
                    near_cpu[0], near_calls[0] = 0.0, 0
                    started, cpu_started = time.perf_counter(), time.process_time()
                    suggestion = speller.suggest(searcher, "text", word)
                    walls.append((time.perf_counter() - started) * 1000)
                    cpus.append((time.process_time() - cpu_started) * 1000)
                    nears.append(near_cpu[0] * 1000)
                    if near_calls[0]:  # the word was not in the index: looked up
                        looked_up[0].append(walls[-1])
                        looked_up[1].append(cpus[-1])
                    if run == 0:
                        print(
                            f"  {kind} {word!r} -> {suggestion!r}: {walls[-1]:.1f} ms wall, "
                            f"{cpus[-1]:.1f} ms CPU ({nears[-1]:.1f} finding candidates)"
                        )
            every_wall = [x for w, _, _ in by_kind.values() for x in w]
            every_cpu = [x for _, c, _ in by_kind.values() for x in c]
            print(
                f"run {run + 1}: {len(every_wall)} suggestions, wall p50 "
                f"{percentile(every_wall, 50):.1f} / p95 {percentile(every_wall, 95):.1f} / max "
                f"{max(every_wall):.1f} ms; CPU p50 {percentile(every_cpu, 50):.1f} / p95 "
                f"{percentile(every_cpu, 95):.1f} / max {max(every_cpu):.1f} ms; "
                f"load {os.getloadavg()[0]:.1f}"
            )
            if looked_up[0]:
                print(
                    f"  looked up ({len(looked_up[0])} words not in the index): wall p50 "
                    f"{percentile(looked_up[0], 50):.1f} / p95 {percentile(looked_up[0], 95):.1f}"
                    f" ms; CPU p50 {percentile(looked_up[1], 50):.1f} / p95 "
                    f"{percentile(looked_up[1], 95):.1f} / max {max(looked_up[1]):.1f} ms"
                )
            for kind, (walls, cpus, nears) in by_kind.items():
                print(
                    f"  {kind:9} wall p50 {percentile(walls, 50):6.1f} p95 "
                    f"{percentile(walls, 95):6.1f} | CPU p50 {percentile(cpus, 50):6.1f} p95 "
                    f"{percentile(cpus, 95):6.1f} max {max(cpus):6.1f} | of which candidates "
                    f"p50 {percentile(nears, 50):5.1f} p95 {percentile(nears, 95):5.1f}"
                )
    print(f"RSS after: {rss_mb()[0]:.0f} MB (peak {rss_mb()[1]:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

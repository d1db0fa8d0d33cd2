"""Search benchmark: our haystack + Whoosh engine against SQLite FTS5 on the same articles.

    .venv/bin/python bench/search_bench.py [--count 100000] [--work /tmp/clippings-bench]
                                           [--text realistic] [--skip-rebuild] [--profile]
                                           [--no-fts] [--engine]

Generates ``count`` articles with ``bench/generate.py`` (reused when already there), ingests them
in-process with search signals off, times ``rebuild_index`` (articles/s), then runs the query mix
(``mix()``: 21 kinds, 210+ queries: rare, common, AND, two- and three-word phrases, words that
find nothing, misspellings, OR, NOT, ``outlet:``/``byline:``/``headline:``, wildcards, fuzzy,
one and two facet values, date ranges, newest first, page 5, one result per story, reader
comments) through the real search page (Django test client on ``/search/``: server time, every
facet, snippets and the spelling suggestion as served) and prints p50/p95 per kind and overall.
Each query is timed on its first execution in the process (after a warm-up on other words): no
result is cached. SQLite FTS5 does the nearest equivalent of each query on the same articles in
the same run (20 results with snippets, the count, outlet/year/month counts); the ratios are
printed per kind. ``--engine`` times the engine's part of each page instead (the page's
``SearchQuerySet``: results, count, every facet, the suggestion; no rows, snippets, chart or
template): the nearer figure beside FTS5, which renders no page either (but makes its 20
snippets, and counts 3 facets where the page counts 10). Everything lives
under ``--work`` (its own database and index; never var/).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402
from bench.fts5_baseline import build_fts, fts_runner  # noqa: E402


class Query(NamedTuple):
    kind: str
    params: dict  # the search page's GET parameters
    match: str  # the FTS5 MATCH expression
    where: str = ""  # extra SQL on ``meta m`` for FTS5
    args: tuple = ()
    order: str = "rank"
    offset: int = 0


# Words that find nothing (checked after each run by ``found_nothing``). Real rare words such as
# "glyphosate" or "zika" are in the realistic corpus's word list, so they find articles there.
NOTHING = ("xyzzyq", "fribblequork", "zwomtrangle", "qwertyuiop", "blorptastic", "snarfwizzle",
           "grommetless", "vlinderbos", "plinkerton", "zorblaxian")


def mix(outlets: list[str], bylines: list[str]) -> list[Query]:
    """The query mix, 10 of each kind (11 common words)."""
    nouns, adjs, rare = V.NOUNS, V.ADJECTIVES, V.RARE_WORDS
    out: list[Query] = []

    def add(kind, q, match, **extra):
        out.append(Query(kind, {"q": q, **extra.pop("params", {})}, match, **extra))

    for i in range(10):
        a, b, c = nouns[i], nouns[40 + i], nouns[80 + i]
        add("rare", rare[i], rare[i])
        add("common", nouns[i + 1], nouns[i + 1])
        add("and", f"{nouns[10 + i]} {nouns[40 + i]}", f"{nouns[10 + i]} {nouns[40 + i]}")
        add("phrase", f'"{adjs[i]} {nouns[i]}"', f'"{adjs[i]} {nouns[i]}"')
        add("phrase3", f'"{adjs[i + 20]} {nouns[i + 20]} {nouns[i + 60]}"',
            f'"{adjs[i + 20]} {nouns[i + 20]} {nouns[i + 60]}"')
        nothing = NOTHING[i]
        add("nothing", nothing, nothing)
        typo = nouns[30 + i][:-2] + nouns[30 + i][-1] + nouns[30 + i][-2]  # swap last two
        add("misspelt", typo, typo)
        add("or", f"{a} OR {b}", f"{a} OR {b}")
        add("not", f"{a} -{b}", f"{a} NOT {b}")
        outlet_word = outlets[i % len(outlets)].split()[0].lower()
        add("outlet:", f"{c} outlet:{outlet_word}", c, where="m.outlet LIKE ?",
            args=(f"%{outlet_word}%",))
        surname = bylines[i % len(bylines)].split()[-1].lower()
        add("byline:", f"byline:{surname}", f"byline:{surname}")
        add("headline:", f"headline:{nouns[100 + i]}", f"title:{nouns[100 + i]}")
        add("wildcard", f"{nouns[120 + i][:4]}*", f"{nouns[120 + i][:4]}*")
        add("fuzzy", f"{nouns[140 + i]}~", nouns[140 + i])  # FTS5 has no fuzzy: the word
        add("facet1", a, a, params={"outlet": [outlets[i % len(outlets)]]},
            where="m.outlet = ?", args=(outlets[i % len(outlets)],))
        year = str(2010 + i % 8)
        add("facet2", b, b, params={"outlet": [outlets[(i + 1) % len(outlets)]], "year": [year]},
            where="m.outlet = ? AND m.year = ?", args=(outlets[(i + 1) % len(outlets)], year))
        add("dates", c, c, params={"from": f"{2011 + i % 5}-01-01", "to": f"{2013 + i % 5}-06-30"},
            where="m.published BETWEEN ? AND ?",
            args=(f"{2011 + i % 5}-01-01", f"{2013 + i % 5}-06-30"))
        add("newest", nouns[60 + i], nouns[60 + i], params={"sort": "newest"},
            order="m.published DESC")
        add("page5", nouns[i], nouns[i], params={"page": "5"}, offset=80)
        add("per_story", nouns[20 + i], nouns[20 + i], params={"per_story": "on"})
        add("comments", nouns[50 + i], nouns[50 + i], params={"kind": ["comments"]})
    add("common", nouns[0], nouns[0])
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def setup_django(work: Path) -> None:
    os.environ["CLIPPINGS_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"  # no per-query SQL log
    from django.conf import settings

    # Django set up as the production server sets it up (``config.wsgi``: the garbage
    # collector settled once the application is loaded, ``config.collector``).
    import config.wsgi  # noqa: F401

    # Entity/story analysis at ingest (issue 6) has its own benchmark; here it would only delay
    # getting 100,000 articles into the database.
    settings.CLIPPINGS_INTELLIGENCE_AT_INGEST = False


def ingest(corpus: Path, count: int) -> float:
    from django.apps import apps
    from django.core.management import call_command

    from archive.models import Article

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_sources", verbosity=0)
    apps.get_app_config("haystack").signal_processor.teardown()  # signals off: we time indexing
    have = Article.objects.count()
    if have >= count * 0.95:
        print(f"ingest: reusing {have:,} articles")
        return 0.0
    started = time.perf_counter()
    call_command("ingest", str(corpus), verbosity=0, no_progress=True)
    seconds = time.perf_counter() - started
    print(f"ingest: {Article.objects.count():,} articles in {seconds:.0f} s")
    return seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def rebuild() -> dict:
    from django.core.management import call_command

    from archive.models import Article, CommentBlock

    started, cpu_started = time.perf_counter(), time.process_time()
    workers_started = _children_cpu()
    call_command("rebuild_index", interactive=False, verbosity=0)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    workers = _children_cpu() - workers_started  # the build's worker processes, once ended
    articles = Article.objects.published().count()
    blocks = CommentBlock.objects.filter(is_hidden=False).count()
    rate = articles / seconds
    print(f"rebuild_index: {articles:,} articles + {blocks:,} comment blocks in {seconds:.1f} s "
          f"= {rate:,.0f} articles/s; CPU {cpu:.1f} s + workers {workers:.1f} s = "
          f"{articles / (cpu + workers):,.0f} articles per CPU second")
    return {"seconds": seconds, "articles": articles, "rate": rate}


def word_lists() -> None:
    """Each segment's spelling word file (``search.engine.words``), as a commit writes it: an
    index rebuilt by older code has none (the first suggestion would then write them)."""
    from haystack import connections

    try:
        from search.engine.words import write_missing
    except ImportError:  # code from before the word files (comparing before and after)
        print("word lists: none (this code predates them)")
        return
    backend = connections["default"].get_backend()
    backend.setup()
    index = backend.index.refresh()
    started, cpu_started = time.perf_counter(), time.process_time()
    written = write_missing(backend.storage, index.schema, index._segments())
    print(f"word lists: {written} segment files written in {time.perf_counter() - started:.1f} s "
          f"({time.process_time() - cpu_started:.1f} CPU s; at commit time since this branch)")


def rss_mb() -> tuple[float, float]:
    """(this process's resident memory now, its peak), in MB."""
    import resource

    with open("/proc/self/statm") as handle:
        resident = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return resident / 2**20, peak / 2**20


def page_runner():
    """Each query through the search page, as a browser asks for it."""
    from django.test import Client
    from django.urls import reverse

    client, url = Client(), reverse("search:search")

    def run(q: Query) -> int:
        response = client.get(url, q.params)
        assert response.status_code == 200, (q, response.status_code)
        return len(response.content)
    return run


def engine_runner():
    """Each query's engine work as the page asks for it (``search.views.search``): the page of
    results, the count, every facet (a selected facet counted again without its selection) and
    the suggestion when it finds little; no database rows, snippets, chart or template. The
    like-for-like figure beside FTS5, which does no page either."""
    from urllib.parse import urlencode

    from django.http import QueryDict

    from search.forms import SearchForm
    from search.querying.builder import (
        build_search,
        facet_counts,
        parsed_query,
        spelling_suggestion,
        with_spelling,
    )
    from search.querying.collapse import collapse_by_story
    from search.views.search import FEW_RESULTS, PAGE_SIZE

    def run(q: Query) -> int:
        form = SearchForm(QueryDict(urlencode(q.params, doseq=True)))
        assert form.is_valid(), (q, form.errors)
        params = form.search_params()
        parsed = parsed_query(params)
        start = (int(q.params.get("page", 1)) - 1) * PAGE_SIZE
        sqs = with_spelling(build_search(params).facet("month", limit=-1), parsed)
        if params.get("per_story"):
            sqs = sqs.facet("story_id", limit=-1)
            total = collapse_by_story(sqs, start=start, size=PAGE_SIZE,
                                      plain=build_search(params, facets=())).total
        else:
            list(sqs[start : start + PAGE_SIZE])
            total = sqs.count()
        facet_counts(params, sqs)
        if total < FEW_RESULTS:
            spelling_suggestion(sqs, parsed)
        return total
    return run


def found_nothing(queries: list[Query]) -> None:
    """After the timed mix (so that no query is warmed by it): the "nothing" kind must find
    nothing, or it measures something else."""
    count = engine_runner()
    found = {q.params["q"]: count(q) for q in queries if q.kind == "nothing"}
    if any(found.values()):
        raise SystemExit(f"the 'nothing' kind found articles: {found}")


def sample_names() -> tuple[list[str], list[str]]:
    """The most common outlets and some bylines of the generated archive (for field queries)."""
    from django.db.models import Count

    from archive.models import Article

    outlets = [
        name for name, _ in Article.objects.published().exclude(source=None)
        .values_list("source__name").annotate(n=Count("id")).order_by("-n")[:10]
    ]
    bylines = [
        b for b in Article.objects.published().exclude(byline="")
        .values_list("byline", flat=True).order_by("pk")[:200] if len(b.split()) >= 2
    ][::10][:10]
    return outlets or ["Reuters"], bylines or ["Jane Doe"]


def time_mix(label: str, run, queries: list[Query], warmup) -> dict:
    """Each query timed once, on its first execution (``warmup`` runs other queries first):
    wall time, and this process's CPU time (what a machine without other load approaches; the
    shared machine's load is printed beside every figure)."""
    for q in warmup:
        run(q)
    per_kind: dict[str, list[float]] = {}
    cpu_kind: dict[str, list[float]] = {}
    everything: list[float] = []
    cpu_all: list[float] = []
    hits = []
    for q in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        hits.append((q.kind, run(q)))
        ms = (time.perf_counter() - started) * 1000
        cpu_ms = (time.process_time() - cpu_started) * 1000
        per_kind.setdefault(q.kind, []).append(ms)
        cpu_kind.setdefault(q.kind, []).append(cpu_ms)
        everything.append(ms)
        cpu_all.append(cpu_ms)
    summary = {
        "p50": percentile(everything, 50), "p95": percentile(everything, 95),
        "cpu_p50": percentile(cpu_all, 50), "cpu_p95": percentile(cpu_all, 95),
        "kinds": {k: (percentile(v, 50), percentile(v, 95)) for k, v in per_kind.items()},
        "cpu_kinds": {k: (percentile(v, 50), percentile(v, 95)) for k, v in cpu_kind.items()},
        "hits": hits, "n": len(everything),
    }
    print(f"{label}: {len(everything)} queries, wall p50 {summary['p50']:.1f} ms, "
          f"p95 {summary['p95']:.1f} ms; CPU p50 {summary['cpu_p50']:.1f} ms, "
          f"p95 {summary['cpu_p95']:.1f} ms, total {sum(cpu_all) / 1000:.2f} s; "
          f"load {os.getloadavg()[0]:.1f}")
    return summary


def report(results: dict, fts: dict | None, ours: str = "page") -> None:
    """p50/p95 per kind; ``ours`` names our column: the page, or the engine (``--engine``)."""
    for clock, kinds, p50, p95 in (("wall", "kinds", "p50", "p95"),
                                   ("CPU", "cpu_kinds", "cpu_p50", "cpu_p95")):
        print(f"-- {clock} time, ms --")
        if fts is None:  # the page alone (--no-fts)
            print(f"{'kind':<11} {'n':>3} {ours + ' p50':>9} {ours + ' p95':>9}")
            for kind, (k50, k95) in results[kinds].items():
                n = sum(1 for k, _ in results["hits"] if k == kind)
                print(f"{kind:<11} {n:>3} {k50:>9.1f} {k95:>9.1f}")
            print(f"{'overall':<11} {results['n']:>3} {results[p50]:>9.1f} {results[p95]:>9.1f}")
            continue
        print(f"{'kind':<11} {'n':>3} {ours + ' p50':>9} {ours + ' p95':>9} {'FTS5 p50':>9} "
              f"{'FTS5 p95':>9} {'p95 ratio':>9}")
        for kind, (k50, k95) in results[kinds].items():
            f50, f95 = fts[kinds][kind]
            n = sum(1 for k, _ in results["hits"] if k == kind)
            print(f"{kind:<11} {n:>3} {k50:>9.1f} {k95:>9.1f} {f50:>9.1f} {f95:>9.1f} "
                  f"{k95 / max(f95, 0.01):>8.2f}x")
        print(f"{'overall':<11} {results['n']:>3} {results[p50]:>9.1f} {results[p95]:>9.1f} "
              f"{fts[p50]:>9.1f} {fts[p95]:>9.1f} {results[p95] / max(fts[p95], 0.01):>8.2f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--text", choices=("classic", "realistic"), default="classic",
                        help="The generator's text (bench/README.md: the realistic corpus).")
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-bench"))
    parser.add_argument("--skip-rebuild", action="store_true", help="Reuse the existing index.")
    parser.add_argument("--ingest-only", action="store_true", help="Stop after ingesting.")
    parser.add_argument("--profile", action="store_true", help="pyinstrument the query mix.")
    parser.add_argument("--no-fts", action="store_true", help="The page only, no FTS5 beside it.")
    parser.add_argument("--engine", action="store_true",
                        help="Time the engine's part of each page instead of the page: the "
                             "SearchQuerySet the page runs (20 results, count, every facet, the "
                             "suggestion), without the hits' rows, snippets, chart or template.")
    args = parser.parse_args(argv)
    corpus = args.work / "corpus"
    if len(list(corpus.glob("*.txt"))) < args.count if corpus.exists() else True:
        from bench.generate import generate

        generate(corpus, args.count, seed=args.seed, text=args.text)
    setup_django(args.work)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    ingest(corpus, args.count)
    if args.ingest_only:
        return 0
    built = None if args.skip_rebuild else rebuild()
    word_lists()
    outlets, bylines = sample_names()
    queries = mix(outlets, bylines)
    warmup = [Query("warmup", {"q": w}, w) for w in V.VERBS[:5]]
    if args.engine:
        run_page, label, ours = engine_runner(), "engine (the page's SearchQuerySet)", "engine"
    else:
        run_page, label, ours = page_runner(), "search page /search/", "page"

    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        with profiler:
            page = time_mix(label, run_page, queries, warmup)
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    else:
        page = time_mix(label, run_page, queries, warmup)
    now, peak = rss_mb()
    print(f"serving process after the mix: RSS {now:.0f} MB (peak {peak:.0f} MB)")
    found_nothing(queries)
    if args.no_fts:
        report(page, None, ours)
        return 0
    db, fts_built = build_fts(args.work / "fts.sqlite3")
    fts = time_mix("SQLite FTS5", fts_runner(db), queries, warmup)
    report(page, fts, ours)
    if built:
        print(f"build rate whoosh / FTS5: {built['rate'] / fts_built['rate']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Search benchmark: our haystack + Whoosh engine against SQLite FTS5 on the same articles.

    .venv/bin/python bench/search_bench.py [--count 100000] [--work /tmp/clippings-bench]
                                           [--reps 3] [--profile]

Generates ``count`` articles with ``bench/generate.py`` (reused when already there), ingests them
in-process with search signals off, times ``rebuild_index`` (articles/s), then runs 40 fixed
queries (10 rare words, 10 common words, 10 AND queries, 10 phrases), each returning 20 results
with highlighted snippets, the exact hit count and facet counts over all matches for outlet, year
and month, warm, and prints p50/p95. Through the real search page (Django test client on
``/search/?q=…``) when it exists, and through the SearchQuerySet the page uses. SQLite FTS5 does
the same work on the same articles in the same run; the ratios are printed. Everything lives
under ``--work`` (its own database and index; never var/).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as V  # noqa: E402

FACETS = ("outlet_exact", "year", "month")


def queries() -> list[tuple[str, str]]:
    rare = [(w, "rare") for w in V.RARE_WORDS[:10]]
    common = [(w, "common") for w in V.NOUNS[:10]]
    both = [(f"{a} {b}", "and") for a, b in zip(V.NOUNS[10:20], V.NOUNS[40:50], strict=True)]
    phrases = [(f'"{a} {b}"', "phrase") for a, b in
               zip(V.ADJECTIVES[:10], V.NOUNS[:10], strict=True)]
    return rare + common + both + phrases


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def setup_django(work: Path) -> None:
    os.environ["CLIPPINGS_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"  # no per-query SQL log
    import django

    django.setup()
    from django.conf import settings

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


def rebuild() -> dict:
    from django.core.management import call_command

    from archive.models import Article, CommentBlock

    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("rebuild_index", interactive=False, verbosity=0)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    articles = Article.objects.published().count()
    blocks = CommentBlock.objects.filter(is_hidden=False).count()
    rate = articles / seconds
    print(f"rebuild_index: {articles:,} articles + {blocks:,} comment blocks in {seconds:.1f} s "
          f"= {rate:,.0f} articles/s; {cpu:.1f} CPU s = {articles / cpu:,.0f} articles per CPU "
          f"second (the figure a machine without other load approaches)")
    return {"seconds": seconds, "articles": articles, "rate": rate}


def run_sqs(q: str) -> tuple[int, int]:
    from haystack.query import SearchQuerySet

    sqs = SearchQuerySet().raw_search(q).highlight()
    for name in FACETS:
        sqs = sqs.facet(name)
    page = list(sqs[:20])
    assert all("highlighted" in vars(r) for r in page)
    counts = sqs.facet_counts()
    assert set(counts["fields"]) == set(FACETS)
    return sqs.count(), len(page)


def page_client():
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("search:search")
    except NoReverseMatch:
        return None, None
    return Client(), url


def time_all(label: str, run, reps: int) -> dict:
    per_kind: dict[str, list[float]] = {}
    everything: list[float] = []
    hits = {}
    for q, _ in queries():  # warm-up: caches, readers, stemmer
        hits[q] = run(q)
    for _ in range(reps):
        for q, kind in queries():
            started = time.perf_counter()
            run(q)
            ms = (time.perf_counter() - started) * 1000
            per_kind.setdefault(kind, []).append(ms)
            everything.append(ms)
    summary = {"p50": percentile(everything, 50), "p95": percentile(everything, 95)}
    kinds = ", ".join(f"{k} p50 {percentile(v, 50):.0f}" for k, v in per_kind.items())
    print(f"{label}: p50 {summary['p50']:.1f} ms, p95 {summary['p95']:.1f} ms ({kinds})")
    return {**summary, "hits": hits}


# --- SQLite FTS5 on the same articles ----------------------------------------------------------


def build_fts(path: Path) -> tuple[sqlite3.Connection, dict]:
    from archive.models import Article

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    started = time.perf_counter()
    db.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='porter unicode61');
        CREATE TABLE meta (id INTEGER PRIMARY KEY, outlet TEXT, year TEXT, month TEXT);
        CREATE INDEX meta_outlet ON meta(outlet);
    """)
    rows = (
        Article.objects.published().select_related("source")
        .only("id", "title", "body", "published", "source__name").order_by("pk")
    )
    batch_fts, batch_meta = [], []
    for a in rows.iterator(chunk_size=2000):
        batch_fts.append((a.id, a.title, a.body))
        batch_meta.append((a.id, a.source.name if a.source else "Unknown outlet",
                           f"{a.published:%Y}" if a.published else None,
                           f"{a.published:%Y-%m}" if a.published else None))
        if len(batch_fts) >= 2000:
            db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", batch_fts)
            db.executemany("INSERT INTO meta VALUES (?,?,?,?)", batch_meta)
            batch_fts, batch_meta = [], []
    db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", batch_fts)
    db.executemany("INSERT INTO meta VALUES (?,?,?,?)", batch_meta)
    db.commit()
    seconds = time.perf_counter() - started
    count = db.execute("SELECT count(*) FROM meta").fetchone()[0]
    print(f"FTS5 build: {count:,} articles in {seconds:.1f} s = {count / seconds:,.0f} articles/s")
    return db, {"seconds": seconds, "rate": count / seconds}


def fts_runner(db: sqlite3.Connection):
    def run(q: str) -> tuple[int, int]:
        page = db.execute(
            "SELECT rowid, title, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts "
            "WHERE fts MATCH ? ORDER BY rank LIMIT 20", (q,)).fetchall()
        total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (q,)).fetchone()[0]
        for column in ("outlet", "year", "month"):
            db.execute(
                f"SELECT m.{column}, count(*) FROM fts JOIN meta m ON m.id = fts.rowid "  # noqa: S608
                "WHERE fts MATCH ? GROUP BY 1 ORDER BY 2 DESC", (q,)).fetchall()
        return total, len(page)
    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/clippings-bench"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--skip-rebuild", action="store_true", help="Reuse the existing index.")
    parser.add_argument("--ingest-only", action="store_true", help="Stop after ingesting.")
    parser.add_argument("--profile", action="store_true", help="pyinstrument the query mix.")
    args = parser.parse_args(argv)
    corpus = args.work / "corpus"
    if len(list(corpus.glob("*.txt"))) < args.count if corpus.exists() else True:
        from bench.generate import generate

        generate(corpus, args.count, seed=args.seed)
    setup_django(args.work)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    ingest(corpus, args.count)
    if args.ingest_only:
        return 0
    built = None if args.skip_rebuild else rebuild()
    results = {"whoosh (SearchQuerySet)": time_all("whoosh SearchQuerySet", run_sqs, args.reps)}
    client, url = page_client()
    if client is not None:
        def run_page(q):
            response = client.get(url, {"q": q})
            assert response.status_code == 200, response.status_code
            return 0, 0
        results["whoosh (search page)"] = time_all("search page /search/", run_page, args.reps)
    db, fts_built = build_fts(args.work / "fts.sqlite3")
    fts = time_all("SQLite FTS5", fts_runner(db), args.reps)
    for label, r in results.items():
        print(f"{label} / FTS5: p50 {r['p50'] / fts['p50']:.2f}x, p95 {r['p95'] / fts['p95']:.2f}x")
    if built:
        print(f"build rate whoosh / FTS5: {built['rate'] / fts_built['rate']:.2f}x")
    mismatched = [q for q, _ in queries()
                  if results["whoosh (SearchQuerySet)"]["hits"][q][0] != fts["hits"][q][0]]
    print(f"hit counts differing from FTS5 (tokenisers differ): {len(mismatched)} of 40")
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        with profiler:
            for q, _ in queries():
                run_sqs(q)
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

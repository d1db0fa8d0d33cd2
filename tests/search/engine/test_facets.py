"""Facets through haystack's API, compared with the database."""

import datetime as dt
from collections import Counter

import pytest
from haystack.query import SearchQuerySet

from archive.models import Article, CommentBlock
from bench.generate import generate
from search.engine.narrow import exact_clause
from tests.factories import make_article, make_source
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(sources, tmp_path, django_capture_on_commit_callbacks):
    """The seed corpus plus 60 generated articles, ingested and indexed."""
    generate(tmp_path / "gen", 60, seed=7)
    with django_capture_on_commit_callbacks(execute=True):
        for folder in ("corpus", str(tmp_path / "gen")):
            run = run_command("ingest", folder)
            assert run.ok or "failed" in run.stdout, run.stderr


def orm_counts():
    public = Article.objects.published().select_related("source")
    outlets = Counter(a.source.name if a.source else "Unknown outlet" for a in public)
    years = Counter(f"{a.published:%Y}" for a in public if a.published)
    months = Counter(f"{a.published:%Y-%m}" for a in public if a.published)
    return outlets, years, months


def test_field_facets_equal_the_database_counts(generated):
    counts = (
        SearchQuerySet().models(Article).facet("outlet_exact").facet("year").facet("month")
        .facet("has_comments").facet_counts()["fields"]
    )
    outlets, years, months = orm_counts()
    assert dict(counts["outlet_exact"]) == outlets
    assert dict(counts["year"]) == years
    assert dict(counts["month"]) == months
    with_comments = Article.objects.published().filter(
        comment_blocks__is_hidden=False).distinct().count()
    assert dict(counts["has_comments"]).get("yes", 0) == with_comments
    assert sum(c for _, c in counts["outlet_exact"]) == Article.objects.published().count()
    # sorted by count, largest first
    assert [c for _, c in counts["outlet_exact"]] == sorted(outlets.values(), reverse=True)


def test_outlet_facet_counts_whole_names_not_words(db, on_commit):
    with on_commit():
        nyt = make_source("The New York Times")
        for n in range(3):
            make_article(title=f"Story {n}", body="budget talks", source=nyt)
        make_article(title="Other", body="budget talks")
    counts = SearchQuerySet().auto_query("budget").facet("outlet_exact").facet_counts()
    assert counts["fields"]["outlet_exact"] == [("The New York Times", 3), ("Unknown outlet", 1)]


def test_facets_count_all_matches_not_the_page(db, on_commit):
    with on_commit():
        for n in range(45):
            make_article(title=f"Budget {n}", body="the budget vote",
                         published=dt.date(2018, 1 + n % 3, 5))
    sqs = SearchQuerySet().auto_query("budget").facet("month")
    assert len(list(sqs[:20])) == 20
    assert dict(sqs.facet_counts()["fields"]["month"]) == {
        "2018-01": 15, "2018-02": 15, "2018-03": 15}
    assert sqs.count() == 45


def test_byline_facet_has_each_author(db, on_commit):
    with on_commit():
        make_article(title="One", body="levee", byline="Ann Lee and Bo Chan")
        make_article(title="Two", body="levee", byline="Ann Lee")
    counts = dict(SearchQuerySet().auto_query("levee").facet("byline_exact")
                  .facet_counts()["fields"]["byline_exact"])
    assert counts == {"Ann Lee": 2, "Bo Chan": 1}
    assert SearchQuerySet().narrow(exact_clause("byline_exact", "Bo Chan")).count() == 1


def test_date_facets_are_in_date_order_with_empty_buckets(db, on_commit):
    with on_commit():
        make_article(title="A", body="flood", published=dt.date(2018, 1, 31))
        make_article(title="B", body="flood", published=dt.date(2018, 3, 1))
        make_article(title="C", body="flood", published=dt.date(2018, 3, 31))
    dates = (
        SearchQuerySet().auto_query("flood")
        .date_facet("published", dt.date(2018, 1, 1), dt.date(2018, 5, 1), "month")
        .facet_counts()["dates"]["published"]
    )
    assert [(d.date(), n) for d, n in dates] == [
        (dt.date(2018, 1, 1), 1), (dt.date(2018, 2, 1), 0), (dt.date(2018, 3, 1), 2),
        (dt.date(2018, 4, 1), 0),
    ]
    assert all(d.tzinfo is not None for d, _ in dates)


def test_query_facets_count_each_query(generated):
    sqs = SearchQuerySet().models(Article).query_facet("year", "[2010 TO 2014]").query_facet(
        "has_comments", "yes")
    queries = sqs.facet_counts()["queries"]
    in_range = Article.objects.published().filter(
        published__year__gte=2010, published__year__lte=2014).count()
    assert queries["year:[2010 TO 2014]"] == in_range
    assert queries["has_comments:yes"] == Article.objects.published().filter(
        comment_blocks__is_hidden=False).distinct().count()


def test_narrow_on_values_with_dots_and_quotes(db, on_commit):
    with on_commit():
        us = make_source("U.S. News", slug="us-news")
        odd = make_source('The "Daily" Back\\slash', slug="odd")
        make_article(title="One", body="tariffs", source=us)
        make_article(title="Two", body="tariffs", source=odd)
        make_article(title="Three", body="tariffs")
    base = SearchQuerySet().auto_query("tariffs")
    assert [r.outlet_exact for r in base.narrow(exact_clause("outlet_exact", "U.S. News"))] == [
        "U.S. News"]
    assert base.narrow(exact_clause("outlet_exact", 'The "Daily" Back\\slash')).count() == 1
    either = " OR ".join(exact_clause("outlet_exact", v) for v in ("U.S. News", "Unknown outlet"))
    assert base.narrow(either).count() == 2
    excluded = base.narrow("-" + exact_clause("outlet_exact", "U.S. News"))
    assert sorted(r.outlet_exact for r in excluded) == ['The "Daily" Back\\slash', "Unknown outlet"]
    # narrows on different facets combine with AND, in the same search
    both = base.narrow(either).narrow(exact_clause("outlet_exact", "Unknown outlet"))
    assert both.count() == 1


def test_comment_blocks_share_the_article_facets(indexed):
    counts = SearchQuerySet().facet("kind").facet("outlet_exact").facet_counts()["fields"]
    assert dict(counts["kind"]) == {
        "article": Article.objects.published().count(),
        "comments": CommentBlock.objects.filter(is_hidden=False).count(),
    }
    comments = SearchQuerySet().narrow('kind:"comments"').facet("outlet_exact").facet_counts()
    assert comments["fields"]["outlet_exact"] == [("The Washington Times", 1)]


@pytest.mark.parametrize("seed", range(6))
def test_top_values_by_partial_sort_equal_sorting_every_value(seed):
    """Array counts (``count_facets`` on the executor's path) rank as the Counter path does:
    most frequent first, ties by value, every tie at the limit's boundary considered."""
    import random

    import numpy as np

    from search.engine.facets import counted_facets

    rng = random.Random(seed)
    names = [f"name {n:04d}" for n in range(rng.randrange(1, 3000))]
    rng.shuffle(names)
    total = np.array([rng.choice((0, 0, 1, 2, 3, rng.randrange(50))) for _ in names])
    counter = Counter({name: int(n) for name, n in zip(names, total, strict=True) if n})
    for limit in (0, 1, 5, 25, 1000, None):
        limits = {"byline_exact": limit}
        assert counted_facets({"byline_exact": (total, names)}, limits) == \
            counted_facets({"byline_exact": counter}, limits), limit


@pytest.mark.parametrize("q", ["", "budget", "police", "senate OR police", "xyzzyq"])
def test_few_matches_counted_value_by_value_equal_every_value_counted(generated, monkeypatch, q):
    """A segment's few matches are counted by their distinct values (``_few_counted``), many by
    a count over every value of the column: both give every facet the same counts."""
    from search.engine import array_search
    from search.querying.builder import build_search

    def counts(ratio: int) -> dict:
        monkeypatch.setattr(array_search, "SPARSE_RATIO", ratio)
        return build_search({"q": q}).facet_counts()["fields"]

    by_value, dense = counts(0), counts(10**9)  # 0: always by value; 10**9: never
    assert by_value == dense
    if q != "xyzzyq":
        assert by_value["people"] and by_value["outlet_exact"]

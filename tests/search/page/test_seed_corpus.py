"""The issue's "done when" checks on the seed corpus, through the search page."""

import pytest

from archive.models import Article, CommentBlock

pytestmark = pytest.mark.django_db


def url_of(prefix: str) -> str:
    return Article.objects.get(file_name__startswith=prefix).get_absolute_url()


def test_sessions_finds_the_reuters_article_first(search, indexed):
    page = search(q="Sessions")
    assert page.status == 200
    assert page.links[0] == url_of("003_")
    assert "Reuters" in page.html
    assert "Showing results for <strong class=\"searched-query\">Sessions</strong>" in page.html
    assert "<mark>Sessions</mark>" in page.html


def test_profoundly_immoral_finds_the_two_articles_that_quote_it(search, indexed):
    page = search(q='"profoundly immoral"')
    quoting = Article.objects.filter(body__icontains="profoundly immoral")
    assert quoting.count() == 2
    assert sorted(page.links) == sorted(a.get_absolute_url() for a in quoting)
    assert page.total == 2
    assert "<mark>profoundly</mark> <mark>immoral</mark>" in page.html


def test_outlet_reuters_narrows_to_one(search, indexed):
    page = search(q="outlet:reuters")
    assert page.links == [url_of("003_")]
    assert page.total == 1


def test_reader_comments_for_treason_find_the_washington_times_block_and_no_article(
    search, indexed
):
    page = search(q="treason", kind="comments")
    block = CommentBlock.objects.get()
    assert block.article.source.name == "The Washington Times"
    # The link opens the first comment that matches, by its own anchor.
    first = next(n for n, c in enumerate(block.comments, 1) if "treason" in c.lower())
    assert first > 1
    assert page.links == [f"{block.article.get_absolute_url()}#comment-{block.pk}-{first}"]
    assert "Reader comments on “" in page.html
    assert "written by readers, not by The Washington Times" in page.html
    assert "<mark>treason</mark>" in page.html
    articles_only = search(q="treason", kind="article")
    assert articles_only.links == [] and articles_only.total == 0


def test_facet_counts_equal_the_database(search, indexed):
    page = search()  # everything public: articles and comment blocks
    published = Article.objects.published()
    blocks = CommentBlock.objects.filter(is_hidden=False, article__in=published)
    assert page.total == published.count() + blocks.count()
    assert page.facet("kind") == {"article": published.count(), "comments": blocks.count()}
    expected_outlets = {}
    for article in published.select_related("source"):
        name = article.source.name if article.source else "Unknown outlet"
        expected_outlets[name] = expected_outlets.get(name, 0) + 1
    for block in blocks.select_related("article__source"):
        name = block.article.source.name if block.article.source else "Unknown outlet"
        expected_outlets[name] = expected_outlets.get(name, 0) + 1
    assert page.facet("outlet") == expected_outlets
    # The sidecars date every seed article: 2009, 2015 (two) and 2018 (two, one with comments).
    expected_years: dict[str, int] = {}
    dates = [a.published for a in published] + [b.article.published for b in blocks]
    for day in dates:
        if day is not None:
            expected_years[f"{day.year}"] = expected_years.get(f"{day.year}", 0) + 1
    assert page.facet("year") == expected_years == {"2009": 1, "2015": 2, "2018": 3}
    with_comments = published.filter(comment_blocks__is_hidden=False).distinct().count()
    assert page.facet("comments") == {
        "yes": with_comments + blocks.count(),
        "no": published.count() - with_comments,
    }
    bylines = dict(page.facet("byline"))
    assert bylines["Anna Gorman"] == published.filter(byline="Anna Gorman").count() == 1


def test_facet_counts_for_a_query_equal_the_database(search, indexed):
    page = search(q="border", kind="article")
    matching = [a for a in Article.objects.published() if "border" in a.body.lower()
                or "border" in a.title.lower()]
    assert page.total == len(matching)
    outlets = {}
    for a in matching:
        name = a.source.name if a.source else "Unknown outlet"
        outlets[name] = outlets.get(name, 0) + 1
    assert page.facet("outlet") == outlets

"""The hits' articles in one query compiled once (``search.querying.hit_rows``): the same
articles, sources and comment counts as the ORM's ``published()`` reading, for any number of ids."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, with_comment_counts
from search.querying.hit_rows import HIT_COLUMNS, published_articles
from tests import factories


def orm_reading(ids):
    """What the search page read before: ``published()`` with the source, then the counts."""
    articles = Article.objects.published().select_related("source").in_bulk(ids)
    with_comment_counts(list(articles.values()))
    return articles


@pytest.fixture
def archive(db):
    outlet = factories.make_source("The Harbour Gazette")
    other = factories.make_source("Evening <Post> & Co")
    made = []
    for n in range(40):
        made.append(factories.make_article(
            f"Headline {n}", f"Body {n}.", source=[outlet, other, None][n % 3],
            published=dt.date(2020, 1, 1) + dt.timedelta(days=n) if n % 4 else None,
            byline=f"Writer {n}" if n % 2 else "",
            comments=[f"c{n}"] * (n % 5) if n % 3 == 1 else None,
        ))
    made[1].comment_blocks.create(heading="More", position=2, comments=["x", "y"], is_hidden=True)
    made[4].comment_blocks.create(heading="More", position=2, comments=["z"])
    made[5].status = Article.Status.HIDDEN
    made[5].save()
    made[6].merged_into = made[7]
    made[6].save()
    return made


def _shown(article):
    source = article.source
    return (
        [getattr(article, name) for name in HIT_COLUMNS], article.num_comments,
        None if source is None else (source.pk, source.name, source.slug),
    )


@pytest.mark.parametrize("count", [1, 2, 3, 7, 16, 17, 20, 33])
def test_the_same_articles_sources_and_counts_as_the_orm(archive, count):
    ids = [a.pk for a in archive[::-1][:count]] + [999_999]  # one id that is no article
    expected = orm_reading(ids)
    found = published_articles(ids)
    assert set(found) == set(expected)
    assert {pk: _shown(a) for pk, a in found.items()} == {
        pk: _shown(a) for pk, a in expected.items()}


def test_hidden_merged_and_hidden_comments_are_left_out(archive):
    found = published_articles([a.pk for a in archive])
    assert archive[5].pk not in found and archive[6].pk not in found
    assert found[archive[1].pk].num_comments == 1  # its hidden block's two are not counted
    assert found[archive[4].pk].num_comments == 5  # 4 + 1: both blocks are visible
    assert found[archive[0].pk].num_comments == 0


def test_one_query_and_the_other_fields_still_readable(archive):
    with CaptureQueriesContext(connection) as queries:
        found = published_articles([archive[3].pk, archive[4].pk])
        article = found[archive[4].pk]
        assert article.source.name == "Evening <Post> & Co"
        assert article.get_absolute_url() == archive[4].get_absolute_url()
    assert len(queries) == 1
    assert bytes(article.raw) == bytes(archive[4].raw)  # deferred: read when asked for
    assert published_articles([]) == {}

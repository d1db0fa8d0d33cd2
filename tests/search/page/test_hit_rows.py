"""The hits' articles and comment blocks, each in one query compiled once
(``search.querying.hit_rows``): the same articles, sources and comment counts as the ORM's
``published()`` reading, and the same blocks as its ``visible()`` reading, for any number of
ids."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, CommentBlock, with_comment_counts
from search.querying.hit_rows import HIT_COLUMNS, published_articles, visible_blocks
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


def orm_blocks(ids):
    """What the search page read before for its comment hits."""
    return (CommentBlock.objects.visible().select_related("article", "article__source")
            .defer("article__raw", "article__boilerplate", "article__parse_notes",
                   "article__sidecar", "article__body")
            .in_bulk(ids))


def _block_shown(block):
    article, source = block.article, block.article.source
    return (
        [getattr(block, f.attname) for f in CommentBlock._meta.concrete_fields],
        [getattr(article, name) for name in HIT_COLUMNS if name != "body"],
        article.status, article.merged_into_id, article.get_absolute_url(),
        None if source is None else (source.pk, source.name, source.slug),
    )


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 9, 15])
def test_the_same_comment_blocks_as_the_orm(archive, count):
    blocks = list(CommentBlock.objects.order_by("-pk"))
    assert len(blocks) >= 15
    ids = [b.pk for b in blocks[:count]] + [999_999]  # one id that is no block
    expected = orm_blocks(ids)
    found = visible_blocks(ids)
    assert set(found) == set(expected)
    assert {pk: _block_shown(b) for pk, b in found.items()} == {
        pk: _block_shown(b) for pk, b in expected.items()}


def test_hidden_blocks_and_blocks_of_hidden_or_merged_articles_are_left_out(archive):
    for n in (5, 6):
        archive[n].comment_blocks.create(heading="Readers", position=3, comments=["w"])
    every = list(CommentBlock.objects.all())
    found = visible_blocks([b.pk for b in every])
    left_out = {b.pk for b in every if b.is_hidden or b.article_id in (archive[5].pk,
                                                                          archive[6].pk)}
    assert len(left_out) == 3
    assert set(found) == {b.pk for b in every} - left_out
    more = archive[4].comment_blocks.get(heading="More").pk
    with CaptureQueriesContext(connection) as queries:
        block = found[more]
        assert block.comments == ["z"] and block.article.source.name == "Evening <Post> & Co"
    assert len(queries) == 0
    assert block.article.body == archive[4].body  # deferred: read when asked for
    assert visible_blocks([]) == {}

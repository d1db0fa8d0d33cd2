"""The public articles behind a page of hits, in one database query of the columns a hit shows.

A search page of twenty hits read its articles with ``published().select_related("source")``
``.in_bulk(ids)`` and their comment counts with a second query. The database's part of that was
~0.15 ms; building and compiling the two ORM queries and filling twenty models of twenty fields
each was ~1.4 ms, a tenth of a few-hit search page. Here the query (the same ``published()``
conditions, the source joined, the visible comments summed by a subquery) is compiled by the ORM
once per connection and number of ids, then only executed: the ids fill its ``IN (…)`` list,
padded by repeating the last id to a power of two so that few shapes are ever compiled.

The articles carry the columns a hit, its feed entry or its export row reads (``HIT_COLUMNS``);
any other is deferred, and read from the database if something asks for it.

The reader-comment blocks among the hits are read the same way (``visible_blocks``): each with
its article (less the body) and the article's outlet, as the ORM's ``visible()``
``.select_related(…).in_bulk(ids)`` read them, ~1 ms a page that has any.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from django.db import connections, router
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from archive.models import Article, CommentBlock, Source

HIT_COLUMNS = ("id", "title", "slug", "published", "byline", "body", "created_at", "updated_at",
               "source_id")
SOURCE_COLUMNS = ("id", "name", "slug")

# In the models' field order, as ``Model.from_db`` wants its values.
_ARTICLE_FIELDS = [f.attname for f in Article._meta.concrete_fields if f.attname in HIT_COLUMNS]
_SOURCE_FIELDS = [f.attname for f in Source._meta.concrete_fields if f.attname in SOURCE_COLUMNS]
_BLOCK_FIELDS = [f.attname for f in CommentBlock._meta.concrete_fields]
# A comment block's article: what the ORM read before, the article's columns less the long ones.
_BLOCK_ARTICLE_FIELDS = [f.attname for f in Article._meta.concrete_fields
                         if f.attname not in ("raw", "boilerplate", "parse_notes", "sidecar",
                                              "body")]
_compiled_queries = threading.local()  # per thread, as Django's connections are


def _visible_comments():
    """The reader comments of an article's visible blocks (0 without any), as
    ``archive.models.with_comment_counts`` counts them."""
    blocks = (CommentBlock.objects.filter(article=OuterRef("pk"), is_hidden=False).order_by()
              .values("article").annotate(total=Sum("comment_count")).values("total")[:1])
    return Coalesce(Subquery(blocks, output_field=IntegerField()), Value(0))


def _compiled(alias: str, size: int, make) -> tuple:
    """(compiler, SQL, parameters, where each id goes) for the values query ``make(alias, ids)``
    with ``size`` ids on ``alias``, compiled once: the ids are compiled as placeholders
    (negative, so no other parameter equals one)."""
    cache = _compiled_queries.__dict__.setdefault("queries", {})
    found = cache.get((make, alias, size))
    if found is None:
        placeholders = [-1 - n for n in range(size)]
        compiler = make(alias, placeholders).query.get_compiler(connection=connections[alias])
        sql, params = compiler.as_sql()
        slots = [i for i, p in enumerate(params) if type(p) is int and p in placeholders]
        if sorted(params[i] for i in slots) != sorted(placeholders):
            raise AssertionError("the hit query's ids were not found among its parameters")
        found = cache[(make, alias, size)] = (compiler, sql, list(params), slots)
    return found


def _rows(model, ids: Sequence[int], make) -> tuple[str, list]:
    """(the database alias, the rows of ``make``'s query for ``ids``), its values converted as
    the ORM converts them; the ids padded by repeating the last to a power of two."""
    alias = router.db_for_read(model)
    size = 1 << (len(ids) - 1).bit_length()
    padded = [*ids, *[ids[-1]] * (size - len(ids))]
    compiler, sql, params, slots = _compiled(alias, size, make)
    params = list(params)
    for slot, pk in zip(slots, padded, strict=True):
        params[slot] = pk
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return alias, list(compiler.results_iter(results=[rows]))


def _articles_query(alias: str, ids: list[int]):
    return (
        Article.objects.using(alias).published().filter(pk__in=ids).order_by()
        .annotate(num_comments=_visible_comments())
        .values_list(*_ARTICLE_FIELDS, *(f"source__{f}" for f in _SOURCE_FIELDS), "num_comments")
    )


def _blocks_query(alias: str, ids: list[int]):
    return (
        CommentBlock.objects.using(alias).visible().filter(pk__in=ids).order_by()
        .values_list(*_BLOCK_FIELDS, *(f"article__{f}" for f in _BLOCK_ARTICLE_FIELDS),
                     *(f"article__source__{f}" for f in _SOURCE_FIELDS))
    )


def _with_source(alias: str, article: Article, values) -> Article:
    """``article`` with its ``source`` set from ``values`` (its id, name and slug)."""
    source = None
    if article.source_id is not None:
        source = Source.from_db(alias, _SOURCE_FIELDS, values)
    Article.source.field.set_cached_value(article, source)
    return article


def published_articles(ids: Sequence[int]) -> dict[int, Article]:
    """The articles of ``ids`` that ``Article.objects.published()`` allows, by id, each with
    its ``source`` (its id, name and slug) and ``num_comments`` set."""
    if not ids:
        return {}
    alias, rows = _rows(Article, ids, _articles_query)
    articles = {}
    split = len(_ARTICLE_FIELDS)
    for row in rows:
        article = Article.from_db(alias, _ARTICLE_FIELDS, row[:split])
        _with_source(alias, article, row[split:-1])
        article.num_comments = row[-1]
        articles[article.pk] = article
    return articles


def visible_blocks(ids: Sequence[int]) -> dict[int, CommentBlock]:
    """The comment blocks of ``ids`` that ``CommentBlock.objects.visible()`` allows, by id,
    each with its ``article`` (every column but the body) and the article's ``source`` (its id,
    name and slug) set."""
    if not ids:
        return {}
    alias, rows = _rows(CommentBlock, ids, _blocks_query)
    blocks = {}
    split, end = len(_BLOCK_FIELDS), len(_BLOCK_FIELDS) + len(_BLOCK_ARTICLE_FIELDS)
    for row in rows:
        block = CommentBlock.from_db(alias, _BLOCK_FIELDS, row[:split])
        article = Article.from_db(alias, _BLOCK_ARTICLE_FIELDS, row[split:end])
        CommentBlock.article.field.set_cached_value(block, _with_source(alias, article, row[end:]))
        blocks[block.pk] = block
    return blocks

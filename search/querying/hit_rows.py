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
_compiled = threading.local()  # per thread, as Django's connections are


def _visible_comments():
    """The reader comments of an article's visible blocks (0 without any), as
    ``archive.models.with_comment_counts`` counts them."""
    blocks = (CommentBlock.objects.filter(article=OuterRef("pk"), is_hidden=False).order_by()
              .values("article").annotate(total=Sum("comment_count")).values("total")[:1])
    return Coalesce(Subquery(blocks, output_field=IntegerField()), Value(0))


def _query(alias: str, size: int):
    """(compiler, SQL, parameters, where each id goes) for ``size`` ids on ``alias``, compiled
    once: the ids are compiled as placeholders (negative, so no other parameter equals one)."""
    cache = _compiled.__dict__.setdefault("queries", {})
    found = cache.get((alias, size))
    if found is None:
        placeholders = [-1 - n for n in range(size)]
        query = (
            Article.objects.using(alias).published().filter(pk__in=placeholders).order_by()
            .annotate(num_comments=_visible_comments())
            .values_list(*_ARTICLE_FIELDS, *(f"source__{f}" for f in _SOURCE_FIELDS),
                         "num_comments")
        ).query
        compiler = query.get_compiler(connection=connections[alias])
        sql, params = compiler.as_sql()
        slots = [i for i, p in enumerate(params) if type(p) is int and p in placeholders]
        if sorted(params[i] for i in slots) != sorted(placeholders):
            raise AssertionError("the hit query's ids were not found among its parameters")
        found = cache[(alias, size)] = (compiler, sql, list(params), slots)
    return found


def published_articles(ids: Sequence[int]) -> dict[int, Article]:
    """The articles of ``ids`` that ``Article.objects.published()`` allows, by id, each with
    its ``source`` (its id, name and slug) and ``num_comments`` set."""
    if not ids:
        return {}
    alias = router.db_for_read(Article)
    size = 1 << (len(ids) - 1).bit_length()
    padded = [*ids, *[ids[-1]] * (size - len(ids))]
    compiler, sql, params, slots = _query(alias, size)
    params = list(params)
    for slot, pk in zip(slots, padded, strict=True):
        params[slot] = pk
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    articles = {}
    split = len(_ARTICLE_FIELDS)
    for row in compiler.results_iter(results=[rows]):
        article = Article.from_db(alias, _ARTICLE_FIELDS, row[:split])
        source = None
        if article.source_id is not None:
            source = Source.from_db(alias, _SOURCE_FIELDS, row[split:-1])
        Article.source.field.set_cached_value(article, source)
        article.num_comments = row[-1]
        articles[article.pk] = article
    return articles

"""“Related coverage”: other articles like this one, through the search index's more-like-this.

Only ever published articles: every hit is checked against ``Article.objects.published()``. When
the index is missing, empty or unavailable the list is simply empty (logged), never an error page.
"""

from __future__ import annotations

import logging

from archive.models import Article

logger = logging.getLogger(__name__)

RELATED_LIMIT = 5
# Ask the index for a few more than shown: some hits may be hidden or merged since indexing.
OVERFETCH = 3


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    try:
        from haystack.query import SearchQuerySet

        query = SearchQuerySet().models(Article).more_like_this(article).query
        # One more-like-this search for the slice. Slicing the SearchQuerySet ran it twice:
        # haystack's ``run_mlt`` passes the backend no offsets, so the engine answered its
        # default ten, haystack's result cache saw the slice unfilled and searched again; and it
        # loaded the articles from the database, which is done below anyway.
        query.run_mlt(start_offset=0, end_offset=limit * OVERFETCH)
        hits = query.get_results()
        ids = [int(hit.pk) for hit in hits if str(hit.pk).isdigit()]
    except Exception:  # the index is optional here: a page must render without it
        logger.warning("Related coverage unavailable for article %s", article.pk, exc_info=True)
        return []
    ids = [pk for pk in ids if pk != article.pk]
    if not ids:
        return []
    found = (
        Article.objects.published()
        .filter(pk__in=ids)
        .select_related("source")
        .defer("raw", "body", "boilerplate")
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found][:limit]

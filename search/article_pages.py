"""What search adds to the archive's article pages (registered in ``SearchConfig.ready``):
the terms of the search the reader came from (``?q=``) highlighted and counted, a link back to
those results, and related coverage from the index's more-like-this."""

from __future__ import annotations

from django.urls import reverse

from .highlighting import highlight_paragraphs
from .related import related_articles

MAX_QUERY_LENGTH = 500


def highlighted_search(request, article) -> dict:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    if not query:
        return {}
    paragraphs, match_count = highlight_paragraphs(article.paragraphs, query)
    params = request.GET.copy()
    params.pop("format", None)
    return {
        "query": query,
        "paragraphs": paragraphs,
        "match_count": match_count,
        "back_to_results": f"{reverse('search:search')}?{params.urlencode()}",
    }


def related_coverage(request, article) -> dict:
    return {"related": related_articles(article)}

"""What search adds to the archive's article pages (registered in ``SearchConfig.ready``):
the terms of the search the reader came from (``?q=``) highlighted and counted in the text and
in the reader comments (a block with a match opens), a link back to those results, and related
coverage from the index's more-like-this."""

from __future__ import annotations

import itertools

from django.urls import reverse

from .highlighting import highlight_comments, highlight_paragraphs, query_label
from .related import related_articles

MAX_QUERY_LENGTH = 500


def highlighted_search(request, article) -> dict:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    if not query:
        return {}
    paragraphs, match_count = highlight_paragraphs(article.paragraphs, query)
    blocks = marked_comment_blocks(article, query)
    params = request.GET.copy()
    params.pop("format", None)
    return {
        "query": query,
        "query_label": query_label(query),
        "paragraphs": paragraphs,
        "match_count": match_count,
        "comment_blocks": blocks,
        "comment_match_count": sum(block["matches"] for block in blocks),
        "back_to_results": f"{reverse('search:search')}?{params.urlencode()}",
    }


def marked_comment_blocks(article, query: str) -> list[dict]:
    """The visible comment blocks as the archive shows them (``archive.views.articles.
    comment_blocks``: numbered comments), with the query's matches marked and counted."""
    counter = itertools.count()
    blocks = []
    for block in article.comment_blocks.filter(is_hidden=False):
        comments = highlight_comments(list(block.comments), query, counter)
        matches = sum(comment.matches for comment in comments)
        blocks.append({"block": block, "comments": comments, "matches": matches})
    return blocks


def related_coverage(request, article) -> dict:
    return {"related": related_articles(article)}

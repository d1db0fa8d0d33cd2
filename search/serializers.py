"""One record shape for an article, shared by ``export_articles`` and the JSON views.

Field names are a public contract (documented in docs/export-format.md): add, never rename.
"""

from django.conf import settings

from search.models import Article


def absolute_permalink(article: Article, request=None) -> str:
    path = article.get_absolute_url()
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.CLIPPINGS_SITE_URL + path


def article_record(article: Article, *, request=None, include_hidden_comments=False) -> dict:
    """The export record of an article. Expects ``source`` selected and comment blocks
    prefetched (see :func:`export_queryset`)."""
    blocks = [
        block
        for block in article.comment_blocks.all()
        if include_hidden_comments or not block.is_hidden
    ]
    return {
        "id": article.id,
        "permalink": absolute_permalink(article, request),
        "headline": article.headline,
        "title": article.title,
        "headline_derived": article.headline_derived,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source.name if article.source_id else None,
        "byline": article.byline,
        "url": article.url,
        "body": article.body,
        "boilerplate": [{"kind": b["kind"], "text": b["text"]} for b in article.boilerplate],
        "comments": [comment for block in blocks for comment in block.comments],
        "raw_sha256": article.raw_sha256,
        "file": article.file_name,
        "status": article.status,
    }


def export_queryset(queryset):
    return (
        queryset.select_related("source")
        .prefetch_related("comment_blocks")
        .defer("raw")
        .order_by("id")
    )

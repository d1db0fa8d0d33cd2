"""One record shape for an article, shared by ``export_articles`` and the JSON views.

Field names are a public contract (documented in docs/api.md): add, never rename.
"""

from html import unescape

from django.conf import settings
from django.utils.html import strip_tags

from archive.models import Article

from .extensions import record_fields


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
        # What the apps above add (the newsroom: story, entities, quotes; docs/api.md).
        **record_fields(article, lambda other: absolute_permalink(other, request)),
    }


def export_queryset(queryset):
    return (
        queryset.select_related("source")
        .prefetch_related("comment_blocks")
        .defer("raw")
        .order_by("id")
    )


# --- Search results: one flat record per hit, for the search JSON, CSV and JSON Lines ---------

# The columns of a search export, in order (a public contract like the article record's).
HIT_FIELDS = (
    "kind",
    "id",
    "permalink",
    "outlet",
    "published",
    "headline",
    "byline",
    "comment_count",
    "snippet",
)
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def plain_text(html: str) -> str:
    """Marked, escaped HTML (a snippet) back to the plain text it was made from."""
    return unescape(strip_tags(str(html)))


def hit_record(hit, *, request=None) -> dict:
    """A search hit (``search.querying.hits.Hit``) as plain values. ``kind`` is "article" or
    "comments" (a reader-comment block: its permalink points at the comments, its snippet is
    readers' words, not the outlet's)."""
    article = hit.article
    path = hit.url
    return {
        "kind": hit.kind,
        "id": article.id,
        "permalink": request.build_absolute_uri(path)
        if request is not None
        else settings.CLIPPINGS_SITE_URL + path,
        "outlet": article.source.name if article.source_id else None,
        "published": article.published.isoformat() if article.published else None,
        "headline": article.title,
        "byline": hit.byline,
        "comment_count": hit.comment_count,
        "snippet": plain_text(hit.snippet),
    }


def csv_cell(value) -> str:
    """A value as a CSV cell that no spreadsheet will run: text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_row(record: dict) -> list[str]:
    return [csv_cell(record[name]) for name in HIT_FIELDS]

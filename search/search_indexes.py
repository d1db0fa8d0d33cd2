"""What search sees: articles and reader-comment blocks, each its own kind of document.

Only what the public may see is indexed (``Article.objects.published()``, visible comment
blocks), so hidden and merged articles cannot leak through search, facets or related lists.
A comment block is a document of its own (``kind`` = "comments") carrying its article's outlet
and dates, so facets combine across both kinds and reader words are never shown as the outlet's.

Field names are an interface: the search page codes against them.
"""

from __future__ import annotations

import threading

from django.db.models import Prefetch
from haystack import indexes
from haystack.fields import FacetMultiValueField

from archive.models import Article, CommentBlock
from newsroom import queries as intelligence

UNKNOWN_OUTLET = "Unknown outlet"
_batch = threading.local()  # intelligence fields read ahead for a batch (ArticleIndex.prefetch)


def split_byline(byline: str) -> list[str]:
    """Each author of a byline ("A, B and C" → ["A", "B", "C"]), for the byline facet."""
    cleaned = byline.replace(" and ", ",").replace(" & ", ",").replace(";", ",")
    names = []
    for part in cleaned.split(","):
        name = part.strip().removeprefix("By ").removeprefix("by ").strip()
        if name and name not in names:
            names.append(name)
    return names


def _visible_blocks(article: Article) -> list[CommentBlock]:
    return [block for block in article.comment_blocks.all() if not block.is_hidden]


class _DatedFields:
    """Date facet fields shared by both kinds of document (from the article's date)."""

    @staticmethod
    def _year(published) -> str | None:
        return f"{published.year:04d}" if published else None

    @staticmethod
    def _month(published) -> str | None:
        return f"{published.year:04d}-{published.month:02d}" if published else None


class ArticleIndex(_DatedFields, indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)  # prepare_text
    headline = indexes.CharField(model_attr="title", stored=False)
    byline = indexes.CharField(model_attr="byline", default="")
    outlet = indexes.CharField(stored=False)
    outlet_exact = indexes.FacetCharField()
    byline_exact = FacetMultiValueField()
    published = indexes.DateField(model_attr="published", null=True)
    year = indexes.FacetCharField()
    month = indexes.FacetCharField()
    has_comments = indexes.FacetCharField()
    comment_count = indexes.IntegerField()
    kind = indexes.FacetCharField()
    title = indexes.CharField(model_attr="title", indexed=False)
    url = indexes.CharField(indexed=False)
    # Newsroom intelligence (issue 6, docs/intelligence.md): same-story and entity facets.
    story_id = indexes.IntegerField(null=True)
    story_size = indexes.FacetCharField()
    people = FacetMultiValueField()
    organisations = FacetMultiValueField()
    places = FacetMultiValueField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return (
            Article.objects.published()
            .select_related("source")
            .prefetch_related(Prefetch("comment_blocks", queryset=CommentBlock.objects.all()))
            .defer("raw", "boilerplate", "parse_notes", "sidecar")
            .order_by("pk")
        )

    def read_queryset(self, using=None):
        return Article.objects.published().select_related("source")

    def get_updated_field(self):
        return "updated_at"

    def prepare_text(self, obj: Article) -> str:
        # Title, byline and body a line each, as the template did, without the template
        # engine (bench/README.md "Indexing": its cost per article).
        return f"{obj.title}\n{obj.byline}\n{obj.body}\n"

    def prepare_outlet(self, obj: Article) -> str:
        return f"{obj.source.name} {obj.source.slug}" if obj.source else ""

    def prepare_outlet_exact(self, obj: Article) -> str:
        return obj.source.name if obj.source else UNKNOWN_OUTLET

    def prepare_byline_exact(self, obj: Article) -> list[str]:
        return split_byline(obj.byline)

    def prepare_year(self, obj: Article) -> str | None:
        return self._year(obj.published)

    def prepare_month(self, obj: Article) -> str | None:
        return self._month(obj.published)

    def prepare_comment_count(self, obj: Article) -> int:
        return sum(block.comment_count for block in _visible_blocks(obj))

    def prepare_has_comments(self, obj: Article) -> str:
        return "yes" if _visible_blocks(obj) else "no"

    def prepare_kind(self, obj: Article) -> str:
        return "article"

    def prepare_url(self, obj: Article) -> str:
        return obj.get_absolute_url()

    def prefetch(self, objects) -> None:
        """Read the intelligence fields of a batch of articles about to be prepared, in a few
        queries (``prepare`` then uses them instead of querying per article). For this thread,
        until ``forget_prefetched()``."""
        _batch.fields = intelligence.index_fields_for(objects)

    def forget_prefetched(self) -> None:
        _batch.fields = None

    def prepare(self, obj: Article) -> dict:
        data = super().prepare(obj)
        prefetched = getattr(_batch, "fields", None) or {}
        found = prefetched.get(obj.pk)
        data.update(found if found is not None else intelligence.index_fields(obj))
        return data


class CommentBlockIndex(_DatedFields, indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)  # prepare_text
    kind = indexes.FacetCharField()
    article_id = indexes.IntegerField(model_attr="article_id")
    title = indexes.CharField(indexed=False)
    url = indexes.CharField(indexed=False)
    outlet_exact = indexes.FacetCharField()
    published = indexes.DateField(null=True)
    year = indexes.FacetCharField()
    month = indexes.FacetCharField()
    has_comments = indexes.FacetCharField()
    comment_count = indexes.IntegerField(model_attr="comment_count")

    def get_model(self):
        return CommentBlock

    def index_queryset(self, using=None):
        return (
            CommentBlock.objects.visible()
            .select_related("article", "article__source")
            .defer("article__raw", "article__boilerplate", "article__parse_notes",
                   "article__sidecar", "article__body")
            .order_by("pk")
        )

    def read_queryset(self, using=None):
        return CommentBlock.objects.visible().select_related("article")

    def get_updated_field(self):
        return "updated_at"

    def prepare_text(self, obj: CommentBlock) -> str:
        return "".join(f"{comment}\n" for comment in obj.comments or ()) + "\n"

    def prepare_kind(self, obj: CommentBlock) -> str:
        return "comments"

    def prepare_title(self, obj: CommentBlock) -> str:
        return obj.article.title

    def prepare_url(self, obj: CommentBlock) -> str:
        return obj.article.get_absolute_url()

    def prepare_outlet_exact(self, obj: CommentBlock) -> str:
        source = obj.article.source
        return source.name if source else UNKNOWN_OUTLET

    def prepare_published(self, obj: CommentBlock):
        return obj.article.published

    def prepare_year(self, obj: CommentBlock) -> str | None:
        return self._year(obj.article.published)

    def prepare_month(self, obj: CommentBlock) -> str | None:
        return self._month(obj.article.published)

    def prepare_has_comments(self, obj: CommentBlock) -> str:
        return "yes"

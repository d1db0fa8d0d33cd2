from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from config.paths import PathTemplate

from .base import TimeStampedModel, optional_link
from .source import Source

# The permalink: every list of articles links each (``PathTemplate``: reverse without its cost).
_ARTICLE_PATH = PathTemplate("archive:article", pk=PathTemplate.INT, slug=PathTemplate.SAFE)


def published_through(relation: str = "") -> Q:
    """``published()``'s conditions, reached through a relation (``"article__"``).

    Filter related rows with this rather than ``article__in=Article.objects.published()``:
    that is a subquery of every public article's id, which SQLite builds in full for each
    query (a quarter of a second at 100,000 articles); these are conditions on the join."""
    return Q(**{f"{relation}status": Article.Status.PUBLISHED,
                f"{relation}merged_into__isnull": True})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published and not merged into another article.
        Call it at request time, never at import time."""
        return self.filter(published_through())

    def newest_first(self):
        return self.order_by(models.F("published").desc(nulls_last=True), "-id")


class Article(TimeStampedModel):
    """One scraped page: its raw bytes verbatim, and what the parser (or a curator) made of it."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden"

    class RawFormat(models.TextChoices):
        TEXT = "text", "Raw text"
        HTML = "html", "Saved HTML page"

    headline = models.CharField(
        max_length=500, blank=True, help_text="The headline; empty when the page had none."
    )
    title = models.CharField(
        max_length=500,
        help_text="What lists and pages show: the headline, or a title derived from the first "
        "sentence when there is no headline.",
    )
    headline_derived = models.BooleanField(
        default=False, help_text="The title was derived from the body: a curator should check it."
    )
    slug = models.SlugField(max_length=200, help_text="Cosmetic part of the permalink.")
    source = optional_link(
        Source, related_name="articles", help_text="The outlet; empty when unknown."
    )
    published = models.DateField(null=True, blank=True, help_text="Publication date, if known.")
    byline = models.CharField(max_length=300, blank=True, help_text="Author(s), if known.")
    url = models.URLField(max_length=1000, blank=True, help_text="Original address, if known.")
    body = models.TextField(help_text="The clean body: paragraphs separated by a blank line.")
    boilerplate = models.JSONField(
        default=list,
        blank=True,
        help_text="Lines removed by cleaning, each {kind, text, line}.",
    )
    word_count = models.PositiveIntegerField(default=0)
    raw = models.BinaryField(help_text="The file exactly as ingested, byte for byte.")
    raw_sha256 = models.CharField(max_length=64, help_text="SHA-256 of the raw bytes (hex).")
    encoding = models.CharField(max_length=40, default="utf-8")
    raw_format = models.CharField(
        max_length=8, choices=RawFormat.choices, default=RawFormat.TEXT,
        help_text="What the raw bytes are: scraped text, or a saved HTML page (shown only as "
        "escaped source or in a sandbox that runs no scripts).",
    )
    # The article's identity at ingest (unique). 500 characters: a unique index on PostgreSQL
    # holds at most about 2,700 bytes, and a character may take four.
    file_name = models.CharField(
        max_length=500,
        help_text="The file the article was ingested from: its path below the folder that was "
        "ingested (e.g. 2018/x.txt). Articles ingested before paths were kept have their bare "
        "file name until their folder is ingested again.",
    )
    sidecar = models.JSONField(
        default=dict,
        blank=True,
        help_text="Metadata from a NAME.json file beside the raw file; it wins over detection.",
    )
    parse_notes = models.JSONField(default=list, blank=True)
    locked_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields set by hand or by a sidecar file; re-parsing keeps them.",
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    merged_into = optional_link(
        "self",
        related_name="aliases",
        help_text="Set when this article was merged into another: its permalink redirects there. "
        "Its raw text and comments stay attached here.",
    )
    status_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the article is hidden (shown to editors only)."
    )

    objects = ArticleQuerySet.as_manager()
    # Every change (who, when, old and new values) for the admin's history page and restore.
    # The raw bytes never change after ingestion, so history rows do not copy them.
    history = HistoricalRecords(
        excluded_fields=["raw", "updated_at"],
        table_name="search_historicalarticle",  # kept from before the split into apps
    )

    class Meta:
        db_table = "search_article"  # kept from before the split into apps
        ordering = [models.F("published").desc(nulls_last=True), "-id"]
        get_latest_by = "published"
        indexes = [
            models.Index(fields=["status", "published"], name="article_status_pub_idx"),
            models.Index(fields=["source", "published"], name="article_source_pub_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["file_name"], name="article_unique_file_name"),
            models.UniqueConstraint(fields=["raw_sha256"], name="article_unique_raw_sha256"),
            models.CheckConstraint(
                condition=Q(status__in=["published", "hidden"]), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(headline_derived=False) | Q(headline=""),
                name="article_derived_title_has_no_headline",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="article_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=Q(raw_format__in=["text", "html"]), name="article_raw_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.slug = self.slug_for_title()
        super().save(*args, **kwargs)

    def slug_for_title(self) -> str:
        """The permalink's cosmetic slug (``save()`` sets it; so does bulk ingestion)."""
        return slugify(self.title)[:200].strip("-") or "article"

    def get_absolute_url(self) -> str:
        return _ARTICLE_PATH(pk=self.pk, slug=self.slug)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.merged_into_id is None

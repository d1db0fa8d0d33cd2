from django.db import models
from simple_history.models import HistoricalRecords

from archive.parsing import OutletSignature, signature_from_text
from config.paths import PathTemplate

from .base import TimeStampedModel

# An outlet's page: its link is on every result card (``PathTemplate``: reverse without its cost).
_SOURCE_PATH = PathTemplate("archive:source", slug=PathTemplate.SAFE)


class SourceQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Annotate ``article_count``: the outlet's articles the public may see (as
        ``Article.objects.published()``) and ``latest``, the newest one's date."""
        public = models.Q(articles__status="published", articles__merged_into__isnull=True)
        return self.annotate(
            article_count=models.Count("articles", filter=public),
            latest=models.Max("articles__published", filter=public),
        )


class Source(TimeStampedModel):
    """A news outlet, and the signatures that identify it in a scraped page."""

    name = models.CharField(max_length=200, help_text="The outlet's name as readers know it.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; never reuse one.")
    domain = models.CharField(
        max_length=200,
        blank=True,
        help_text="The outlet's web domain, e.g. latimes.com. Reporter e-mail addresses at this "
        "domain identify the outlet.",
    )
    signatures = models.TextField(
        blank=True,
        help_text="One signature per line: a phrase that identifies the outlet in a page "
        "(copyright holder, licensing line, footer text), matched case-insensitively; "
        "a line starting with “re:” is a regular expression; a line starting with “@” is "
        "an e-mail domain; lines starting with “#” are comments.",
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        table_name="search_historicalsource",  # kept from before the split into apps
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        db_table = "search_source"  # kept from before the split into apps
        ordering = ["name"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["domain"], name="source_domain_idx")]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="source_unique_name"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="source_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return _SOURCE_PATH(slug=self.slug)

    def as_signature(self) -> OutletSignature:
        """The parser's (Django-free) view of this outlet."""
        return signature_from_text(self.slug, self.name, self.domain, self.signatures)

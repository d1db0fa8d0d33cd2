from django.db import models
from django.db.models import Q

from .base import TimeStampedModel
from .source import Source


class TemplateLineQuerySet(models.QuerySet):
    def keys_by_group(self) -> dict[str, frozenset[str]]:
        """{group: the keys of its template lines}: what ingestion and re-parsing remove."""
        found: dict[str, set[str]] = {}
        for group, key in self.order_by().values_list("group", "key"):
            found.setdefault(group, set()).add(key)
        return {group: frozenset(keys) for group, keys in found.items()}


class TemplateLine(TimeStampedModel):
    """A line that repeats across many articles of one outlet (or, when the outlet is unknown,
    of one file-name prefix): the outlet's page template, removed from bodies as furniture.
    Learnt at ingest and by ``manage.py relearn_boilerplate`` (archive.parsing.templates)."""

    group = models.CharField(
        max_length=300, help_text="outlet:SLUG, or prefix:… (file-name prefix or a URL's host) "
        "when the articles' outlet is unknown.")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="template_lines",
        help_text="The outlet, when the group is one.")
    key = models.CharField(max_length=1000, help_text="The line as compared: whitespace "
                           "collapsed, case-folded, digits blanked.")
    text = models.CharField(max_length=1000, help_text="The line as one of its pages has it.")
    article_count = models.PositiveIntegerField(
        help_text="Articles of the group that hold the line when it was last counted.")

    objects = TemplateLineQuerySet.as_manager()

    class Meta:
        ordering = ["group", "-article_count", "key"]
        get_latest_by = "updated_at"
        indexes = [models.Index(fields=["source", "article_count"], name="template_source_idx")]
        constraints = [
            models.UniqueConstraint(fields=["group", "key"], name="template_unique_group_key"),
            models.CheckConstraint(condition=~Q(group=""), name="template_group_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.text}"

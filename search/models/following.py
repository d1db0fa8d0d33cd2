"""Following coverage (issue 15): a journalist's saved searches and the alert e-mails they get.

A ``SavedSearch`` keeps a search page's whole URL state (its query string) under a name. Alerts
go through an outbox: ``AlertMail`` is one e-mail to one user, written with its ``AlertItem``
rows (which articles of which saved search it carries) in one transaction, then sent. The unique
``(saved_search, article)`` pair is what makes "never the same article twice" hold even when
``send_alerts`` is killed and run again; a mail still unsent (killed, or its SMTP server failed)
is sent by the next run.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from archive.models import TimeStampedModel

MAX_SAVED_SEARCHES = 200
MAX_NAME_CHARS = 200
MAX_QUERY_CHARS = 4000


class SavedSearchQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The saved searches of ``user`` only (none for an anonymous visitor)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def alerting(self):
        return self.exclude(frequency=SavedSearch.Frequency.OFF).filter(user__is_active=True)

    def due(self, now: dt.datetime | None = None):
        """Alerting searches whose period has passed since their last alert (an hour of slack,
        so a cron job that starts a little early still finds yesterday's searches due)."""
        now = now or timezone.now()
        slack = dt.timedelta(hours=1)

        def due_after(period: dt.timedelta) -> Q:
            never = Q(last_alerted_at__isnull=True)
            return never | Q(last_alerted_at__lte=now - period + slack)

        daily = Q(frequency=SavedSearch.Frequency.DAILY) & due_after(dt.timedelta(days=1))
        weekly = Q(frequency=SavedSearch.Frequency.WEEKLY) & due_after(dt.timedelta(days=7))
        return self.alerting().filter(daily | weekly)


class SavedSearch(TimeStampedModel):
    """A search page's URL state under a name, private to the user who saved it."""

    class Frequency(models.TextChoices):
        OFF = "off", "No e-mail"
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(
        max_length=MAX_NAME_CHARS, help_text="What the journalist calls this search."
    )
    query = models.TextField(
        blank=True,
        max_length=MAX_QUERY_CHARS,
        help_text="The search page's query string (words, facets, dates, sort, collapse), "
        "without the page number.",
    )
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.OFF,
        help_text="How often new matches are e-mailed.",
    )
    last_opened_at = models.DateTimeField(
        help_text="When its owner last opened it: matches added since then are “new”."
    )
    alert_cursor = models.DateTimeField(
        help_text="Articles added to the archive after this are candidates for the next alert."
    )
    last_alerted_at = models.DateTimeField(
        null=True, blank=True, help_text="When send_alerts last looked at this search."
    )

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["user", "name"]
        get_latest_by = "created_at"
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name"),
            models.CheckConstraint(
                condition=Q(frequency__in=["off", "daily", "weekly"]),
                name="saved_search_frequency_known",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "last_alerted_at"], name="saved_search_due")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("search:saved-search", args=[self.pk])

    def search_url(self) -> str:
        base = reverse("search:search")
        return f"{base}?{self.query}" if self.query else base

    def feed_url(self) -> str:
        base = reverse("search:search-feed")
        return f"{base}?{self.query}" if self.query else base


class AlertMail(models.Model):
    """One alert e-mail to one user (the outbox): sent when ``sent_at`` is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_mails"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["sent_at", "user"], name="alert_mail_pending")]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "pending"
        return f"Alert to {self.user} ({state})"


class AlertItem(models.Model):
    """An article of a saved search carried by an alert mail: once per search, ever."""

    mail = models.ForeignKey(AlertMail, on_delete=models.CASCADE, related_name="items")
    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="alert_items"
    )
    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["mail", "saved_search", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "article"], name="alert_item_once_per_search"
            )
        ]

    def __str__(self) -> str:
        return f"Article {self.article_id} for saved search {self.saved_search_id}"

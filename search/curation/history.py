"""History rows for bulk writes: ``QuerySet.update()`` and ``bulk_update()`` send no signals,
so the services record each changed article themselves (who, when, why, the new values; the
admin's history page diffs consecutive rows for the old ones)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from search.models import Article

# Columns the admin never needs to write in bulk and that history does not copy.
HEAVY_FIELDS = ("raw",)


def load_for_update(ids: Sequence[int]) -> list[Article]:
    """One chunk of articles with every tracked field, without the raw bytes."""
    return list(Article.objects.filter(pk__in=ids).defer(*HEAVY_FIELDS).order_by("pk"))


def save_chunk(
    articles: list[Article], fields: Sequence[str], *, user, reason: str, same_values: bool = False
) -> None:
    """Write ``fields`` of already-changed articles in one statement and record their history.

    ``same_values``: every article got the same values, so a plain ``UPDATE … WHERE id IN``
    does it (``bulk_update`` otherwise, one ``CASE`` per field).
    """
    if not articles:
        return
    now = timezone.now()
    for article in articles:
        article.updated_at = now
    if same_values:
        values = {field: getattr(articles[0], field) for field in fields}
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(**values, updated_at=now)
    else:
        Article.objects.bulk_update(articles, [*fields, "updated_at"])
    Article.history.bulk_history_create(
        articles, update=True, default_user=user, default_change_reason=reason, default_date=now
    )

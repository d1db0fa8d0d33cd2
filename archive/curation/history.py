"""History rows for bulk writes: ``QuerySet.update()`` and ``bulk_update()`` send no signals,
so the services record each changed article themselves (who, when, why, the new values; the
admin's history page diffs consecutive rows for the old ones)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from archive.models import Article

# Columns the admin never needs to write in bulk and that history does not copy.
HEAVY_FIELDS = ("raw",)
# Above this many distinct value combinations in a chunk, one bulk_update beats many UPDATEs.
MAX_UPDATE_GROUPS = 20


def load_for_update(ids: Sequence[int]) -> list[Article]:
    """One chunk of articles with every tracked field, without the raw bytes."""
    return list(Article.objects.filter(pk__in=ids).defer(*HEAVY_FIELDS).order_by("pk"))


def save_chunk(articles: list[Article], fields: Sequence[str], *, user, reason: str) -> None:
    """Write ``fields`` of already-changed articles and record their history.

    Articles that got the same values share one ``UPDATE … WHERE id IN (…)`` (a bulk action
    usually gives a whole chunk one value, or a handful); ``bulk_update``'s one ``CASE`` per
    field and row is only used when most values differ.
    """
    if not articles:
        return
    now = timezone.now()
    attnames = [Article._meta.get_field(name).attname for name in fields]
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        article.updated_at = now
        key = json.dumps([getattr(article, name) for name in attnames], default=str)
        groups[key].append(article)
    if len(groups) > MAX_UPDATE_GROUPS:
        Article.objects.bulk_update(articles, [*fields, "updated_at"])
    else:
        for group in groups.values():
            values = {name: getattr(group[0], name) for name in attnames}
            Article.objects.filter(pk__in=[a.pk for a in group]).update(**values, updated_at=now)
    Article.history.bulk_history_create(
        articles, update=True, default_user=user, default_change_reason=reason, default_date=now
    )

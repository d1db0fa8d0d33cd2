"""What needs a curator: articles missing a headline, a date or an outlet."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from archive.models import Article

# Filter value (the admin's ``attention`` list filter) => (label, condition).
PROBLEMS = {
    "no_headline": ("No headline", Q(headline="")),
    "no_date": ("No date", Q(published__isnull=True)),
    "unknown_outlet": ("Unknown outlet", Q(source__isnull=True)),
}


def needing_attention(queryset, problem: str | None = None):
    """Articles (merged ones left out: an alias needs no care) with ``problem``, or any."""
    queryset = queryset.filter(merged_into__isnull=True)
    if problem is None:
        condition = Q()
        for _label, test in PROBLEMS.values():
            condition |= test
        return queryset.filter(condition)
    return queryset.filter(PROBLEMS[problem][1])


@dataclass(frozen=True)
class AttentionItem:
    key: str
    label: str
    count: int
    url: str


def attention_items() -> list[AttentionItem]:
    """One count per problem, in one query, each with the admin list filtered to it."""
    counts = Article.objects.filter(merged_into__isnull=True).aggregate(
        **{key: Count("pk", filter=test) for key, (_label, test) in PROBLEMS.items()}
    )
    changelist = reverse("admin:archive_article_changelist")
    return [
        AttentionItem(key, label, counts[key], f"{changelist}?attention={key}")
        for key, (label, _test) in PROBLEMS.items()
    ]

"""Permalinks that never break: an article id resolves to the article the public may read,
following merges (``merged_into``) to the surviving article."""

from __future__ import annotations

from archive.models import Article

MAX_MERGE_HOPS = 20


def public_article_for(pk: int, queryset=None) -> Article | None:
    """The published article that id ``pk`` leads to, or ``None``.

    A merged article leads to the one it was merged into (chains followed, at most
    ``MAX_MERGE_HOPS`` hops, a cycle leads nowhere); a hidden article leads nowhere, and so does a
    merge into a hidden article. ``queryset`` (of articles) lets the caller choose what to load.
    """
    queryset = Article.objects.all() if queryset is None else queryset
    seen: set[int] = set()
    current = pk
    for _ in range(MAX_MERGE_HOPS + 1):
        if current in seen:
            return None
        seen.add(current)
        row = (
            Article.objects.filter(pk=current).values_list("status", "merged_into_id").first()
        )
        if row is None:
            return None
        status, merged_into = row
        if merged_into is None:
            if status != Article.Status.PUBLISHED:
                return None
            return queryset.published().filter(pk=current).first()
        current = merged_into
    return None

"""Merging duplicates: the merged article becomes an alias of the kept one."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from archive.models import Article
from archive.signals import announce_changes

from .chunks import id_chunks
from .errors import CurationError
from .history import load_for_update, save_chunk


def merge_into(*, articles: QuerySet, kept: Article, user=None) -> int:
    """Make every selected article (other than ``kept``) an alias of ``kept``.

    Nothing is deleted: an alias keeps its raw text, comments and history, leaves every public
    surface (``Article.objects.published()`` excludes it) and its permalink redirects to the
    kept article. Aliases of a merged article follow it to ``kept``, so no chain forms.
    ``kept`` must be public. Returns how many articles became (or moved as) aliases.
    """
    kept = Article.objects.filter(pk=kept.pk).only("pk", "status", "merged_into").first()
    if kept is None:
        raise CurationError("The article to keep does not exist.")
    if not kept.is_public:
        raise CurationError(
            f"Article #{kept.pk} is hidden or itself merged: keep a published article."
        )
    selection = articles.exclude(pk=kept.pk)
    reason = f"merged into #{kept.pk}"
    changed = 0
    with transaction.atomic():
        for ids in id_chunks(selection):
            followers = list(
                Article.objects.filter(merged_into__in=ids).values_list("pk", flat=True)
            )
            for group in (ids, followers):
                chunk = [a for a in load_for_update(group) if a.merged_into_id != kept.pk]
                for article in chunk:
                    article.merged_into_id = kept.pk
                save_chunk(chunk, ["merged_into"], user=user, reason=reason)
                changed += len(chunk)
            announce_changes([*ids, *followers])
        announce_changes([kept.pk])  # related coverage and counts may change with the aliases
    return changed

"""Publishing and hiding a selection of articles."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from archive.models import Article
from archive.signals import announce_changes

from .chunks import id_chunks
from .errors import CurationError
from .history import load_for_update, save_chunk

REASON_MAX_LENGTH = Article._meta.get_field("status_reason").max_length


def publish(*, articles: QuerySet, user=None) -> int:
    """Make the selected hidden articles public again; returns how many changed."""
    changed = 0
    with transaction.atomic():
        for ids in id_chunks(articles.exclude(status=Article.Status.PUBLISHED)):
            chunk = load_for_update(ids)
            for article in chunk:
                article.status, article.status_reason = Article.Status.PUBLISHED, ""
            save_chunk(chunk, ["status", "status_reason"], user=user, reason="published")
            announce_changes(ids)
            changed += len(chunk)
    return changed


def hide(*, articles: QuerySet, reason: str, user=None) -> int:
    """Hide the selected articles from every public surface, recording why (editors only see
    the reason). Articles already hidden get the new reason. Returns how many were written."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise CurationError("Say why the articles are hidden: the reason is required.")
    if len(reason) > REASON_MAX_LENGTH:
        raise CurationError(f"The reason is too long: at most {REASON_MAX_LENGTH} characters.")
    changed = 0
    with transaction.atomic():
        for ids in id_chunks(articles):
            chunk = load_for_update(ids)
            for article in chunk:
                article.status, article.status_reason = Article.Status.HIDDEN, reason
            save_chunk(chunk, ["status", "status_reason"], user=user, reason=f"hidden: {reason}")
            announce_changes(ids)
            changed += len(chunk)
    return changed

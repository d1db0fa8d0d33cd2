"""Re-indexing a selection on request (e.g. after changing an index template)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from archive.signals import announce_changes

from .chunks import id_chunks


def reindex(*, articles: QuerySet) -> int:
    """Queue the selection for re-indexing (public ones indexed, others removed) once the
    surrounding transaction commits. Returns how many were queued."""
    queued = 0
    with transaction.atomic():
        for ids in id_chunks(articles):
            announce_changes(ids)
            queued += len(ids)
    return queued

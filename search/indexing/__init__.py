"""Keeping the search index equal to the database.

Other code calls two things:

- ``queue_reindex(article_ids)``: when the current transaction commits, (re)index each article and
  its comment blocks if the public may see them, remove them from the index if not (hidden,
  merged, deleted). Outside a transaction it happens at once. ``QuerySet.update()`` bypasses
  signals: its callers call this themselves.
- ``bulk_indexing()``: a context manager that suspends per-save indexing and indexes everything
  touched in batches when it exits (on commit when inside a transaction): for ingest and admin
  bulk actions.

Saves and deletes of articles, comment blocks and outlets reach ``queue_reindex`` through the
signal processor in ``signals.py``. Indexing reads the database after the commit, so a rolled-back
save leaves no ghost document, and an article's documents are always rebuilt together.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction

from .sync import reindex_articles

__all__ = ["bulk_indexing", "queue_reindex", "reindex_articles"]

_state = threading.local()


def _bulk_stack() -> list[set[int]]:
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


def queue_reindex(article_ids: Iterable[int]) -> None:
    """On commit, bring these articles' documents in the index in line with the database."""
    ids = {int(pk) for pk in article_ids if pk is not None}
    if not ids:
        return
    stack = _bulk_stack()
    if stack:
        stack[-1].update(ids)
        return
    transaction.on_commit(lambda: reindex_articles(ids), robust=True)


@contextmanager
def bulk_indexing() -> Iterator[set[int]]:
    """Collect the articles touched inside the block; index them in batches when it exits.

    Nested blocks hand their ids to the outer one. If the block raises, what it touched is still
    re-indexed from the database (where a rollback leaves the old state), on commit."""
    stack = _bulk_stack()
    touched: set[int] = set()
    stack.append(touched)
    try:
        yield touched
    finally:
        stack.pop()
        if stack:
            stack[-1].update(touched)
        elif touched:
            ids = set(touched)
            transaction.on_commit(lambda: reindex_articles(ids), robust=True)


def indexing_suspended() -> bool:
    return bool(_bulk_stack())

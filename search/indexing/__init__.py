"""Keeping the search index equal to the database.

- ``queue_reindex(article_ids)``: in the current transaction, append these articles to the index
  outbox (``outbox.py``); when it commits, the outbox is drained: each article and its comment
  blocks are (re)indexed if the public may see them, removed from the index if not (hidden,
  merged, deleted). Outside a transaction it happens at once.
- The signal processor (``signals.OnCommitSignalProcessor``, ``HAYSTACK_SIGNAL_PROCESSOR``) turns
  saves and deletes of articles, comment blocks and outlets into the archive's
  ``announce_changes``, and listens to ``archive.signals.articles_changed`` (sent at once, or
  once per ``batched_changes()`` block) to call ``queue_reindex``; and to
  ``archive.signals.ingest_starting``, to finish what an earlier, killed run left pending.

Indexing reads the database after the commit, so a rolled-back save leaves no ghost document (and
no outbox row), an article's documents are always rebuilt together, and a crash after the commit
leaves outbox rows that the next drain completes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError, transaction
from django.db.transaction import TransactionManagementError

from .outbox import drain, enqueue
from .sync import reindex_articles

__all__ = ["drain", "queue_reindex", "reindex_articles"]

log = logging.getLogger(__name__)


def queue_reindex(article_ids: Iterable[int]) -> None:
    """On commit, bring these articles' documents in the index in line with the database.

    The outbox rows are written in the caller's transaction: if they cannot be (the transaction
    is already broken, e.g. a batch that raised), the transaction is marked to roll back, so no
    change ever commits without its rows."""
    ids = {int(pk) for pk in article_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.needs_rollback:
        return  # rolling back: the changes go, and with them the need to index them
    try:
        with transaction.atomic():
            enqueue(ids)
    except (DatabaseError, TransactionManagementError):
        if connection.in_atomic_block:
            transaction.set_rollback(True)
        log.warning("could not queue %d articles for indexing; their transaction rolls back",
                    len(ids))
        raise

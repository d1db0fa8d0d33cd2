"""Keeping the search index equal to the database.

- ``queue_reindex(article_ids)``: when the current transaction commits, (re)index each article and
  its comment blocks if the public may see them, remove them from the index if not (hidden,
  merged, deleted). Outside a transaction it happens at once.
- The signal processor (``signals.OnCommitSignalProcessor``, ``HAYSTACK_SIGNAL_PROCESSOR``) turns
  saves and deletes of articles, comment blocks and outlets into the archive's
  ``announce_changes``, and listens to ``archive.signals.articles_changed`` (sent at once, or
  once per ``batched_changes()`` block) to call ``queue_reindex``.

Indexing reads the database after the commit, so a rolled-back save leaves no ghost document, and
an article's documents are always rebuilt together.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .sync import reindex_articles

__all__ = ["queue_reindex", "reindex_articles"]


def queue_reindex(article_ids: Iterable[int]) -> None:
    """On commit, bring these articles' documents in the index in line with the database."""
    ids = {int(pk) for pk in article_ids if pk is not None}
    if ids:
        transaction.on_commit(lambda: reindex_articles(ids), robust=True)

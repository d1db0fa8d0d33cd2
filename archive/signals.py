"""How the archive tells the layers above it that articles changed.

The archive never imports the search index or the newsroom. Whatever changes what the public may
see of some articles (a save, a hide, a merge, a re-parse, a new outlet) calls
``announce_changes(article_ids)``, and ``articles_changed`` is sent with ``article_ids``, a
frozenset. Search's indexing listens and re-indexes those articles when the transaction commits.

Inside ``batched_changes()`` (ingest, bulk admin actions) announcements are collected and sent
once, when the outermost block exits, so a batch of 500 articles is one index write, not 500.
Saves of archive models are announced by whoever listens to their ``post_save`` (search's
signal processor); code that changes rows without signals (``QuerySet.update()``) announces the
articles itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.dispatch import Signal

# Sent with ``article_ids`` (frozenset of ints): these articles' public state may have changed.
articles_changed = Signal()
# Sent when an ``ingest`` that writes starts, before any file: a layer above may finish work an
# earlier run left undone (search indexes what a run killed after a commit never indexed). A
# receiver may return a line for the command to print, or None.
ingest_starting = Signal()
# Sent when an ``ingest`` that writes has committed its last batch: a layer above finishes what
# it does in the background for the run, so that the command returns with everything done
# (search commits its last index write and any merge in flight). Receivers return nothing.
ingest_finished = Signal()

_state = threading.local()


def _open_batches() -> list[set[int]]:
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


def announce_changes(article_ids: Iterable[int | None]) -> None:
    """Tell listeners these articles changed (now, or when the open batch ends)."""
    ids = {int(pk) for pk in article_ids if pk is not None}
    if not ids:
        return
    batches = _open_batches()
    if batches:
        batches[-1].update(ids)
        return
    articles_changed.send(sender=None, article_ids=frozenset(ids))


@contextmanager
def batched_changes() -> Iterator[set[int]]:
    """Collect the articles announced inside the block; announce them together when the
    outermost block exits. Nested blocks hand their ids to the outer one. If the block raises,
    what it touched is still announced (listeners read the database, where a rollback leaves
    the old state)."""
    batches = _open_batches()
    touched: set[int] = set()
    batches.append(touched)
    try:
        yield touched
    finally:
        batches.pop()
        if batches:
            batches[-1].update(touched)
        elif touched:
            articles_changed.send(sender=None, article_ids=frozenset(touched))

"""The curation services' only contact with the search index (``search.indexing``).

``QuerySet.update()`` sends no signals, so every bulk write here names the articles it touched
with :func:`reindex_later`; per-object saves are re-indexed by the model signals, batched by
:func:`batched_indexing` while a service runs.

The index package is built alongside curation; until it is importable these two functions do
nothing (the database, and so every page that reads it, is still correct).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterable, Iterator


def _indexing():
    try:
        return importlib.import_module("search.indexing")
    except ModuleNotFoundError as error:
        if error.name != "search.indexing":
            raise
        return None


def reindex_later(article_ids: Iterable[int]) -> None:
    """On commit, re-index these articles (and their comment blocks) if public, else remove."""
    ids = list(article_ids)
    module = _indexing()
    if ids and module is not None:
        module.queue_reindex(ids)


@contextlib.contextmanager
def batched_indexing() -> Iterator[None]:
    """Suspend per-save indexing; what was touched is indexed in batches on exit."""
    module = _indexing()
    if module is None:
        yield
        return
    with module.bulk_indexing():
        yield

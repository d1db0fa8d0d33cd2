"""Extraction hooks: work that apps above the archive run on every ingested article.

The archive knows nothing of what is extracted. An app registers an ``Extraction`` from its
``AppConfig.ready`` (the newsroom: entities, quotes, same-story signatures) and ingestion runs it
in two halves:

- ``prepare(body, settings)`` is pure Python, run in the parse workers beside the parser (or in
  the writing process when there are none). It must be a module-level function, and ``settings``
  (from ``settings()``, read once per run in the main process) must pickle.
- ``store_batch(articles, prepared)`` runs in the writer, inside the batch's transaction, with
  the new articles of a batch and what ``prepare`` gave for each (``None`` when the worker did not
  prepare it or failed: ``store_batch`` then runs the extraction itself, so it reports the error).
- ``store_one(article)`` runs when one article is saved (re-ingest, re-parse): the whole
  extraction in the writer.

``enabled()`` is read at the start of each run: a hook switched off costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Extraction:
    name: str
    enabled: Callable[[], bool]
    settings: Callable[[], Any]
    prepare: Callable[[str, Any], Any]
    store_batch: Callable[[Sequence[Any], Sequence[Any]], None]
    store_one: Callable[[Any], None]


_registered: dict[str, Extraction] = {}


def register_extraction(extraction: Extraction) -> None:
    """Add (or replace, by name) an extraction. Call from ``AppConfig.ready``."""
    _registered[extraction.name] = extraction


def active_extractions() -> tuple[Extraction, ...]:
    """The registered extractions that are switched on, in registration order."""
    return tuple(e for e in _registered.values() if e.enabled())


@dataclass(frozen=True)
class WorkerPlan:
    """What a parse worker runs after the parser: one ``(prepare, settings)`` per extraction."""

    steps: tuple[tuple[Callable[[str, Any], Any], Any], ...] = ()

    @classmethod
    def for_run(cls, extractions: Sequence[Extraction]) -> WorkerPlan:
        return cls(tuple((e.prepare, e.settings()) for e in extractions))

    def prepare(self, body: str) -> tuple[Any, ...] | None:
        """One prepared value per extraction (``None`` for one that failed), or ``None`` when
        there is nothing to prepare."""
        if not self.steps:
            return None
        results = []
        for prepare, settings in self.steps:
            try:
                results.append(prepare(body, settings))
            except Exception:  # noqa: BLE001 - the writer runs it again and reports the error
                results.append(None)
        return tuple(results)

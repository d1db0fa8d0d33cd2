"""Every result of a search in its order, without holding them all: what exports walk.

Our engine streams them (``ClippingsWhooshQuery.iterate``: the matches ranked or sorted once,
each result's stored fields read as it is reached). With another haystack engine the results
are sliced ``chunk`` at a time, each slice a fresh query, which ranks every match again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from haystack.models import SearchResult
from haystack.query import SearchQuerySet


def iter_results(sqs: SearchQuerySet, *, chunk: int) -> Iterator[SearchResult]:
    """Every result of ``sqs`` in its order (its filters and ``order_by`` apply)."""
    iterate = getattr(sqs.query, "iterate", None)
    if iterate is not None:
        yield from iterate()
        return
    for results in slices(sqs, chunk):
        yield from results


def slices(sqs: SearchQuerySet, chunk: int) -> Iterator[list[SearchResult]]:
    """The results of ``sqs`` as lists of ``chunk``, one query each, asked for only when the
    previous one has been used (for a caller that wants the first few)."""
    start = 0
    while True:
        results = list(sqs.all()[start : start + chunk])  # .all(): a fresh, empty cache
        if results:
            yield results
        if len(results) < chunk:
            return
        start += chunk


def batched(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch

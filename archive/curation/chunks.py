"""Walking a large selection a slice at a time, so no action loads every row at once."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

CHUNK_SIZE = 500  # rows per statement: well under SQLite's 999-parameter floor


def id_chunks(queryset: QuerySet, size: int = CHUNK_SIZE) -> Iterator[list[int]]:
    """The selection's primary keys, ``size`` at a time, in key order.

    Only the keys are read up front (10,000 integers), so rows that a chunk changes cannot
    move it into or out of a later chunk the way offset paging would.
    """
    ids = list(queryset.order_by("pk").values_list("pk", flat=True).distinct())
    for start in range(0, len(ids), size):
        yield ids[start : start + size]

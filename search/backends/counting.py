"""Exact hit counts and field-facet counts over all matches, without scoring them.

Whoosh's ``groupedby=`` switches the search to an unlimited collector that scores every match
in Python and reads each facet key through a column reader (profiled: most of a common query).
Here the top page is found by the normal, optimised top-N search, and the counts come from the
matching document numbers (per segment, unscored) mapped through each facet column, loaded once
per segment as a Python list and counted by ``collections.Counter`` in C. Segments never change
their documents, so a segment's column lists stay valid until the segment is merged away.
"""

from __future__ import annotations

from collections import Counter

from whoosh.fields import ID, KEYWORD, NUMERIC


class ColumnCache:
    """Per-segment facet columns as lists (keyed by segment id and field)."""

    def __init__(self):
        self._columns: dict[tuple[str, str], list] = {}

    def column(self, reader, fieldname: str) -> list:
        key = (reader.segment().segment_id(), fieldname)
        values = self._columns.get(key)
        if values is None:
            values = self._columns[key] = list(reader.column_reader(fieldname))
        return values

    def forget_other_segments(self, live: set[str]) -> None:
        for key in [k for k in self._columns if k[0] not in live]:
            del self._columns[key]


def can_count(schema, fields) -> bool:
    """Whether every facet field is an exact column (else use ``groupedby``)."""
    return all(
        isinstance(schema[name], (ID, KEYWORD, NUMERIC)) and schema[name].column_type
        for name in fields
    )


def count_matches(searcher, query, fields, cache: ColumnCache) -> tuple[int, dict[str, Counter]]:
    counters = {name: Counter() for name in fields}
    hits = 0
    live = set()
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.segment() is None:  # an empty index
            continue
        live.add(reader.segment().segment_id())
        docs = list(query.docs(sub))
        hits += len(docs)
        if not docs:
            continue
        for name in fields:
            counters[name].update(map(cache.column(reader, name).__getitem__, docs))
    cache.forget_other_segments(live)
    for name in fields:
        field = searcher.schema[name]
        if isinstance(field, KEYWORD):  # "A,B" counts once for A and for B
            counters[name] = _split(counters[name])
        elif isinstance(field, NUMERIC):  # a document without the field holds the default
            counters[name].pop(field.from_column_value(field.column_type.default_value()), None)
    return hits, counters


def _split(joined: Counter) -> Counter:
    each: Counter = Counter()
    for value, count in joined.items():
        for part in value.split(",") if value else ():
            if part.strip():
                each[part.strip()] += count
    return each

"""The arrays of each index segment that searches share: field lengths, deletion masks and number
columns, read once per segment and kept, bounded, until the segment is gone.

A segment never changes its documents except by deletion, so what is read of it stays true; the
deletion mask is keyed by the segment's deletion count too. The executor, more-like-this's key
terms (``key_terms``) and sorting (``array_search``) share one ``SegmentColumns``;
``SegmentView`` is one leaf searcher as the executor sees it.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from . import postings as P
from .columns import whole_column

# Per-segment arrays (field lengths, deletion masks, number columns) kept, least recent dropped.
# ~36 MB at 1,000,000 articles: the bound leaves room for twice that.
SEGMENT_CACHE_BYTES = 96 * 1024 * 1024


class SegmentColumns:
    """Per-segment arrays (by segment id and name), at most ``max_bytes``, least recently used
    dropped first. Segments never change their documents except by deletion, so the deletion
    mask is keyed by the segment's deletion count too."""

    def __init__(self, max_bytes: int = SEGMENT_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._nbytes = 0

    def get(self, key: tuple, load):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = load()
        self._items[key] = value
        self._nbytes += getattr(value, "nbytes", 0)
        while self._nbytes > self.max_bytes and len(self._items) > 1:
            _, dropped = self._items.popitem(last=False)
            self._nbytes -= getattr(dropped, "nbytes", 0)
        return value

    def forget_other_segments(self, live: set[str]) -> None:
        for key in [k for k in self._items if k[0] not in live]:
            self._nbytes -= getattr(self._items.pop(key), "nbytes", 0)


class SegmentView:
    """One leaf searcher: its reader, document offset and (cached) arrays."""

    def __init__(self, subsearcher, offset: int, columns: SegmentColumns):
        self.searcher = subsearcher
        self.reader = subsearcher.reader()
        self.offset = offset
        self.doccount = self.reader.doc_count_all()
        segment = self.reader.segment()
        self.key = segment.segment_id() if segment is not None else None
        self.columns = columns
        ndeleted = self.reader.doc_count_all() - self.reader.doc_count()
        self.deleted = None if not ndeleted else columns.get(
            (self.key, "__deleted__", ndeleted), lambda: P.deleted_mask(self.reader))

    def length_codes(self, fieldname: str):
        return self.columns.get(
            (self.key, "__codes__", fieldname), lambda: P.length_codes(self.reader, fieldname))

    def lengths(self, fieldname: str):
        return self.columns.get(
            (self.key, "__len__", fieldname),
            lambda: P.field_lengths(self.length_codes(fieldname)))

    def live_ids(self) -> np.ndarray:
        ids = np.arange(self.doccount, dtype=np.int64)
        return ids if self.deleted is None else ids[~self.deleted]


def number_column(reader, fieldname: str):
    """``(raw column values as unsigned 64-bit integers, the column's default)``, or None."""
    if not reader.has_column(fieldname):
        return None
    column = reader.column_reader(fieldname, translate=False)
    values = whole_column(column, reader.doc_count_all())
    if values is None or values.typecode not in "BHILQ":
        return None
    raw = np.frombuffer(values, dtype=values.typecode).astype(np.uint64)
    return raw, np.uint64(column._default)

"""A document's stored fields read with one positioned read of its segment file.

Whoosh reads a hit's stored fields (``Hit.fields()``) through the searcher, the multi-reader,
the segment reader, its per-document reader, a pickle column over a compressed column over a
variable-bytes column, then a ``StructFile`` and a ``SubFile`` that seek and read the compound
segment file through its buffer: ~11 us of the ~40 us that a hit's fields cost at 100,000
articles, twenty times a search page (the rest is inflating the whole text, which is stored).
Here the column's own offsets and lengths (read by Whoosh once per segment) say where the
document's bytes are, ``os.pread`` reads them, and they are inflated and unpickled as Whoosh
does; fields the schema no longer has are dropped as ``SegmentReader.stored_fields`` drops them.

Only that layout (Whoosh 3's per-document reader, its stored column in a compound segment file
opened without memory mapping) is read this way; anything else goes through Whoosh.
"""

from __future__ import annotations

import os
import zlib
from pickle import loads

from whoosh.codec.whoosh3 import STORED_COLUMN, W3PerDocReader
from whoosh.columns import CompressedBytesColumn, PickleColumn
from whoosh.reading import ReaderClosed, SegmentReader

from .compound import positioned


class StoredColumn:
    """Where one segment's stored fields are: the segment file, the column's start in it, and
    each document's offset (from that start) and length."""

    __slots__ = ("file", "base", "offsets", "lengths")

    def __init__(self, file, base: int, offsets, lengths):
        self.file = file  # its descriptor asked for at each read: once closed, reading raises
        self.base = base
        self.offsets = offsets
        self.lengths = lengths

    def read(self, docnum: int) -> dict:
        length = self.lengths[docnum]
        if not length:  # nothing stored: Whoosh's pickle column gives None, the reader {}
            return {}
        data = os.pread(self.file.fileno(), length, self.base + self.offsets[docnum])
        return loads(zlib.decompress(data))  # noqa: S301 (the index, as Whoosh unpickles it)


def stored_fields(searcher, docnum: int) -> dict:
    """``searcher.stored_fields(docnum)``: the same dictionary. Like the searcher itself, for
    the thread that opened it: a close from another thread between asking for the descriptor
    and reading could read whatever file took that descriptor's number."""
    reader = searcher.reader()
    leaf, segment_docnum = reader, docnum
    if not reader.is_atomic():
        number, segment_docnum = reader._segment_and_docnum(docnum)
        leaf = reader.readers[number]
    column = _stored_column(leaf)
    if column is None:
        return searcher.stored_fields(docnum)
    if leaf.is_closed:
        raise ReaderClosed
    schema = leaf.schema
    return {name: value for name, value in column.read(segment_docnum).items() if name in schema}


def _stored_column(leaf) -> StoredColumn | None:
    """The segment's ``StoredColumn``, made once per segment reader; None when its stored
    fields are not laid out as read here."""
    found = getattr(leaf, "_clippings_stored", False)
    if found is False:
        found = leaf._clippings_stored = _open(leaf)
    return found


def _open(leaf) -> StoredColumn | None:
    if type(leaf) is not SegmentReader or type(leaf._perdoc) is not W3PerDocReader:
        return None
    pickled = leaf._perdoc._cached_reader("_stored", STORED_COLUMN)
    if type(pickled) is not PickleColumn.Reader:
        return None
    column = pickled._child
    if type(column) is not CompressedBytesColumn.Reader or column._decompress is not \
            zlib.decompress:
        return None
    found = positioned(column._dbfile)
    if found is None:
        return None
    parent, offset = found
    return StoredColumn(parent, offset + column._basepos, column._offsets, column._lengths)

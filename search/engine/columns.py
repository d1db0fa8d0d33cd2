"""Whoosh columns read in large pieces instead of one file read a document.

The index is read with plain file reads, not a memory map (``whoosh.py``: Whoosh copied every
mapped part it opened into memory), so each ``column[docnum]`` is a seek and a read. Facet
counts, sorting and scoring look at every matching document: they read a column whole, once,
here. What is read stays in these compact forms (``array``, ``bytes``), never one Python object
a document.

These reach into Whoosh 2.7's column readers (``_dbfile``, ``_basepos``, ``_count``,
``_lengths``); a reader of another kind is read one document at a time, as Whoosh would.
"""

from __future__ import annotations

import sys
from array import array
from itertools import repeat

from whoosh import columns

# Bytes read at a time from a column of variable-length values.
READ_BYTES = 1 << 20


def whole_column(column, doccount: int | None = None) -> array | None:
    """A ``NumericColumn`` reader's raw values as one ``array`` (one read), padded with the
    column's default to ``doccount`` documents; None for a reader of another kind."""
    if not isinstance(column, columns.NumericColumn.Reader):
        return None
    try:
        values = array(column._typecode)
    except ValueError:  # a struct type code that array does not know
        return None
    if values.itemsize != column._fixedlen:
        return None
    if column._count:
        values.frombytes(column._dbfile.get(column._basepos, column._count * column._fixedlen))
        if sys.byteorder == "little":  # stored big-endian ("!")
            values.byteswap()
    if doccount is not None and len(values) < doccount:
        values.extend(repeat(column._default, doccount - len(values)))
    return values


def raw_values(column):
    """A column reader's raw values (untranslated), one a document, in document order. A
    variable-length column (``VarBytesColumn``) is read ``READ_BYTES`` at a time."""
    lengths = getattr(column, "_lengths", None)
    dbfile = getattr(column, "_dbfile", None)
    if not isinstance(column, columns.VarBytesColumn.Reader) or lengths is None or not dbfile:
        yield from column
        return
    start, buffered, offset = column._basepos, b"", 0  # start: where ``buffered`` begins
    for length in lengths:
        if offset + length > len(buffered):
            more = dbfile.get(start + len(buffered), max(READ_BYTES, length))
            buffered, start, offset = buffered[offset:] + more, start + offset, 0
        yield buffered[offset : offset + length]
        offset += length


class LoadedLengths:
    """A field-length column (Whoosh's ``NumericColumn("B")`` reader) read whole into bytes:
    ``lengths[docnum]`` as the column reader answers it."""

    def __init__(self, column_reader):
        size = column_reader._count * column_reader._fixedlen
        self._data = column_reader._dbfile.get(column_reader._basepos, size) if size else b""
        self._default = column_reader._default
        self._doccount = column_reader._doccount

    def __len__(self) -> int:
        return self._doccount

    def __getitem__(self, docnum: int) -> int:
        data = self._data
        return data[docnum] if docnum < len(data) else self._default

    def __iter__(self):
        yield from self._data
        yield from repeat(self._default, self._doccount - len(self._data))

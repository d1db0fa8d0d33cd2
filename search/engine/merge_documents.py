"""Copying a merge's documents (``merging.merge_segments``): the stored fields, field lengths
and column values of every live document of the sources, renumbered in order.

Whoosh copies a document by decoding its stored fields (zlib, then pickle) and encoding them
again (pickle, then zlib at level 3), and reads its lengths and column values with one file
read each. The compression was most of copying the documents of a tier merge (profiled). Here
a document's stored bytes are kept as they are when encoding its fields again would give the
same pickle: each is still decompressed, unpickled, rebuilt as Whoosh's merge rebuilds it (the
schema's fields, in the schema's order) and pickled again, and only the compression is saved
(a document whose pickle differs is compressed again, as before). Lengths and columns are read
whole, once a source (``columns.py``). The calls into the new segment's writer are Whoosh's,
in the same order: the same files.
"""

from __future__ import annotations

import pickle
import zlib
from array import array

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, _lenfield
from whoosh.columns import CompressedBytesColumn, NumericColumn, PickleColumn, VarBytesColumn
from whoosh.util.numeric import byte_to_length

from .columns import raw_values, whole_column

STORED = "_stored"  # Whoosh's stored-fields column
_PROTOCOL = 2  # as Whoosh's PickleColumn pickles
_LEVEL = STORED_COLUMN._child._level  # as its CompressedBytesColumn compresses


def copy_documents(perdoc, schema, readers) -> tuple[list[array], dict[str, dict[int, int]]]:
    """Add the live documents of ``readers`` (Whoosh ``SegmentReader``s) to ``perdoc`` (the new
    segment's per-document writer). Returns each source's document map (old number -> new,
    -1 for a deleted document) and, for each scorable field, the new documents' lengths."""
    names = schema.names()
    stored_writer = _compressed_writer(perdoc)
    docmaps: list[array] = []
    lengths: dict[str, dict[int, int]] = {}
    newdoc = 0
    for reader in readers:
        count = reader.doc_count_all()
        docmap = array("i", [-1]) * count
        fields = _field_values(reader, schema, names, count)
        stored = _stored_values(reader, count)
        for docnum in reader.all_doc_ids():
            docmap[docnum] = newdoc
            perdoc.start_doc(newdoc)
            for name, field, codes, values in fields:
                if codes is not None and codes[docnum]:
                    length = byte_to_length(codes[docnum])
                    lengths.setdefault(name, {})[newdoc] = length
                    perdoc.add_field(name, field, None, length)
                if values is not None:
                    perdoc.add_column_value(name, field.column_type, values[docnum])
            data = _stored_again(stored[docnum], names)
            if data:
                VarBytesColumn.Writer.add(stored_writer, newdoc, data)
            perdoc.finish_doc()
            newdoc += 1
        docmaps.append(docmap)
    return docmaps, lengths


def _compressed_writer(perdoc):
    """The stored-fields column's writer below its pickling, which takes the zlib bytes that
    ``_stored_again`` gives; raises if Whoosh lays that column out otherwise (writing raw bytes
    into another layout would store fields that cannot be read back)."""
    pickled = perdoc._colwriters[STORED]
    child = getattr(pickled, "_child", None)
    if type(pickled) is not PickleColumn.Writer or type(child) is not CompressedBytesColumn.Writer \
            or child._level != _LEVEL or child._compress is not zlib.compress:
        raise TypeError(f"unexpected stored-fields column writer: {pickled!r}")
    return child


def _field_values(reader, schema, names, count: int) -> list[tuple]:
    """``(name, field, length codes, column values)`` of each field having either in the
    segment, in the schema's order: each a sequence indexed by document number."""
    perdoc = reader._perdoc
    found = []
    for name in names:
        field = schema[name]
        codes = None
        if field.scorable and perdoc.has_column(_lenfield(name)):
            codes = whole_column(perdoc.column_reader(_lenfield(name), LENGTHS_COLUMN), count)
        values = None
        if field.column_type and reader.has_column(name):
            column = reader.column_reader(name, field.column_type, translate=False)
            values = _whole(column, count)
        if codes is not None or values is not None:
            found.append((name, field, codes, values))
    return found


def _whole(column, count: int):
    """A column reader's values, one a document (read in one go when its kind allows)."""
    if isinstance(column, NumericColumn.Reader):
        values = whole_column(column, count)
        if values is not None:
            return values
    if isinstance(column, VarBytesColumn.Reader):
        return list(raw_values(column))
    return column


def _stored_values(reader, count: int) -> list[bytes]:
    """Each document's stored fields as the segment holds them (pickled, compressed)."""
    column = reader._perdoc.column_reader(STORED, STORED_COLUMN)._child
    values = list(raw_values(column))
    if len(values) != count:  # pragma: no cover - a column of another layout
        raise ValueError(f"{len(values)} stored values for {count} documents")
    return values


def _stored_again(data: bytes, names: list[str]) -> bytes:
    """What Whoosh's merge writes for a document's stored ``data``: its fields that the schema
    has (``names``, in order), pickled and compressed; ``data`` itself when that is the same
    pickle. Empty when no field is left (nothing is written then)."""
    if not data:
        return b""
    pickled = zlib.decompress(data)
    fields = pickle.loads(pickled)  # noqa: S301 - the index's own stored fields
    kept = {}
    for name in names:
        value = fields.get(name)
        if value is not None:
            kept[name] = value
    if not kept:
        return b""
    again = pickle.dumps(kept, _PROTOCOL)
    return data if again == pickled else zlib.compress(again, _LEVEL)

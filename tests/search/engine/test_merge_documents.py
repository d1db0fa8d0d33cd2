"""A merge copies each live document's stored fields as they were written when encoding them
again would give the same pickle (``merge_documents``), and encodes them again otherwise (a
field the merge's schema no longer has is dropped, as Whoosh's merge drops it); lengths and
column values follow their documents."""

from __future__ import annotations

import pickle
import zlib
from datetime import datetime

from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.columns import VarBytesColumn
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

from search.engine.analysis import FastStemmingAnalyzer
from search.engine.merging import merge_segments
from search.engine.segments import SegmentBuilder

ANALYZER = FastStemmingAnalyzer()


def _schema(*, with_rank: bool = True) -> Schema:
    fields = {
        "id": ID(stored=True, unique=True),
        "body": TEXT(stored=True, analyzer=ANALYZER),
        "title": TEXT(analyzer=ANALYZER),
        "tags": KEYWORD(stored=True, commas=True, scorable=False, sortable=True),
        "when": DATETIME(stored=True, sortable=True),
    }
    if with_rank:
        fields["rank"] = NUMERIC(stored=True, numtype=int, bits=64, sortable=True)
    return Schema(**fields)


def _documents(count: int) -> list[dict]:
    docs = []
    for n in range(count):
        doc = {"id": f"d{n}", "body": f"The council met on day {n} to vote on water budget "
               f"number {n * 7}.", "title": f"Vote {n}", "tags": f"t{n % 3},x",
               "when": datetime(2020, 1, 1 + n % 28), "rank": n * 11}
        if n % 4 == 1:
            del doc["tags"]  # a document without a column value
        if n % 5 == 2:
            doc["body"] = "a"  # no kept word: no length
        docs.append(doc)
    return docs


def _segment(storage, schema, documents):
    builder = SegmentBuilder(storage, "MAIN", schema)
    for document in documents:
        builder.add_document(document)
    return builder.finish()


def _read(storage, schema, segment):
    """Each live document's stored bytes (compressed, as written), stored fields, lengths and
    column values."""
    reader = SegmentReader(storage, schema, segment)
    try:
        raw = reader._perdoc.column_reader("_stored", STORED_COLUMN)._child
        columns = {name: reader.column_reader(name) for name in ("tags", "when", "rank")
                   if name in schema and reader.has_column(name)}
        return [(VarBytesColumn.Reader.__getitem__(raw, d), reader.stored_fields(d),
                 {n: reader.doc_field_length(d, n) for n in ("body", "title")},
                 {n: column[d] for n, column in columns.items()})
                for d in reader.all_doc_ids()]
    finally:
        reader.close()


def test_stored_bytes_are_kept_and_documents_follow(tmp_path):
    storage = FileStorage(str(tmp_path)).create()
    schema = _schema()
    documents = _documents(12)
    first, second = _segment(storage, schema, documents[:5]), _segment(storage, schema,
                                                                       documents[5:])
    second.delete_document(2)
    expected = _read(storage, schema, first) + _read(storage, schema, second)
    merged = merge_segments(storage, "MAIN", schema, [first, second])
    got = _read(storage, schema, merged)
    assert got == expected  # the stored bytes too
    assert len(got) == 11
    totals = {name: sum(lengths[name] or 0 for _, _, lengths, _ in expected)
              for name in ("body", "title")}
    assert dict(merged._fieldlengths) == totals  # each document's length as stored (a byte)


def test_a_field_the_schema_lost_is_dropped_and_the_rest_encoded_again(tmp_path):
    storage = FileStorage(str(tmp_path)).create()
    documents = _documents(6)
    segment = _segment(storage, _schema(), documents)
    narrower = _schema(with_rank=False)
    merged = merge_segments(storage, "MAIN", narrower, [segment])
    got = _read(storage, narrower, merged)
    before = _read(storage, _schema(), segment)
    for (raw, stored, lengths, columns), (_, was, was_lengths, was_columns) in zip(
            got, before, strict=True):
        assert stored == {k: v for k, v in was.items() if k != "rank"}
        assert raw == zlib.compress(pickle.dumps(stored, 2), 3)
        assert lengths == was_lengths
        assert columns == {k: v for k, v in was_columns.items() if k != "rank"}


def test_a_stored_column_of_another_layout_is_refused():
    """Raw zlib bytes are written below the column's pickling only where that is the layout:
    another writer (here Whoosh's pickling over plain bytes) raises instead of storing fields
    that could not be read back."""
    import io

    import pytest
    from whoosh.columns import PickleColumn
    from whoosh.filedb.structfile import StructFile

    from search.engine.merge_documents import copy_documents

    class PerDoc:
        _colwriters = {"_stored": PickleColumn(VarBytesColumn()).writer(StructFile(io.BytesIO()))}

    with pytest.raises(TypeError, match="stored-fields column"):
        copy_documents(PerDoc(), _schema(), [])

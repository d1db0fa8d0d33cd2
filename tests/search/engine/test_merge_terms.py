"""A merge's term streams (``merge_terms``): a segment's term index parsed at once holds what
Whoosh's reader reads key by key; terms are put in merged order by their bytes (terms ending in
NUL bytes too, which a fixed-width numpy string would confuse), a term's entries in source
order; a moved record's document numbers and statistics are shifted."""

from __future__ import annotations

import struct

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

from search.engine.analysis import FastStemmingAnalyzer
from search.engine.codec import RECORD_HEADER, Record
from search.engine.merge_terms import SourceTerms, merged_order, moved, records_of
from search.engine.segments import SegmentBuilder

_TERMINFO = W3TermInfo._struct
_EXTENT = struct.Struct(">qi")


class _Stub:
    """A source holding one field's terms."""

    def __init__(self, terms: list[bytes]) -> None:
        self._terms = terms
        self.fields = {"f": (0, len(terms))}

    def terms(self, field: str) -> list[bytes]:
        return list(self._terms)


def test_terms_in_merged_order_ties_in_source_order():
    sources = [_Stub([b"a", b"a\x00", b"b"]), _Stub([b"", b"a", b"a\x00\x00"]),
               _Stub([b"a\x00"])]
    terms, source, entry, starts = merged_order(sources, "f")
    assert terms == [b"", b"a", b"a", b"a\x00", b"a\x00", b"a\x00\x00", b"b"]
    assert source.tolist() == [1, 0, 1, 0, 2, 1, 0]
    assert entry.tolist() == [0, 0, 1, 1, 0, 2, 2]
    assert starts.tolist() == [0, 1, 3, 5, 6]


def _segment(tmp_path):
    analyzer = FastStemmingAnalyzer()
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=analyzer),
                    rank=NUMERIC(numtype=int, bits=64))
    storage = FileStorage(str(tmp_path)).create()
    builder = SegmentBuilder(storage, "MAIN", schema)
    for n in range(30):
        builder.add_document({"id": f"d{n}", "body": f"water budget vote {n} council "
                              f"{'flood' if n % 3 else 'drought'}", "rank": n * 257})
    return storage, schema, builder.finish()


def test_a_term_index_parsed_at_once_holds_what_whoosh_reads(tmp_path):
    storage, schema, segment = _segment(tmp_path)
    reader = SegmentReader(storage, schema, segment)
    try:
        source = SourceTerms(reader)
        terms = reader._terms
        expected = [(terms._keydecoder(key), value) for key, value in terms._tindex.items()]
        got = []
        for field, (lo, hi) in source.fields.items():
            for entry, term in zip(range(lo, hi), source.terms(field), strict=True):
                got.append(((field, term), source.value(entry)))
        assert got == expected
        assert source.is_info.all()  # every term's postings are a record here
        lo, hi = source.fields["body"]
        entries = np.arange(lo, hi)
        blobs = records_of([source], np.zeros(len(entries), dtype=np.int64), entries)
        infos = [_TERMINFO.unpack_from(source.value(e)) for e in entries.tolist()]
        extents = [_EXTENT.unpack_from(source.value(e), _TERMINFO.size) for e in entries.tolist()]
        assert blobs == [terms._postfile.get(*extent) for extent in extents]
        records, stats = moved([source], blobs, np.zeros(len(blobs), dtype=np.int64), entries,
                               np.array([1000]))
        for blob, record, stat, info in zip(blobs, records, stats, infos, strict=True):
            before, after = Record(blob), Record(record)
            assert after.ids.tolist() == [i + 1000 for i in before.ids.tolist()]
            cut = RECORD_HEADER.size + 4 * len(before.ids)
            assert record[:RECORD_HEADER.size] == blob[:RECORD_HEADER.size]
            assert record[cut:] == blob[cut:]
            assert stat.tolist() == [*info[1:6], info[6] + 1000, info[7] + 1000]
    finally:
        reader.close()

"""Term infos read with positioned reads (``search.engine.term_index``) are Whoosh's own."""

from __future__ import annotations

import pytest
from haystack import connections
from whoosh import index as whoosh_index
from whoosh.filedb import filetables
from whoosh.reading import TermNotFound

from search.engine import merging, term_index
from search.engine import postings as P
from search.engine.codec import clippings_codec, is_record, read_record, record_if_any
from search.engine.segments import SegmentBuilder
from tests.search.engine import synthetic as S

pytestmark = pytest.mark.django_db


def _infos_equal(ours, theirs) -> bool:
    return ours is not None and ours.__dict__ == theirs.__dict__


def _clippings_segments(count: int, segments: int):
    """Segments written with the Clippings codec (CRC-32 term hashes; Whoosh's own writer,
    used by ``S.build_index``, hashes with MD5)."""
    backend = connections["default"].get_backend()
    backend.setup()
    docs = S.documents(count)
    size = -(-count // segments)
    for start in range(0, count, size):
        writer = backend.index.refresh().writer(codec=clippings_codec())
        for doc in docs[start : start + size]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    backend.index = backend.index.refresh()
    return backend


@pytest.mark.parametrize("build, hashfn", [
    (lambda: S.build_index(400, segments=3), filetables.md5_hash),
    (lambda: _clippings_segments(400, 3), filetables.crc_hash),
])
def test_every_term_of_every_segment_has_whooshs_info(build, hashfn):
    backend = build()
    with backend._reading() as searcher:
        readers = [sub.reader() for sub, _ in searcher.leaf_searchers()]
        assert len(readers) == 3
        checked = 0
        for reader in readers:
            terms = reader._terms
            assert term_index.hash_index(terms) is not None  # the positioned path is taken
            assert terms._tindex.hashfn is hashfn
            for fieldname, btext in reader.all_terms():
                theirs = terms.term_info(fieldname, btext)
                assert _infos_equal(P.term_info(reader, fieldname, btext), theirs), btext
                checked += 1
            for fieldname, btext in [("text", b"xyzzyq"), ("text", b""), ("nofield", b"news"),
                                     ("outlet_exact", b"Alpha Post" * 20)]:
                with pytest.raises((TermNotFound, KeyError)):
                    terms.term_info(fieldname, btext)
                assert P.term_info(reader, fieldname, btext) is None
        assert checked > 3000


def test_a_value_longer_than_the_first_read_is_read_whole(monkeypatch):
    backend = S.build_index(120, segments=1)
    monkeypatch.setattr(term_index, "VALUE_GUESS", 0)  # every value needs its second read
    with backend._reading() as searcher:
        reader = searcher.leaf_searchers()[0][0].reader()
        for fieldname, btext in list(reader.all_terms())[:300]:
            assert _infos_equal(P.term_info(reader, fieldname, btext),
                                reader._terms.term_info(fieldname, btext))


def test_a_term_index_of_another_shape_is_read_by_whoosh():
    class Other:
        pass

    assert term_index.hash_index(Other()) is None


def test_a_closed_segment_file_is_never_read(tmp_path):
    handle = open(tmp_path / "segment", "wb+")  # noqa: SIM115 - closed below
    index = term_index.HashIndex(handle, 0, [(0, 1)] * 256)
    handle.close()
    with pytest.raises(ValueError):
        index.get(b"\x00\x01news")


def test_a_record_is_read_in_one_go_and_only_a_record(tmp_path):
    """A segment built as ingest builds them (``SegmentBuilder``: Clippings records) beside one
    of Whoosh's writer (W3 lists): ``record_if_any`` reads each record whole, the same as
    ``read_record``, and nothing else as a record."""
    backend = connections["default"].get_backend()
    backend.setup()
    schema = backend.schema
    documents = S.documents(300)
    ix = whoosh_index.create_in(str(tmp_path), schema)
    writer = ix.writer()
    for doc in documents[:150]:
        writer.add_document(**doc)
    writer.commit(merge=False)
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for doc in documents[150:]:
        builder.add_document(doc)
    merging.commit_segments(ix.writer(), [builder.finish()], merge=False)
    seen = set()
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            terms = leaf._terms
            for fieldname, btext in leaf.all_terms():
                info = P.term_info(leaf, fieldname, btext)
                record = record_if_any(terms._postfile, info)
                if record is None:
                    assert info.is_inlined() or not is_record(terms._postfile, info)
                    seen.add("other")
                    continue
                seen.add("record")
                whole = read_record(terms._postfile, info)
                assert record.ids.tolist() == whole.ids.tolist()
                if whole.counts is not None:
                    assert record.starts.tolist() == whole.starts.tolist()
                    assert record.starts[-1] == int(whole.counts.sum())
    assert seen == {"record", "other"}

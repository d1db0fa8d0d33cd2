"""Stored fields read with one positioned read (``search.engine.stored``) are Whoosh's own."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import ReaderClosed

from search.engine import stored
from tests.search.engine import synthetic as S

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("segments", [1, 3])
def test_every_documents_stored_fields_are_whooshs(segments):
    backend = S.build_index(300, segments=segments)  # with deleted documents in each segment
    with backend._reading() as searcher:
        reader = searcher.reader()
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        assert len(leaves) == segments
        assert all(stored._stored_column(leaf) is not None for leaf in leaves)  # the fast path
        for docnum in range(reader.doc_count_all()):
            theirs = searcher.stored_fields(docnum)
            ours = stored.stored_fields(searcher, docnum)
            assert ours == theirs and list(ours) == list(theirs)
        assert stored.stored_fields(searcher, 5)["django_id"]


def test_a_closed_reader_raises_as_whooshs_does():
    backend = S.build_index(60, segments=2)
    searcher = backend.index.searcher()
    stored.stored_fields(searcher, 1)
    searcher.close()
    with pytest.raises(ReaderClosed):
        stored.stored_fields(searcher, 1)


def test_an_index_in_memory_is_read_by_whoosh():
    backend = S.build_index(40, segments=1)
    ram = RamStorage()
    index = ram.create_index(backend.index.schema)
    with backend._reading() as searcher:
        documents = [searcher.stored_fields(n) for n in range(searcher.doc_count_all())]
    with index.writer() as writer:
        for document in documents:
            writer.add_document(**document)
    with index.searcher() as searcher:
        leaf = searcher.reader()
        assert stored._stored_column(leaf) is None
        assert [stored.stored_fields(searcher, n) for n in range(len(documents))] == documents

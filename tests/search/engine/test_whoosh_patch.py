"""The one patch of Whoosh's internals: applied on the pinned release, and it takes effect."""

import logging

import whoosh
from whoosh import fields
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import RamStorage

from search.engine import analysis


def test_the_patch_is_in_place_on_the_pinned_whoosh():
    assert tuple(whoosh.__version__) == analysis.PATCHED_WHOOSH
    assert analysis.fix_field_length_lookup() is True
    assert whoosh3.W3PerDocReader._clippings_fixed is True


def test_a_missing_length_column_is_looked_up_once_and_lengths_are_read_whole(monkeypatch):
    analysis.fix_field_length_lookup()
    index = RamStorage().create_index(fields.Schema(body=fields.TEXT, tag=fields.ID(stored=True)))
    with index.writer() as writer:
        writer.add_document(body="one two three", tag="a")
        writer.add_document(body="four five", tag="b")
    with index.reader() as reader:
        per_doc = reader.segment_readers()[0]._perdoc if hasattr(reader, "segment_readers") \
            else reader._perdoc
        asked = []
        real = per_doc.has_column
        monkeypatch.setattr(per_doc, "has_column", lambda name: asked.append(name) or real(name))
        for _ in range(3):  # "tag" has no length column: asked once, then remembered
            assert per_doc._cached_reader("tag", whoosh3.LENGTHS_COLUMN) is None
        assert asked == ["tag"]
        assert isinstance(per_doc._cached_reader(whoosh3._lenfield("body"), whoosh3.LENGTHS_COLUMN),
                          analysis.LoadedLengths)
        assert [reader.doc_field_length(n, "body") for n in range(2)] == [3, 2]


def test_another_whoosh_release_is_left_unpatched(monkeypatch, caplog):
    monkeypatch.setattr(whoosh3.W3PerDocReader, "_clippings_fixed", False)
    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    with caplog.at_level(logging.WARNING):
        assert analysis.fix_field_length_lookup() is False
    assert "left unpatched" in caplog.text

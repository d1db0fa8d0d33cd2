"""A Whoosh ``ID`` field's value is indexed by the segment builder as its one term without
Whoosh's chain of generators (``segments._plain_id``): the same terms and weights as
``field.index``; an ``ID`` field built otherwise (lower-cased) still goes through Whoosh."""

from __future__ import annotations

from whoosh.analysis import IDTokenizer, LowercaseFilter
from whoosh.fields import ID, Schema
from whoosh.filedb.filestore import RamStorage

from search.engine.segments import SegmentBuilder, _plain_id

VALUES = ["articles.article.17", "The Guardian", " padded ", "", "Zoë – «naïve»", "a,b c"]


def test_the_builder_indexes_an_id_value_as_whoosh_does():
    schema = Schema(id=ID(stored=True, unique=True), boosted=ID(field_boost=2.5),
                    lower=ID(analyzer=IDTokenizer() | LowercaseFilter()))
    assert _plain_id(schema["id"]) and _plain_id(schema["boosted"])
    assert not _plain_id(schema["lower"])
    builder = SegmentBuilder(RamStorage(), "MAIN", schema)
    for value in VALUES:
        builder.add_document({"id": value, "boosted": value, "lower": value})
    for name in ("id", "boosted", "lower"):
        field = schema[name]
        expected: dict = {}
        for docnum, value in enumerate(VALUES):
            for term, _, weight, encoded in field.index(value):
                found = expected.setdefault(term, ([], [], []))
                found[0].append(docnum)
                found[1].append(weight)
                found[2].append(encoded)
        got = {term: (list(docs), list(weights), list(values))
               for term, (docs, weights, values) in builder.postings[name].terms.items()}
        assert got == expected, name

"""The pairs field's postings written from sorted arrays (``field_writing.write_sorted_lists``,
all terms laid out at once) make the same files as the same postings written term by term
(``write_term_lists``): records, term infos and term index, with shared and varied weights."""

from __future__ import annotations

from array import array

import numpy as np
from whoosh.filedb.filestore import RamStorage

from search.engine.analysis import FastStemmingAnalyzer
from search.engine.codec import clippings_codec
from search.engine.field_writing import write_sorted_lists, write_term_lists
from search.engine.pairs import PhrasePairs, term_of_number


def _postings(rng):
    """(bucket number or -1 for the marker, document, weight), sorted by number then document."""
    rows = []
    for number in sorted(rng.choice(np.arange(-1, 3000), size=400, replace=False).tolist()):
        docs = np.sort(rng.choice(200, size=rng.integers(1, 8), replace=False))
        varied = rng.random() < 0.4
        for doc in docs.tolist():
            rows.append((number, doc, float(rng.integers(1, 4)) if varied else 1.0))
    terms, docs, weights = (np.array(column) for column in zip(*rows, strict=True))
    return terms.astype(np.int64), docs.astype(np.int64), weights.astype(np.float32)


def _files(write) -> dict[str, bytes]:
    storage = RamStorage()
    codec = clippings_codec()
    segment = codec.new_segment(storage, "MAIN")
    segment.segid = "fixed"  # (random otherwise: in the files' names)
    writer = codec.field_writer(storage, segment)
    write(writer, PhrasePairs(FastStemmingAnalyzer()))
    writer.close()
    return {name: bytes(data) for name, data in storage.files.items()}


def test_same_files_as_term_by_term():
    terms, docs, weights = _postings(np.random.default_rng(5))
    assert (weights != 1.0).any() and len(np.unique(terms)) == 400

    def by_arrays(writer, field):
        write_sorted_lists(writer, "text_pairs", field, term_of_number, terms, docs, weights)

    def term_by_term(writer, field):
        lists = {}
        for number, doc, weight in zip(terms.tolist(), docs.tolist(), weights.tolist(),
                                       strict=True):
            found = lists.setdefault(term_of_number(number), (array("I"), array("f"), []))
            found[0].append(doc)
            found[1].append(weight)
        writer.start_field("text_pairs", field)
        write_term_lists(writer, field.format, lists, None)
        writer.finish_field()

    assert _files(by_arrays) == _files(term_by_term)

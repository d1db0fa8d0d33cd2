"""Adjacent word pairs of the content field, indexed in a field of their own (issue 16).

An exact phrase was answered by reading the whole posting list of each of its words, intersecting
them, and walking positions for every document holding all the words. With the pairs indexed
(as Elasticsearch's ``index_phrases``), ``"a b"`` is one term lookup, the term ``"a b"`` of the
field ``<content>_pairs``, and ``"a b c"`` an intersection of ``"a b"`` and ``"b c"`` whose few
candidates alone have their positions checked. Scores still come from the content field (BM25F
of each word, as Whoosh scores a phrase): the pairs only choose the documents.

What a pair is: two stems adjacent in the content field's token stream, that is after stop words
and one-letter words are dropped and the positions renumbered, exactly as the index keeps the
content field and as the query parser builds a phrase (its words are analysed the same way, stop
words dropped), so a phrase of two words matches a document exactly when its pair is there.

Each document written with pairs also gets ``MARKER`` in the pairs field (no pair can be it: a
pair is two words joined by a space). A segment whose marker count is its document count was
written, or merged, entirely from documents that have their pairs; any other segment (an index
built before this field, a segment merged from old and new documents) is answered the old way.

Written from the documents the backend prepares (``writing._prepare`` copies the content value
into the pairs field): Whoosh's own writer indexes it through ``PairAnalyzer``, and the segment
builder (``segments.py``) from the content field's positions already computed (``pair_counts``).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from whoosh.analysis import Analyzer, Token
from whoosh.fields import FieldType
from whoosh.formats import Existence, tokens

from . import postings as P

PAIRS_SUFFIX = "_pairs"
MARKER = " "  # one per document written with its pairs
MARKER_BYTES = MARKER.encode("utf-8")


def pairs_fieldname(fieldname: str) -> str:
    return fieldname + PAIRS_SUFFIX


# --- writing ------------------------------------------------------------------------------------


def pair_counts(terms: dict[str, list[int]]) -> Counter:
    """Each adjacent pair's count (``MARKER`` included, once) from a field's
    ``term -> positions`` (``FastStemmingAnalyzer.positions_of``: positions 0..n-1)."""
    size = sum(len(positions) for positions in terms.values())
    sequence: list[str] = [""] * size
    for term, positions in terms.items():
        for position in positions:
            sequence[position] = term
    counts = Counter(map(" ".join, zip(sequence, sequence[1:], strict=False)))
    counts[MARKER] = 1
    return counts


def with_pairs(document: dict, content_field: str, schema) -> dict:
    """``document`` with its content value also given to the pairs field (the same string)."""
    name = pairs_fieldname(content_field)
    value = document.get(content_field)
    if value is not None and name in schema:
        document[name] = value
    return document


class PairAnalyzer(Analyzer):
    """``MARKER`` and the adjacent pairs of ``base``'s tokens (Whoosh's writer, percolation)."""

    def __init__(self, base):
        self.base = base

    def __eq__(self, other):
        return other is not None and type(other) is type(self) and other.base == self.base

    def __hash__(self):
        return hash((type(self).__name__, self.base))

    def __call__(self, value, **kwargs):
        # mode="": the base analyzer keeps no state for the spelling word list then
        words = [t.text for t in self.base(value, mode="")]
        token = Token(removestops=True, mode=kwargs.get("mode", ""))
        token.boost = 1.0
        token.text = MARKER
        yield token
        for first, second in zip(words, words[1:], strict=False):
            token.text = f"{first} {second}"
            yield token


class PairCounts(Existence):
    """Postings without values: the weight is the pair's count in the document."""

    def word_values(self, value, analyzer, **kwargs):
        counts = Counter(t.text for t in tokens(value, analyzer, kwargs))
        boost = self.field_boost
        return ((word, n, n * boost, b"") for word, n in counts.items())


class PhrasePairs(FieldType):
    """The pairs field: indexed, not stored, no positions, no lengths, no spelling."""

    def __init__(self, analyzer):
        self.analyzer = PairAnalyzer(analyzer)
        self.format = PairCounts()
        self.scorable = False
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None


# --- reading ------------------------------------------------------------------------------------


def covered_pairs_field(schema, fieldname: str, seg) -> str | None:
    """The pairs field of ``fieldname`` when every document of the segment ``seg``
    (``segment_arrays.SegmentView``) has its pairs indexed, else None."""
    name = pairs_fieldname(fieldname)
    if not isinstance(schema._fields.get(name), PhrasePairs):
        return None
    if seg.reader.doc_frequency(name, MARKER) != seg.doccount:
        return None
    return name


def phrase_candidates(seg, pairs_field: str, fieldname: str, words: list[bytes]) -> tuple:
    """``(ids, [(word, postings)])``: the live documents of the segment holding every adjacent
    pair of ``words`` (as the content field ``fieldname`` keeps them), and each word's postings
    read in those documents only. For two words these are exactly the phrase's documents."""
    ids = None
    for key in dict.fromkeys(a + b" " + b for a, b in zip(words, words[1:], strict=False)):
        found = P.term_postings(seg.reader, pairs_field, key, seg.deleted).ids
        ids = found if ids is None else np.intersect1d(ids, found, assume_unique=True)
        if not len(ids):
            return P.EMPTY_IDS, []
    return ids, [(word, P.postings_at(seg.reader, fieldname, word, ids)) for word in words]

"""Adjacent word pairs of the content field, hashed into buckets in a field of their own
(issue 16).

An exact phrase was answered by reading the whole posting list of each of its words, intersecting
them, and walking positions for every document holding all the words: for common words, most of
the archive. Here each adjacent pair of the content field's words is also indexed, hashed into
one of ``BUCKETS`` terms of the field ``<content>_pairs`` (as Elasticsearch's ``index_phrases``,
but hashed): ``"a b"`` takes as candidates the documents of the bucket of ``a b`` (those holding
the pair, and a few whose other pairs share its bucket), ``"a b c"`` the documents of both
buckets; each word's postings are decoded only in the blocks holding those candidates, and the
positions checked on them alone. Scores still come from the content field (BM25F of each word,
as Whoosh scores a phrase): the pairs only choose the documents.

Hashed rather than one term a pair: every distinct pair a term made the index four times larger
and its build four times slower (measured: ``bench/README.md``, "Phrases from word pairs"); the
buckets bound the terms of a segment at ``BUCKETS`` whatever the text.

What a pair is: two stems adjacent in the content field's token stream, that is after stop words
and one-letter words are dropped and the positions renumbered, exactly as the index keeps the
content field and as the query parser builds a phrase (its words are analysed the same way, stop
words dropped), so a document holding a phrase holds the buckets of its pairs.

Each document written with pairs also gets ``MARKER`` in the pairs field (no bucket is named
so). A segment whose marker count is its document count was written, or merged, entirely from
documents that have their pairs; any other segment (an index built before this field, a segment
merged from old and new documents) is answered the old way.

Written from the documents the backend prepares (``writing._prepare`` copies the content value
into the pairs field): Whoosh's own writer indexes it through ``PairAnalyzer``, and the segment
builder (``segments.py``) from the content field's positions already computed (``pair_counts``).
"""

from __future__ import annotations

from collections import Counter
from zlib import crc32

import numpy as np
from whoosh.analysis import Analyzer, Token
from whoosh.fields import FieldType
from whoosh.formats import Existence, tokens

from . import postings as P

PAIRS_SUFFIX = "_pairs"
MARKER = " "  # one per document written with its pairs
BUCKET_BITS = 16
_MASK = (1 << BUCKET_BITS) - 1
BUCKETS = [f"{n:04x}".encode("ascii") for n in range(1 << BUCKET_BITS)]  # each bucket's term
_MARKER_BYTES = MARKER.encode("ascii")


def pairs_fieldname(fieldname: str) -> str:
    return fieldname + PAIRS_SUFFIX


# --- writing ------------------------------------------------------------------------------------


def pair_bucket(first: bytes, second: bytes) -> bytes:
    """The bucket (term, encoded) of the pair of two words, as the field encodes them."""
    return BUCKETS[crc32(first + b" " + second) & _MASK]


def _bucket_counts(words: list[bytes]) -> Counter:
    pairs = map(b" ".join, zip(words, words[1:], strict=False))
    counts = Counter(BUCKETS[crc32(pair) & _MASK] for pair in pairs)
    counts[_MARKER_BYTES] = 1
    return counts


def pair_counts(terms: dict[str, list[int]]) -> Counter:
    """Each pair bucket's count (``MARKER`` included, once; encoded terms) from a field's
    ``term -> positions`` (``FastStemmingAnalyzer.positions_of``: positions 0..n-1)."""
    size = sum(len(positions) for positions in terms.values())
    sequence: list[bytes] = [b""] * size
    for term, positions in terms.items():
        encoded = term.encode("utf-8")
        for position in positions:
            sequence[position] = encoded
    return _bucket_counts(sequence)


def with_pairs(document: dict, content_field: str, schema) -> dict:
    """``document`` with its content value also given to the pairs field (the same string)."""
    name = pairs_fieldname(content_field)
    value = document.get(content_field)
    if value is not None and name in schema:
        document[name] = value
    return document


class PairAnalyzer(Analyzer):
    """``MARKER`` and the bucket of each adjacent pair of ``base``'s tokens, once per pair (for
    Whoosh's own writer: percolation, tests); the segment builder uses ``pair_counts``."""

    def __init__(self, base):
        self.base = base

    def __eq__(self, other):
        return other is not None and type(other) is type(self) and other.base == self.base

    def __hash__(self):
        return hash((type(self).__name__, self.base))

    def __call__(self, value, **kwargs):
        # mode="": the base analyzer keeps no state for the spelling word list then
        words = [t.text.encode("utf-8") for t in self.base(value, mode="")]
        token = Token(removestops=True, mode=kwargs.get("mode", ""))
        token.boost = 1.0
        for bucket, count in _bucket_counts(words).items():
            token.text = bucket.decode("ascii")
            for _ in range(count):
                yield token


class PairCounts(Existence):
    """Postings without values: the weight is the bucket's count in the document."""

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
    """``(ids, [(word, postings)])``: the live documents of the segment holding the bucket of
    every adjacent pair of ``words`` and every word (as the content field ``fieldname`` keeps
    them), and each word's postings read in those documents only. A superset of the phrase's
    documents: their positions decide."""
    ids = None
    for bucket in dict.fromkeys(pair_bucket(a, b) for a, b in zip(words, words[1:], strict=False)):
        found = P.term_postings(seg.reader, pairs_field, bucket, seg.deleted).ids
        ids = found if ids is None else np.intersect1d(ids, found, assume_unique=True)
        if not len(ids):
            return P.EMPTY_IDS, []
    postings = []
    for word in dict.fromkeys(words):
        post = P.postings_at(seg.reader, fieldname, word, ids)
        if len(post) < len(ids):
            ids = post.ids if len(post) else P.EMPTY_IDS
            if not len(ids):
                return P.EMPTY_IDS, []
        postings.append((word, post))
    by_word = dict(postings)
    return ids, [(word, by_word[word]) for word in words]

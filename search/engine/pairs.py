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
builder (``segments.py``) from the content field's word ids already computed (``pair_postings``).
"""

from __future__ import annotations

from array import array
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
_NO_VALUES: list = []  # the values of a format that keeps none (never appended to)


def pairs_fieldname(fieldname: str) -> str:
    return fieldname + PAIRS_SUFFIX


# --- writing ------------------------------------------------------------------------------------


# A pair's bucket mixes its two words' CRC-32s, so that the segment builder computes every
# pair's bucket with numpy from one hash per distinct word (``bucket_numbers``) and a query from
# its words alone (``pair_bucket``): both must give the same number.
_MIX = 0x9E3779B1  # an odd multiplier (the golden ratio's): the first word's hash spread out


def _mixed(first: int, second: int) -> int:
    mixed = (first * _MIX + second) & 0xFFFFFFFF
    return (mixed ^ (mixed >> 16)) & _MASK


def bucket_numbers(firsts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """``_mixed`` over arrays of the words' CRC-32s (uint32): the bucket number of each pair."""
    mixed = (firsts.astype(np.uint64) * _MIX + seconds) & 0xFFFFFFFF
    return ((mixed ^ (mixed >> 16)) & _MASK).astype(np.int64)


def pair_bucket(first: bytes, second: bytes) -> bytes:
    """The bucket (term, encoded) of the pair of two words, as the field encodes them."""
    return BUCKETS[_mixed(crc32(first), crc32(second))]


def _bucket_counts(words: list[bytes]) -> Counter:
    hashes = [crc32(word) for word in words]
    counts = Counter(BUCKETS[_mixed(a, b)] for a, b in zip(hashes, hashes[1:], strict=False))
    counts[_MARKER_BYTES] = 1
    return counts


def pair_arrays(docs: np.ndarray, sizes: np.ndarray, hashes: np.ndarray,
                marked) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ``pair_postings`` gives, as three arrays sorted by term then document: each
    posting's bucket number (-1 for ``MARKER``, which sorts before every bucket's term), its
    document and its weight (the pair's count in the document). ``term_of_number`` names them."""
    doc_of = np.repeat(np.asarray(docs, dtype=np.int64), sizes)
    same = doc_of[:-1] == doc_of[1:]  # adjacent words of one document
    numbers = pair_docs = np.zeros(0, dtype=np.int64)
    counts = np.zeros(0, dtype=np.int64)
    if same.any():
        buckets = bucket_numbers(hashes[:-1][same], hashes[1:][same])
        keys, counts = np.unique((buckets << 32) | doc_of[:-1][same], return_counts=True)
        numbers, pair_docs = keys >> 32, keys & 0xFFFFFFFF
    marked = np.asarray(marked, dtype=np.int64)
    return (np.concatenate((np.full(len(marked), -1, dtype=np.int64), numbers)),
            np.concatenate((marked, pair_docs)),
            np.concatenate((np.ones(len(marked)), counts)).astype(np.float32))


def term_of_number(number: int) -> bytes:
    return _MARKER_BYTES if number < 0 else BUCKETS[number]


def pair_postings(docs: np.ndarray, sizes: np.ndarray, hashes: np.ndarray,
                  marked) -> dict[bytes, tuple[array, array, list]]:
    """A segment's pairs field as term lists (``bucket -> (documents, counts, no values)``,
    the segment builder's ``_Postings.terms``) from the content field's kept words: ``hashes``
    (uint32) the CRC-32 of each word's term, document after document, ``sizes[i]`` words in
    document ``docs[i]``; ``marked`` (ascending) the documents written with their pairs, which
    get ``MARKER``. Every pair's bucket is computed at once (``bucket_numbers``)."""
    terms: dict[bytes, tuple[array, array, list]] = {}
    doc_of = np.repeat(np.asarray(docs, dtype=np.int64), sizes)
    same = doc_of[:-1] == doc_of[1:]  # adjacent words of one document
    if same.any():
        buckets = bucket_numbers(hashes[:-1][same], hashes[1:][same])
        keys, counts = np.unique((buckets << 32) | doc_of[:-1][same], return_counts=True)
        numbers, pair_docs = keys >> 32, keys & 0xFFFFFFFF
        edges = np.flatnonzero(np.diff(numbers)) + 1
        starts = np.concatenate(([0], edges)).tolist()
        ends = np.concatenate((edges, [len(keys)])).tolist()
        for start, end in zip(starts, ends, strict=True):
            terms[BUCKETS[int(numbers[start])]] = (
                array("I", pair_docs[start:end].astype(np.uint32).tobytes()),
                array("f", counts[start:end].astype(np.float32).tobytes()),
                _NO_VALUES,
            )
    if len(marked):
        terms[_MARKER_BYTES] = (array("I", np.asarray(marked, dtype=np.uint32).tobytes()),
                                array("f", [1.0]) * len(marked), _NO_VALUES)
    return terms


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


def positions_match(candidates: np.ndarray, words: list, slop: int) -> np.ndarray:
    """The candidates where the words occur in order, each 1 to ``slop`` positions after the
    previous one (Whoosh's ``SpanNear2(ordered=True, mindist=1)``)."""
    positions = [post.positions(candidates) for post in words]
    keep = []
    for docnum in candidates.tolist():
        starts = set(positions[0].get(docnum, ()))
        for later in positions[1:]:
            nxt = later.get(docnum, ())
            starts = {p for p in nxt if any(1 <= p - s <= slop for s in starts)}
            if not starts:
                break
        if starts:
            keep.append(docnum)
    return np.array(keep, dtype=np.int64)

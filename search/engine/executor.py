"""The array executor: a Whoosh query answered with numpy over each segment's postings.

Whoosh's matchers walk postings one at a time in Python (profiled: its top-N loop half of a
query, counting and facets another third). Here each leaf of the query is read once per segment
as arrays (``postings``) and the tree is combined with array operations:

- ``Term``: BM25F exactly as Whoosh's ``BM25FScorer`` computes it (global idf and average field
  length from the top searcher, the document's one-byte field length), or the posting weight on
  a field without lengths (``WeightScorer``), times the term's boost;
- ``And`` / ``Or``: intersection / union, scores added (Whoosh's intersection and union matchers
  add their children's scores); a ``Not`` inside an ``And`` removes documents and adds nothing;
  ``AndNot``: the left side's documents and scores without the right side's documents;
- ``Prefix``, ``Wildcard``, ``FuzzyTerm`` (ours, ``language.StemmedFuzzyTerm``) and ``TermRange``:
  expanded per segment to their terms (``expansion``: at most ``budget.MAX_EXPANSION_TERMS``,
  else ``QueryTooBroad``), then an ``Or`` of those terms, as Whoosh's ``MultiTerm.matcher`` does
  (scored as Whoosh scores it: BM25 summed, except three or more words in a segment of at most
  ``PRELOAD_MAX_DOCS`` documents, where Whoosh's preloading ``Or`` gives each match 1);
- ``NumericRange`` / ``DateRange``: a mask over the field's column (one array read per segment),
  each match scored the range's boost (Whoosh's constant-score range);
- ``Phrase``: an intersection of its words (scores as Whoosh's span matcher, the sum of the
  words' scores), then positions read only for those candidate documents; an exact phrase
  takes its candidates from the hashed adjacent-pairs field instead where the segment has it
  (``pairs``: a term for each pair, the words read only in those documents);
- ``Every``: every live document (score 1, as Whoosh's ``Every``); ``NullQuery``: nothing.

Anything else raises ``Unsupported`` and the backend falls back to Whoosh's own matchers
(``UNSUPPORTED_SHAPES`` names them; a test holds the list).

What comes out is, per search, the matching global document numbers and their scores: the
backend derives the top page (partial sort), the exact count (the number of ids), facet counts
(``np.bincount`` over coded columns, ``counting``) and the newest-first order (a date column).
Nothing is cached between searches except per-segment columns, bounded
(``segment_arrays.SegmentColumns``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as Q
from whoosh.fields import DATETIME
from whoosh.query import ranges, spans

from . import postings as P
from .bm25 import bm25f_params
from .expansion import expansion
from .pairs import covered_pairs_field, phrase_candidates, positions_match
from .segment_arrays import SegmentColumns, SegmentView, number_column

# Query shapes the executor leaves to Whoosh's matchers (named in the equivalence test).
UNSUPPORTED_SHAPES = (
    "Or with minmatch or a coordination scale",
    "DisjunctionMax, Otherwise, Require, AndMaybe",
    "Regex, Variations, Ordered and span queries (SpanNear, SpanNot, ...)",
    "NestedParent, NestedChildren and any query class not listed in the module docstring",
    "a range over a field without a numeric column",
)
# Whoosh's Or preloads (and so honours a constant score) in segments of at most this many documents.
PRELOAD_MAX_DOCS = 5000
class Unsupported(Exception):
    """This query shape is answered by Whoosh's own matchers instead."""


@dataclass
class Matches:
    """Global document numbers (ascending) and their scores."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


class Executor:
    """Runs one query over a searcher's segments (see the module docstring)."""

    def __init__(self, searcher, columns: SegmentColumns):
        self.searcher = searcher
        self.columns = columns
        self.weighting = searcher.weighting
        self.schema = searcher.schema
        self._scorers: dict = {}
        self._infos: dict = {}  # (segment offset, field, term) -> term info or None
        self._expansions: dict = {}  # id(query) -> (query, {segment offset: its words})
        self.segments = [
            SegmentView(sub, offset, columns) for sub, offset in searcher.leaf_searchers()
            if sub.reader().segment() is not None or sub.reader().doc_count_all()
        ]

    def live_segment_ids(self) -> set:
        return {seg.key for seg in self.segments}

    def run(self, query) -> Matches:
        check_supported(query)
        id_parts, score_parts = [], []
        for seg in self.segments:
            ids, scores = self._eval(query, seg)
            if len(ids):
                id_parts.append(ids + seg.offset)
                score_parts.append(scores)
        if not id_parts:
            return Matches(P.EMPTY_IDS, P.EMPTY_WEIGHTS)
        return Matches(np.concatenate(id_parts), np.concatenate(score_parts))

    # --- the tree ---------------------------------------------------------------------------

    def _eval(self, q, seg: SegmentView) -> tuple[np.ndarray, np.ndarray]:
        if q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__):
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        kind = type(q)
        if kind is Q.Term:
            return self._term(q.fieldname, q.text, q.boost, seg)
        if kind is Q.And:
            return self._and(q, seg)
        if kind is Q.Or or kind is Q.DefaultOr or kind is Q.PreloadedOr or kind is Q.SplitOr:
            ids, scores = _union([self._eval(sub, seg) for sub in q.subqueries])
            return ids, scores * q.boost if q.boost != 1.0 else scores
        if kind is Q.AndNot:
            ids, scores = self._eval(q.a, seg)
            ids_b, _ = self._eval(q.b, seg)
            keep = ~np.isin(ids, ids_b, assume_unique=True)
            return ids[keep], scores[keep] * q.boost if q.boost != 1.0 else scores[keep]
        if kind is Q.Not:
            ids_b, _ = self._eval(q.query, seg)
            live = seg.live_ids()
            keep = live[~np.isin(live, ids_b, assume_unique=True)]
            return keep, np.full(len(keep), 1.0)
        if kind is Q.Every:
            return self._every(q, seg)
        if kind is Q.Phrase:
            return self._phrase(q, seg)
        if kind in (ranges.NumericRange, ranges.DateRange):
            return self._numeric_range(q, seg)
        if isinstance(q, (Q.Prefix, Q.Wildcard, Q.FuzzyTerm, ranges.TermRange)):
            return self._expanded(q, seg)
        raise Unsupported(kind.__name__)

    def indexed_bytes(self, field, fieldname, text, seg: SegmentView) -> bytes | None:
        """``text`` as the field stores it, or ``None`` when it is no valid value or no document
        of the segment holds it (then nothing can match)."""
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return None
        return btext if self.term_info(seg, fieldname, btext) is not None else None

    def term_info(self, seg: SegmentView, fieldname: str, btext: bytes):
        """The term's info in the segment (None: the segment lacks it), looked up once per
        search: the term's idf needs it in every segment, its postings and an ``And``'s
        ordering in each (each was a look-up of its own in the segment's term hash)."""
        key = (seg.offset, fieldname, btext)
        try:
            return self._infos[key]
        except KeyError:
            info = self._infos[key] = P.term_info(seg.reader, fieldname, btext)
            return info

    def doc_frequency(self, fieldname: str, btext: bytes) -> int:
        """In how many documents of the index the term is (deleted ones included), as Whoosh's
        ``doc_frequency`` counts them: the sum of each segment's term info."""
        total = 0
        for seg in self.segments:
            info = self.term_info(seg, fieldname, btext)
            if info is not None:
                total += info.doc_frequency()
        return total

    def _size_hint(self, q, seg: SegmentView) -> int:
        if type(q) is Q.Term and q.fieldname in self.schema:
            try:
                btext = self.schema[q.fieldname].to_bytes(q.text)
            except ValueError:
                return 0
            info = self.term_info(seg, q.fieldname, btext)
            return 0 if info is None else info.doc_frequency()
        return 1 << 40 if isinstance(q, (Q.Every, ranges.NumericRange)) else 1 << 30

    def _term(self, fieldname, text, boost, seg: SegmentView):
        if fieldname not in self.schema:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        try:
            btext = self.schema[fieldname].to_bytes(text)
        except ValueError:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        info = self.term_info(seg, fieldname, btext)
        if info is None:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        found = P.term_postings(seg.reader, fieldname, btext, seg.deleted, info)
        if not len(found):
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        scores = self._score(fieldname, btext, found, seg)
        if boost != 1.0:
            scores = scores * boost
        return found.ids, scores

    def _score(self, fieldname, btext, found: P.Postings, seg: SegmentView) -> np.ndarray:
        field = self.schema[fieldname]
        if not field.scorable:
            return found.weights.astype(np.float64, copy=True)
        params = self._scorers.get((fieldname, btext))
        if params is None:
            params = self._scorers[(fieldname, btext)] = bm25f_params(
                self.weighting, self.searcher, fieldname, btext,
                lambda: self.doc_frequency(fieldname, btext))
        idf, avgfl, B, K1 = params
        lengths = seg.lengths(fieldname)
        fl = lengths[found.ids] if lengths is not None else np.ones(len(found.ids))
        tf = found.weights
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    def _and(self, q, seg: SegmentView):
        positives = [sub for sub in q.subqueries if not isinstance(sub, Q.Not)]
        negatives = [sub.query for sub in q.subqueries if isinstance(sub, Q.Not)]
        if not positives:  # only exclusions: every live document but those
            live = seg.live_ids()
            positives_part = (live, np.zeros(len(live)))
        parts = [] if positives else [positives_part]
        for sub in sorted(positives, key=lambda s: self._size_hint(s, seg)):
            part = self._eval(sub, seg)
            if not len(part[0]):
                return P.EMPTY_IDS, P.EMPTY_WEIGHTS
            parts.append(part)
        ids, scores = parts[0]
        for ids_b, scores_b in parts[1:]:
            ids, ia, ib = np.intersect1d(ids, ids_b, assume_unique=True, return_indices=True)
            scores = scores[ia] + scores_b[ib]
            if not len(ids):
                return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        for neg in negatives:
            ids_n, _ = self._eval(neg, seg)
            if len(ids_n):
                keep = ~np.isin(ids, ids_n, assume_unique=True)
                ids, scores = ids[keep], scores[keep]
            scores = scores + 1.0  # Whoosh's inverse matcher scores each kept document 1
        if q.boost != 1.0:
            scores = scores * q.boost
        return ids, scores

    def _every(self, q, seg: SegmentView):
        """Every live document; on a field, those having it (a field length above zero)
        instead of reading every term's postings as Whoosh does."""
        live = seg.live_ids()
        if q.fieldname not in (None, "", "*"):
            field = self.schema._fields.get(q.fieldname)
            if field is None or not field.scorable:
                raise Unsupported("Every on a field without lengths")
            lengths = seg.lengths(q.fieldname)
            if lengths is None:
                return P.EMPTY_IDS, P.EMPTY_WEIGHTS
            live = live[seg.length_codes(q.fieldname)[live] > 0]
        return live, np.full(len(live), float(q.boost))

    def _expanded(self, q, seg: SegmentView):
        fieldname = q.field()
        if fieldname not in self.schema:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        words = expansion(self, q, fieldname, seg)
        if not words:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        if len(words) == 1:  # MultiTerm.matcher: a single term without the query's boost
            return self._term(fieldname, words[0], 1.0, seg)
        ids, scores = _union([self._term(fieldname, w, 1.0, seg) for w in words])
        if getattr(q, "constantscore", False) and len(words) > 2 \
                and seg.doccount <= PRELOAD_MAX_DOCS:
            # Whoosh ORs three or more words of a small segment with its preloading matcher,
            # which honours the constant score: every match scores 1 (no boost).
            return ids, np.ones(len(ids))
        return ids, scores * q.boost if q.boost != 1.0 else scores

    def _numeric_range(self, q, seg: SegmentView):
        field = self.schema._fields.get(q.fieldname)
        if field is None or not getattr(field, "column_type", None):
            raise Unsupported("range without a column")
        values = self.columns.get(
            (seg.key, "__num__", q.fieldname), lambda: number_column(seg.reader, q.fieldname))
        if values is None:  # no document of this segment has a value: none is in the range
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        raw, default = values
        mask = raw != default
        if q.start is not None:
            start = np.uint64(_column_bound(field, q.start))
            mask &= (raw > start) if q.startexcl else (raw >= start)
        if q.end is not None:
            end = np.uint64(_column_bound(field, q.end))
            mask &= (raw < end) if q.endexcl else (raw <= end)
        if seg.deleted is not None:
            mask &= ~seg.deleted[: len(mask)]
        ids = np.flatnonzero(mask).astype(np.int64)
        return ids, np.full(len(ids), float(q.boost))

    def _phrase(self, q, seg: SegmentView):
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        field = self.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        btexts = []
        for word in q.words:
            btext = self.indexed_bytes(field, fieldname, word, seg)
            if btext is None:
                return P.EMPTY_IDS, P.EMPTY_WEIGHTS
            btexts.append(btext)
        if not btexts:
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        pairs_field = covered_pairs_field(self.schema, fieldname, seg) \
            if q.slop == 1 and len(btexts) > 1 else None
        if pairs_field is not None:  # candidates from the adjacent-pairs field (``pairs``)
            ids, found = phrase_candidates(seg, pairs_field, fieldname, btexts)
            if len(ids):
                ids = positions_match(ids, [post for _, post in found], q.slop)
        else:
            # Candidates: documents holding every word (cheapest first), scores summed.
            found = [(b, P.term_postings(seg.reader, fieldname, b, seg.deleted,
                                         self.term_info(seg, fieldname, b))) for b in btexts]
            ordered = sorted(range(len(found)), key=lambda i: len(found[i][1]))
            ids = found[ordered[0]][1].ids
            for i in ordered[1:]:
                ids = np.intersect1d(ids, found[i][1].ids, assume_unique=True)
                if not len(ids):
                    return P.EMPTY_IDS, P.EMPTY_WEIGHTS
            if len(found) > 1 or q.slop != 1:
                ids = positions_match(ids, [post for _, post in found], q.slop)
        if not len(ids):
            return P.EMPTY_IDS, P.EMPTY_WEIGHTS
        scores = np.zeros(len(ids))
        for btext, post in found:
            index = np.searchsorted(post.ids, ids)
            scores += self._score(fieldname, btext, P.Postings(ids, post.weights[index]), seg)
        if q.boost != 1.0:
            scores = scores * q.boost
        return ids, scores


def _union(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return P.EMPTY_IDS, P.EMPTY_WEIGHTS
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=len(unique))


def _column_bound(field, value) -> int:
    """A range bound in the column's raw space (``DATETIME`` bounds are already longs)."""
    if isinstance(field, DATETIME):
        return int(value)
    return int(field.to_column_value(value))


_SUPPORTED = (
    Q.Term, Q.And, Q.Or, Q.AndNot, Q.Not, Q.Every, Q.Phrase, Q.Prefix, Q.Wildcard, Q.FuzzyTerm,
    ranges.TermRange, ranges.NumericRange,
)


def check_supported(q) -> None:
    """Raise ``Unsupported`` for a shape named in ``UNSUPPORTED_SHAPES`` anywhere in ``q``."""
    if q is Q.NullQuery:
        return
    if isinstance(q, (spans.SpanQuery, Q.Regex, Q.Variations, Q.DisjunctionMax)):
        raise Unsupported(type(q).__name__)
    if not isinstance(q, _SUPPORTED) and type(q).__name__ != "_NullQuery":
        raise Unsupported(type(q).__name__)
    if isinstance(q, Q.Or) and (q.minmatch or q.scale):
        raise Unsupported("Or with minmatch or scale")
    for child in q.children():
        check_supported(child)

"""Merging many terms' posting records at once (``merging._copy_postings``' common case).

A tier merge of eight ingest batches reads ~1,000,000 term entries (the pairs field alone has
~65,000 terms in every segment) and writes ~250,000 terms. Merged one term at a time, each took
a dozen numpy calls on arrays of a few postings: the per-call cost was most of the merge. Here a
flush of terms (their source records, as ``codec.py`` writes them) is decoded, renumbered,
filtered and summarised with a fixed number of numpy calls, and each merged record is then
joined from slices of the results. The records and statistics are those of merging each term on
its own (``codec.encode_record``, ``codec.term_stats``): same bytes.

Only records of kinds ``NO_VALUES`` and ``POSITIONS`` come here: their lengths are multiples of
four, so every record in a joined buffer starts 4-byte aligned and one ``uint32`` view reads them
all.
"""

from __future__ import annotations

import numpy as np

from .codec import (
    HEADER_SIZE,
    MAGIC,
    NO_VALUES,
    POSITIONS,
    RECORD_HEADER,
    add_terms,
    encode_record,
    term_stats,
)
from .field_writing import write_spelling_words

BULK_KINDS = (NO_VALUES, POSITIONS)
FLUSH_TERMS = 4096  # merged terms written (and merged in bulk) together
_WORDS = HEADER_SIZE // 4
_HEADER = np.dtype([("magic", "S4"), ("n", "<u4"), ("extra", "<u4"), ("kind", "u1"),
                    ("mode", "u1"), ("pad", "V2"), ("weight", "<f4")])
assert _HEADER.itemsize == HEADER_SIZE


class MergedTerms:
    """A merge's output for the current field: terms in order, written ``FLUSH_TERMS`` at a
    time (``codec.add_terms``: one write to the postings file and one to the term index), or
    a spelling field's words (``spelling_word``), written at the field's end. A term is added
    with its record (``add``, ``add_arrays``) or with its sources' records, to be merged with
    the flush's others (``defer``, ``merged_records``). ``docmap`` and ``bases``: as
    ``merged_records`` takes them."""

    def __init__(self, writer, docmap: np.ndarray, bases: np.ndarray) -> None:
        self.writer, self.docmap, self.bases = writer, docmap, bases
        self.kind, self.codes = NO_VALUES, None
        self.terms: list[bytes] = []
        self.records: list[bytes | None] = []
        self.stats: list[tuple | None] = []
        self.deferred: list[int] = []  # indexes of the terms whose records are merged at flush
        self.sources: list[list[tuple[int, bytes]]] = []
        self.words: list[bytes] = []  # a spelling field's

    def field(self, kind: int, codes: np.ndarray | None) -> None:
        """The field the next terms belong to (after ``flush``)."""
        self.kind, self.codes = kind, codes

    def add(self, term: bytes, record: bytes, stats: tuple) -> None:
        self.terms.append(term)
        self.records.append(record)
        self.stats.append(stats)
        if len(self.terms) >= FLUSH_TERMS:
            self.flush()

    def add_arrays(self, term: bytes, ids, weights, kind: int, counts, data, codes) -> None:
        """As ``codec.write_postings``: the record and its statistics from the arrays."""
        self.add(term, encode_record(ids, weights, kind, counts, data),
                 term_stats(ids, weights, codes))

    def defer(self, term: bytes, sources: list[tuple[int, bytes]]) -> None:
        """A term merged from its sources' records (``(segment index, record)``) at flush;
        left out if none of its postings is live."""
        self.deferred.append(len(self.terms))
        self.sources.append(sources)
        self.add(term, None, None)

    def spelling_word(self, word: bytes) -> None:
        """A word of the current field, a spelling field (written with the field's others at
        flush, all pointing at one shared posting block, as ``SegmentBuilder`` writes them)."""
        self.words.append(word)

    def flush(self) -> None:
        if self.words:
            write_spelling_words(self.writer, self.words)
            self.words = []
        if self.deferred:
            merged = merged_records(self.sources, self.kind, self.docmap, self.bases,
                                    self.codes)
            for at, done in zip(self.deferred, merged, strict=True):
                if done is not None:
                    self.records[at], self.stats[at] = done
            self.deferred, self.sources = [], []
        kept = [k for k, record in enumerate(self.records) if record is not None]
        if kept:
            add_terms(self.writer, [self.terms[k] for k in kept],
                      [self.records[k] for k in kept], [self.stats[k] for k in kept])
        self.terms, self.records, self.stats = [], [], []


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indexes ``starts[k] .. starts[k] + lengths[k] - 1`` of every ``k``, concatenated."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(total, dtype=np.int64)


def merged_records(terms: list[list[tuple[int, bytes]]], kind: int, docmap: np.ndarray,
                   bases: np.ndarray, codes: np.ndarray | None) -> list[tuple | None]:
    """For each term (its sources' ``(segment index, record bytes)``, in segment order): the
    merged ``(record, statistics)``, or ``None`` when none of its postings is live.
    ``docmap``: every source segment's document map joined (-1: deleted), ``bases``: where each
    segment's map starts in it; ``codes``: the field's length code per merged document (None:
    not scorable)."""
    if kind not in BULK_KINDS:
        raise ValueError(f"records of kind {kind} are merged term by term")
    blobs = [blob for sources in terms for _, blob in sources]
    owner = np.repeat(np.arange(len(terms)), [len(sources) for sources in terms])
    segment = np.fromiter((i for sources in terms for i, _ in sources), dtype=np.int64,
                          count=len(blobs))
    buffer = b"".join(blobs)
    words = np.frombuffer(buffer, "<u4")
    starts = np.zeros(len(blobs), dtype=np.int64)
    np.cumsum([len(blob) // 4 for blob in blobs[:-1]], out=starts[1:])
    header = np.frombuffer(buffer, np.uint8).reshape(-1, 4)[
        starts[:, None] + np.arange(_WORDS)].reshape(len(blobs), HEADER_SIZE).copy() \
        .view(_HEADER).ravel()
    if (header["magic"] != MAGIC).any() or (header["kind"] != kind).any():
        raise ValueError("not Clippings records of the field's kind")
    n = header["n"].astype(np.int64)
    mode = header["mode"].astype(np.int64)
    at_ids = starts + _WORDS
    at_counts = at_ids + n * (1 + mode)

    # every posting: its entry, its new document number, its weight
    new = docmap[words[_ranges(at_ids, n)].astype(np.int64) + np.repeat(bases[segment], n)]
    weights = np.repeat(header["weight"], n)
    varied = mode.astype(bool)
    if varied.any():
        posting_starts = np.cumsum(n) - n
        weights[_ranges(posting_starts[varied], n[varied])] = \
            words[_ranges(at_ids[varied] + n[varied], n[varied])].view("<f4")
    term = np.repeat(owner, n)
    keep = new >= 0
    counts = data = None
    if kind == POSITIONS:
        counts = words[_ranges(at_counts, n)]
        data = words[_ranges(at_counts + n, header["extra"].astype(np.int64))]
        if not keep.all():
            data = data[np.repeat(keep, counts)]
        counts = counts[keep]
    if not keep.all():
        new, weights, term = new[keep], weights[keep], term[keep]
    return _records(len(terms), term, new, weights, kind, counts, data, codes)


def _records(count: int, term, ids, weights, kind, counts, data, codes) -> list[tuple | None]:
    sizes = np.bincount(term, minlength=count)
    ends = np.cumsum(sizes)
    firsts = ends - sizes
    present = sizes > 0
    at = firsts[present]  # each live term's first posting
    uniform = np.ones(count, dtype=bool)
    differs = weights != np.repeat(weights[at], sizes[present])
    uniform[np.unique(term[differs])] = False
    totals = np.zeros(count)
    totals[present] = np.add.reduceat(weights.astype(np.float64), at)
    best = np.zeros(count, dtype=np.float32)
    best[present] = np.maximum.reduceat(weights, at)
    shortest = np.zeros(count, dtype=np.int64)
    longest = np.zeros(count, dtype=np.int64)
    if codes is not None and len(codes) and len(ids):
        length = codes[ids].astype(np.int64)
        longest[present] = np.maximum.reduceat(length, at)
        shortest[present] = np.minimum.reduceat(np.where(length > 0, length, 256), at)
        shortest[shortest == 256] = 0
    ids_bytes = ids.astype("<u4").tobytes()
    weight_bytes = weights.astype("<f4").tobytes()
    count_bytes = data_bytes = b""
    data_ends = None
    if kind == POSITIONS:
        count_bytes = counts.astype("<u4").tobytes()
        data_bytes = data.astype("<u4").tobytes()
        data_ends = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=data_ends[1:])
    pack = RECORD_HEADER.pack
    out: list[tuple | None] = []
    for k, size, start, end, same in zip(range(count), sizes.tolist(), firsts.tolist(),
                                         ends.tolist(), uniform.tolist(), strict=True):
        if not size:
            out.append(None)
            continue
        parts = [b"", ids_bytes[4 * start:4 * end]]
        if not same:
            parts.append(weight_bytes[4 * start:4 * end])
        extra = 0
        if kind == POSITIONS:
            low, high = int(data_ends[start]), int(data_ends[end])
            extra = high - low
            parts += (count_bytes[4 * start:4 * end], data_bytes[4 * low:4 * high])
        parts[0] = pack(MAGIC, size, extra, kind, 0 if same else 1, float(weights[start]))
        out.append((b"".join(parts), (float(totals[k]), size, int(shortest[k]),
                                      int(longest[k]), float(best[k]), int(ids[start]),
                                      int(ids[end - 1]))))
    return out

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

from .codec import HEADER_SIZE, MAGIC, NO_VALUES, POSITIONS
from .field_writing import posting_records

BULK_KINDS = (NO_VALUES, POSITIONS)
FLUSH_TERMS = 4096  # merged terms written (and merged in bulk) together
_WORDS = HEADER_SIZE // 4
_HEADER = np.dtype([("magic", "S4"), ("n", "<u4"), ("extra", "<u4"), ("kind", "u1"),
                    ("mode", "u1"), ("pad", "V2"), ("weight", "<f4")])
assert _HEADER.itemsize == HEADER_SIZE


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indexes ``starts[k] .. starts[k] + lengths[k] - 1`` of every ``k``, concatenated."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(total, dtype=np.int64)


def merged_records(blobs: list[bytes], segment: np.ndarray, owner: np.ndarray, count: int,
                   kind: int, docmap: np.ndarray, bases: np.ndarray,
                   codes: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``count`` terms merged from their sources' records: ``blobs[e]`` the record of entry
    ``e``, from source segment ``segment[e]``, of term ``owner[e]`` (ascending; a term's
    entries in segment order). Returns the merged records one after the other (a buffer),
    each term's record size (0 when none of its postings is live: no record) and each term's
    statistics (``codec.add_term``'s, a row a term). ``docmap``: every source segment's
    document map joined (-1: deleted), ``bases``: where each segment's map starts in it;
    ``codes``: the field's length code per merged document (None: not scorable)."""
    if kind not in BULK_KINDS:
        raise ValueError(f"records of kind {kind} are merged term by term")
    buffer = b"".join(blobs)
    words = np.frombuffer(buffer, "<u4")
    starts = np.zeros(len(blobs), dtype=np.int64)
    np.cumsum(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))[:-1] // 4,
              out=starts[1:])
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
    new = docmap[words[ranges(at_ids, n)].astype(np.int64) + np.repeat(bases[segment], n)]
    weights = np.repeat(header["weight"], n)
    varied = mode.astype(bool)
    if varied.any():
        posting_starts = np.cumsum(n) - n
        weights[ranges(posting_starts[varied], n[varied])] = \
            words[ranges(at_ids[varied] + n[varied], n[varied])].view("<f4")
    term = np.repeat(owner, n)
    keep = new >= 0
    counts = data = None
    if kind == POSITIONS:
        counts = words[ranges(at_counts, n)]
        data = words[ranges(at_counts + n, header["extra"].astype(np.int64))]
        if not keep.all():
            data = data[np.repeat(keep, counts)]
        counts = counts[keep]
    if not keep.all():
        new, weights, term = new[keep], weights[keep], term[keep]
    return _records(count, term, new, weights, kind, counts, data, codes)


def _records(count: int, term, ids, weights, kind, counts, data, codes) -> tuple:
    """The records and statistics of the terms' postings (``term``, ``ids``… a posting each,
    by term then document), laid out at once as ``codec.encode_record`` lays out each."""
    sizes = np.bincount(term, minlength=count)
    ends = np.cumsum(sizes)
    firsts = ends - sizes
    present = sizes > 0
    at, last = firsts[present], ends[present] - 1  # each live term's first and last posting
    uniform = np.ones(count, dtype=bool)
    differs = weights != np.repeat(weights[at], sizes[present])
    uniform[np.unique(term[differs])] = False
    stats = np.zeros((count, 7), dtype=np.float64)
    stats[:, 1] = sizes
    if len(at):
        stats[present, 0] = np.add.reduceat(weights.astype(np.float64), at)
        stats[present, 4] = np.maximum.reduceat(weights, at)
        stats[present, 5], stats[present, 6] = ids[at], ids[last]
    if codes is not None and len(codes) and len(ids):
        length = codes[ids].astype(np.int64)
        stats[present, 3] = np.maximum.reduceat(length, at)
        shortest = np.minimum.reduceat(np.where(length > 0, length, 256), at)
        stats[present, 2] = np.where(shortest == 256, 0, shortest)
    extras = None
    if kind == POSITIONS:
        data_ends = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=data_ends[1:])
        extras = data_ends[last + 1] - data_ends[at]
    records, record_sizes = posting_records(kind, sizes[present], ~uniform[present], weights,
                                            ids, extras=extras, counts=counts, data=data)
    all_sizes = np.zeros(count, dtype=np.int64)
    all_sizes[present] = record_sizes
    return records, all_sizes, stats

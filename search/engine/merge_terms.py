"""A merge's terms in merged order, grouped, with a step of Python per merged term rather than
several per source entry (``merging._copy_postings``).

A tier merge of eight ingest batches reads ~800,000 term entries (the pairs field alone has
65,537 terms in every segment). Streamed one entry at a time (a generator a source, a heap
merge of them, ``groupby``, one record read an entry) the stream cost more than merging the
postings. Here each source's term index is parsed at once with numpy (``SourceTerms``: the
positions of its entries are in its ordered index), a field's terms are put in merged order by
one stable sort of their bytes (ties in source order, as the heap merge gave them) and cut into
groups, and a flush of terms reads each source's records with one read. A term held by one
source without deletions is moved (its document numbers shifted with one numpy call for the
whole flush); the others are merged by ``merge_bulk.merged_records``, or term by term (values
of other kinds, W3 postings) by ``merging``. Same terms, records and statistics, in the same
order: the same files.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .codec import HEADER_SIZE, MAGIC
from .merge_bulk import ranges
from .term_index_writing import TERMINFO_RECORD

_LENGTHS = np.dtype([("key", ">i4"), ("value", ">i4")])  # before each key and value (Whoosh's)
_INFO_SIZE = TERMINFO_RECORD.itemsize  # a record's term info: statistics, offset, length
SPAN_SLACK = 4  # a flush reads a source's records in one read when they are this close


class SourceTerms:
    """One source segment's term index, parsed: for each field, its terms (bytes, ascending),
    and each entry's term info (when it points to a record) or raw value."""

    def __init__(self, reader) -> None:
        terms = reader._terms
        tindex = terms._tindex
        start = tindex.startofdata
        self.postfile = terms._postfile
        self.data = data = tindex.dbfile.get(start, tindex.endofdata - start)
        count = tindex.indexlen
        positions = np.zeros(0, dtype=np.int64)
        if count:
            positions = np.asarray(tindex.dbfile.get_array(
                tindex.indexbase, tindex.extras["indextype"], count), dtype=np.int64) - start
        buf = np.frombuffer(data, dtype=np.uint8)
        heads = _rows(buf, positions, 8).reshape(-1).view(_LENGTHS)
        keylen = heads["key"].astype(np.int64)
        self.valstart = positions + 8 + keylen
        self.vallen = heads["value"].astype(np.int64)
        numbers = (buf[positions + 8].astype(np.int64) << 8) | buf[positions + 9]
        self.fields: dict[str, tuple[int, int]] = {}  # field -> its entries [lo, hi)
        edges = np.flatnonzero(np.diff(numbers)) + 1
        unmap = terms._fieldunmap
        for lo, hi in zip([0, *edges.tolist()], [*edges.tolist(), count], strict=True):
            if hi > lo:
                self.fields[unmap[int(numbers[lo])]] = (lo, hi)
        if len(self.fields) != len(set(numbers.tolist())):  # pragma: no cover - Whoosh sorts keys
            raise ValueError("a term index whose fields are not in one run each")
        self.keystart = positions + 10  # the term, after the field's number
        self.keyend = positions + 8 + keylen
        # term infos pointing to a posting list (W3's non-inlined length): parsed at once
        is_info = (self.vallen == _INFO_SIZE)
        is_info[is_info] = buf[self.valstart[is_info]] == 0  # not inlined
        self.is_info = is_info
        info = np.zeros(count, dtype=TERMINFO_RECORD)
        if is_info.any():
            rows = _rows(buf, self.valstart[is_info], _INFO_SIZE)
            info[is_info] = rows.reshape(-1).view(TERMINFO_RECORD)
        self.info = info

    def terms(self, field: str) -> list[bytes]:
        lo, hi = self.fields[field]
        data = self.data
        return [data[a:b] for a, b in zip(self.keystart[lo:hi].tolist(),
                                          self.keyend[lo:hi].tolist(), strict=True)]

    def value(self, entry: int) -> bytes:
        at = int(self.valstart[entry])
        return self.data[at:at + int(self.vallen[entry])]


def _rows(buf: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """The ``size`` bytes at each of ``starts`` in ``buf``, a row each (one copy of each row,
    no index a byte)."""
    if not len(starts):
        return np.zeros((0, size), dtype=np.uint8)
    return sliding_window_view(buf, size)[starts]


def merged_order(sources: list[SourceTerms], field: str):
    """The field's terms of every source in merged order: ``(terms, source, entry, starts)``:
    each entry's term bytes, source index and entry number in its source, and where each
    group of entries holding one term starts (ascending terms; a term's entries in source
    order)."""
    terms: list[bytes] = []
    owners, entries = [], []
    for i, source in enumerate(sources):
        if field in source.fields:
            lo, hi = source.fields[field]
            terms += source.terms(field)
            owners.append(np.full(hi - lo, i, dtype=np.int64))
            entries.append(np.arange(lo, hi, dtype=np.int64))
    order = sorted(range(len(terms)), key=terms.__getitem__)  # stable: ties in source order
    terms = [terms[k] for k in order]
    index = np.array(order, dtype=np.int64)
    source = np.concatenate(owners)[index]
    entry = np.concatenate(entries)[index]
    differs = np.fromiter(map(bytes.__ne__, terms[1:], terms[:-1]), dtype=bool,
                          count=max(len(terms) - 1, 0))
    starts = np.flatnonzero(np.r_[True, differs]) if terms else np.zeros(0, dtype=np.int64)
    return terms, source, entry, starts


def records_of(sources: list[SourceTerms], source: np.ndarray,
               entry: np.ndarray) -> list[bytes | None]:
    """The Clippings record each entry's term info points to (None: W3 postings, inlined or
    blocks); each source's records read with one read when they lie together."""
    blobs: list[bytes | None] = [None] * len(source)
    for i in np.unique(source).tolist():
        src = sources[i]
        at = np.flatnonzero(source == i)
        ents = entry[at]
        ok = src.is_info[ents]
        at, ents = at[ok], ents[ok]
        if not len(at):
            continue
        offsets = src.info["offset"][ents].astype(np.int64)
        lengths = src.info["length"][ents].astype(np.int64)
        lo, hi = int(offsets.min()), int((offsets + lengths).max())
        if hi - lo <= SPAN_SLACK * int(lengths.sum()):
            span = src.postfile.get(lo, hi - lo)
            found = [span[a:a + n] for a, n in zip((offsets - lo).tolist(), lengths.tolist(),
                                                    strict=True)]
        else:
            found = [src.postfile.get(a, n) for a, n in zip(offsets.tolist(), lengths.tolist(),
                                                             strict=True)]
        for k, blob in zip(at.tolist(), found, strict=True):
            blobs[k] = blob if blob[:4] == MAGIC else None
    return blobs


def moved(sources: list[SourceTerms], blobs: list[bytes], source: np.ndarray,
          entry: np.ndarray, shifts: np.ndarray) -> tuple[list[bytes], np.ndarray]:
    """Records of one source each, with every document number plus their source's shift (its
    first document's new number), and their statistics (``codec.add_term``'s, a row a
    record) likewise."""
    joined = b"".join(blobs)
    sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    starts = np.cumsum(sizes) - sizes
    shift = shifts[source]
    if shift.any():
        buf = np.frombuffer(joined, dtype=np.uint8).copy()
        counts = buf[(starts[:, None] + np.arange(4, 8)).reshape(-1)].view("<u4").astype(np.int64)
        where = ranges(starts + HEADER_SIZE, 4 * counts)
        ids = buf[where].view("<u4") + np.repeat(shift, counts).astype(np.uint32)
        buf[where] = ids.view(np.uint8)
        joined = buf.tobytes()
    records = [joined[a:b] for a, b in zip(starts.tolist(), (starts + sizes).tolist(),
                                            strict=True)]
    info = np.empty(len(blobs), dtype=TERMINFO_RECORD)
    for i in np.unique(source).tolist():
        at = source == i
        info[at] = sources[i].info[entry[at]]
    stats = np.empty((len(blobs), 7), dtype=np.float64)
    for column, name in enumerate(("weight", "df", "minlength", "maxlength", "maxweight")):
        stats[:, column] = info[name]
    stats[:, 5] = info["minid"].astype(np.int64) + shift
    stats[:, 6] = info["maxid"].astype(np.int64) + shift
    return records, stats

"""The Clippings codec: Whoosh 3's files, with a term's postings stored as raw arrays.

Whoosh's W3 postings format pickles every block (a tuple of delta-coded ids, weights and
values) and, in a text field, every posting's positions on their own: writing a segment was a
third of the CPU of ``rebuild_index`` and reading a long posting list unpickles it block by
block. Here a term's whole posting list is one record of little-endian arrays, written from
numpy arrays and read back with ``numpy.frombuffer``:

    header   "CLP1", count n, extra, kind, weight mode, (2 pad bytes), shared weight (float32)
    ids      n x uint32, ascending document numbers
    weights  n x float32 (weight mode 1; mode 0: every posting has the header's weight)
    values   kind 0 (none: Existence): nothing
             kind 1 (positions): n x uint32 counts, then ``extra`` x uint32 positions
             kind 2 (other formats' encoded values): n x uint32 lengths, then ``extra`` bytes

Everything else (term index and term infos, stored fields, lengths, columns, the segment and its
TOC) is Whoosh 3's, unchanged. ``ClippingsCodec`` is a ``W3Codec`` whose ``postings_reader``
looks at the record's tag: a segment holding W3 blocks (an index written before this codec, or
by Whoosh's own writer) is read by Whoosh's ``W3LeafMatcher`` as before, so an old index keeps
working and is extended and merged in place. ``ArrayMatcher`` gives Whoosh's matcher interface
over the arrays (Whoosh's queries, highlighting and the equivalence tests read through it);
``read_arrays`` is what the array executor (``postings.py``) and the merger read.
"""

from __future__ import annotations

import struct
from bisect import bisect_left
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3Segment
from whoosh.filedb.filetables import OrderedHashWriter, _hash_functions
from whoosh.matching import ListMatcher
from whoosh.system import pack_ushort

from .term_index_writing import add_ordered, terminfo_values

MAGIC = b"CLP1"
RECORD_HEADER = struct.Struct("<4sIIBBxxf")
HEADER_SIZE = RECORD_HEADER.size  # 20: the arrays after it start 4-byte aligned
NO_VALUES, POSITIONS, BYTES = 0, 1, 2


def value_kind(fmt) -> int:
    """How a field format's posting values are stored."""
    if type(fmt).__name__ == "Positions":
        return POSITIONS
    return NO_VALUES if fmt.fixed_value_size() == 0 else BYTES


class Record:
    """One term's postings decoded (views into the record's bytes, no copy)."""

    __slots__ = ("ids", "weights", "weight", "kind", "counts", "_starts", "data")

    def __init__(self, blob: bytes) -> None:
        magic, n, extra, kind, mode, weight = RECORD_HEADER.unpack_from(blob)
        if magic != MAGIC:
            raise ValueError(f"not a Clippings posting record: {magic!r}")
        at = HEADER_SIZE
        self.ids = np.frombuffer(blob, "<u4", n, at)
        at += 4 * n
        self.weight = weight
        self.weights = None
        if mode:
            self.weights = np.frombuffer(blob, "<f4", n, at)
            at += 4 * n
        self.kind = kind
        self.counts = self._starts = self.data = None
        if kind != NO_VALUES:
            self.counts = np.frombuffer(blob, "<u4", n, at)
            at += 4 * n
            if kind == POSITIONS:
                self.data = np.frombuffer(blob, "<u4", extra, at)
            else:
                self.data = blob[at:at + extra]

    @property
    def starts(self) -> np.ndarray | None:
        """Where each posting's values start in ``data`` (and the end), worked out when first
        needed: a search scoring the term reads only its ids and weights."""
        if self._starts is None and self.counts is not None:
            self._starts = np.zeros(len(self.counts) + 1, dtype=np.int64)
            np.cumsum(self.counts, out=self._starts[1:])
        return self._starts

    def weight_array(self) -> np.ndarray:
        if self.weights is not None:
            return self.weights
        return np.full(len(self.ids), self.weight, dtype=np.float32)


def encode_record(ids: np.ndarray, weights: np.ndarray, kind: int, counts=None,
                  data=None) -> bytes:
    """A posting record: ``ids`` ascending; ``weights`` float32; for POSITIONS, ``counts``
    (positions per posting) and ``data`` (every posting's positions, in order); for BYTES,
    ``counts`` (bytes per posting) and ``data`` (the values joined)."""
    n = len(ids)
    w0 = float(weights[0])
    uniform = bool((weights == weights[0]).all())
    parts = [None, np.asarray(ids, dtype="<u4").tobytes()]
    if not uniform:
        parts.append(np.asarray(weights, dtype="<f4").tobytes())
    extra = 0
    if kind == POSITIONS:
        parts.append(np.asarray(counts, dtype="<u4").tobytes())
        parts.append(np.asarray(data, dtype="<u4").tobytes())
        extra = len(data)
    elif kind == BYTES:
        parts.append(np.asarray(counts, dtype="<u4").tobytes())
        parts.append(data)
        extra = len(data)
    parts[0] = RECORD_HEADER.pack(MAGIC, n, extra, kind, 0 if uniform else 1, w0)
    return b"".join(parts)


def add_term(fieldwriter, term: bytes, record: bytes, stats: tuple) -> None:
    """Write one term's record into the segment's postings file and its term info (W3's)
    into the term index. ``stats``: (total weight, document frequency, min length byte,
    max length byte, max weight, first document, last document)."""
    add_terms(fieldwriter, [term], [record], [stats])


def add_terms(fieldwriter, terms: list[bytes], records: list[bytes], stats: list[tuple]) -> None:
    """``add_term`` for many terms of the current field (ascending), in one write each to the
    postings file and the term index (``term_index_writing``)."""
    if not terms:
        return
    sizes = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    add_joined_terms(fieldwriter, terms, b"".join(records), sizes, stats)


def add_joined_terms(fieldwriter, terms: list[bytes], records, sizes: np.ndarray,
                     stats) -> None:
    """``add_terms`` with the records already joined (bytes or a buffer), ``sizes`` bytes each,
    and ``stats`` as tuples or as the rows of an array."""
    postfile = fieldwriter._postfile
    offsets = np.cumsum(sizes) - sizes + postfile.tell()
    postfile.write(records)
    prefix = pack_ushort(fieldwriter._fieldid)
    add_ordered(fieldwriter._tindex, [prefix + term for term in terms],
                terminfo_values(stats, offsets, sizes))


def write_postings(fieldwriter, term: bytes, ids: np.ndarray, weights: np.ndarray, kind: int,
                   counts=None, data=None, length_codes: np.ndarray | None = None) -> None:
    """One term's postings (arrays) with its statistics computed here. ``length_codes``: the
    field's one-byte length code per document of the segment (None: not scorable)."""
    stats = term_stats(ids, weights, length_codes)
    add_term(fieldwriter, term, encode_record(ids, weights, kind, counts, data), stats)


def term_stats(ids: np.ndarray, weights: np.ndarray, length_codes: np.ndarray | None) -> tuple:
    """A term's statistics as its term info keeps them (weight, documents, shortest and longest
    field length codes, best weight, first and last document) from its postings' arrays."""
    if length_codes is not None and len(length_codes):
        codes = length_codes[ids]
        nonzero = codes[codes > 0]
        minlen = int(nonzero.min()) if len(nonzero) else 0
        maxlen = int(codes.max())
    else:
        minlen = maxlen = 0
    return (float(weights.sum(dtype=np.float64)), len(ids), minlen, maxlen,
            float(weights.max()), int(ids[0]), int(ids[-1]))


def is_record(dbfile, terminfo) -> bool:
    return not terminfo.is_inlined() and dbfile.get(terminfo.extent()[0], 4) == MAGIC


def record_if_any(dbfile, terminfo) -> Record | None:
    """The term's postings as a ``Record`` read in one go, or None when they are not one
    (inlined, or a W3 list: ``is_record`` then ``read_record`` read the file twice)."""
    if terminfo.is_inlined():
        return None
    offset, length = terminfo.extent()
    if isinstance(length, tuple):
        length = length[0]
    blob = dbfile.get(offset, length)
    return Record(blob) if blob[:4] == MAGIC else None


def read_record(dbfile, terminfo) -> Record:
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps the length unpacked as a tuple
        length = length[0]
    return Record(dbfile.get(offset, length))


class ArrayMatcher(ListMatcher):
    """Whoosh's matcher interface over a ``Record`` (the whole list is one block)."""

    def __init__(self, record: Record, format_, scorer=None, position: int = 0, term=None,
                 terminfo=None):
        self._record = record
        weights = None if record.weights is None else record.weights.tolist()
        super().__init__(record.ids.tolist(), weights, None, format_, scorer, position,
                         record.weight if weights is None else None, term, terminfo)

    def copy(self):
        return self.__class__(self._record, self._format, self._scorer, self._i, self._term,
                              self._terminfo)

    def skip_to(self, id):
        if self._i < len(self._ids) and id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)
        elif not self.is_active():
            from whoosh.matching import ReadTooFar

            raise ReadTooFar

    def skip_to_quality(self, minquality):
        # one block: its quality is the whole list's
        if self.is_active() and self.block_quality() <= minquality:
            self._i = len(self._ids)
            return 1
        return 0

    def weight(self):
        if self._weights is None:
            return self._all_weights
        return self._weights[self._i]

    def block_max_weight(self):
        if self._terminfo is not None:
            return self._terminfo.max_weight()
        return self._all_weights if self._weights is None else max(self._weights)

    def _positions(self) -> list[int]:
        record, i = self._record, self._i
        return record.data[record.starts[i]:record.starts[i + 1]].tolist()

    def value(self):
        record = self._record
        if record.kind == POSITIONS:
            return self._format.encode(self._positions())
        if record.kind == BYTES:
            i = self._i
            return record.data[record.starts[i]:record.starts[i + 1]]
        return None  # as W3 reads a format without values

    def value_as(self, astype):
        if self._record.kind == POSITIONS:
            if astype == "positions":
                return self._positions()
            if astype == "frequency":
                return int(self._record.counts[self._i])
        return self._format.decoder(astype)(self.value())

    def all_items(self):
        for i in range(len(self._ids)):
            self._i = i
            yield self._ids[i], self.value()


CRC32_HASHES = 1  # Whoosh's hash type 1 (its 0 is MD5, the default)


class ClippingsFieldWriter(W3FieldWriter):
    """W3's field writer whose term index hashes its keys with CRC32 instead of MD5 (Whoosh's
    hash type, written in the file's header: every Whoosh reader, and code before this one,
    reads either). An MD5 a term (hex digest, then parsed as an integer) was most of writing
    the term index of a segment, where every spelling word is a key."""

    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        tindex = self._tindex
        dbfile, end = tindex.dbfile, tindex.dbfile.tell()
        dbfile.seek(tindex.startoffset + len(_HASH_MAGIC))
        dbfile.write_byte(CRC32_HASHES)  # the header's hash type, just written as 0
        dbfile.seek(end)
        tindex.hashtype, tindex.hashfn = CRC32_HASHES, _hash_functions[CRC32_HASHES]
        if type(tindex) is OrderedHashWriter:
            tindex.__class__ = _TermIndexWriter


_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # Whoosh's "!Iq", 12 bytes


class _TermIndexWriter(OrderedHashWriter):
    """Whoosh's term index writer, its 256 hash tables written in one write (Whoosh packs and
    writes each slot on its own, empty ones too: two writes a term). The same bytes: the same
    linear probing, in the same order, each key's home slot computed with numpy for all keys
    and the probing one loop over all the tables (laid out one after the other)."""

    def _write_hashes(self):
        dbfile = self.dbfile
        counts = [len(entries) for entries in self.buckets]
        total = sum(counts)
        numslots = 2 * np.array(counts, dtype=np.int64)
        bases = np.cumsum(numslots) - numslots  # each table's first slot
        self.directory.extend(zip((dbfile.tell() + _SLOT.itemsize * bases).tolist(),
                                  numslots.tolist(), strict=True))
        if not total:
            return
        flat = np.fromiter(chain.from_iterable(chain.from_iterable(self.buckets)),
                           dtype=np.int64, count=2 * total)
        hashes, positions = flat[0::2], flat[1::2]
        firsts, sizes = np.repeat(bases, counts), np.repeat(numslots, counts)
        homes = ((hashes >> 8) % sizes + firsts).tolist()
        taken = bytearray(2 * total)
        slots = []
        for slot, first, end in zip(homes, firsts.tolist(), (firsts + sizes).tolist(),
                                    strict=True):
            while taken[slot]:
                slot += 1
                if slot == end:
                    slot = first
            taken[slot] = 1
            slots.append(slot)
        table = np.zeros(2 * total, dtype=_SLOT)
        table["hash"][slots] = hashes
        table["position"][slots] = positions
        dbfile.write(table.tobytes())


_HASH_MAGIC = b"HSH3"


class ClippingsCodec(W3Codec):
    """W3 with ``Record`` postings; reads W3 blocks too (see the module's docstring)."""

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if is_record(dbfile, terminfo):
            return ArrayMatcher(read_record(dbfile, terminfo), format_, scorer=scorer,
                                term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)

    def field_writer(self, storage, segment):
        return ClippingsFieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        return W3Segment(self, indexname)


def clippings_codec() -> ClippingsCodec:
    return ClippingsCodec()

"""A segment's postings and field lengths as numpy arrays: the one place the array executor
(``executor``) reads the index through.

Whoosh's own matchers walk postings one at a time in Python. Here a term's whole posting list in
one segment is read into two arrays (document numbers, weights): a Clippings codec record
(``codec.py``) as it is stored, a W3 list (an index written before) decoded block by block; deleted
documents already masked out, and a field's lengths are one array per segment. A codec other
than Whoosh 3's (``W3Codec``) plugs in by answering ``term_postings`` for its segments; any
matcher Whoosh gives back is also read, one posting at a time, as the fallback.

Nothing here keeps a query's answer: only per-segment columns (lengths, the live-document mask)
are cached by the caller (``segment_arrays.SegmentColumns``), bounded and dropped with their
segment.
"""

from __future__ import annotations

import io
import pickle
import zlib
from bisect import bisect_right
from itertools import chain

import numpy as np
from whoosh.codec import whoosh3
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE
from whoosh.util.numlists import delta_decode  # noqa: F401  (documents the encoding read here)

from .codec import POSITIONS, ClippingsCodec, is_record, read_record, record_if_any
from .term_index import hash_index
from .term_index import term_info as positioned_term_info

try:  # Whoosh 2.7
    from whoosh.util.numeric import byte_to_length
except ImportError:  # pragma: no cover
    from whoosh.util import byte_to_length

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)
# byte code -> field length, as Whoosh decodes the one-byte lengths it stores
LENGTH_TABLE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Postings:
    """One term in one segment: ``ids`` (ascending document numbers, live only) and
    ``weights`` (Whoosh's posting weight, the term frequency times any field boost)."""

    __slots__ = ("ids", "weights", "_matcher_factory", "_values", "_decode")

    def __init__(self, ids: np.ndarray, weights: np.ndarray, matcher_factory=None,
                 values=None, decode=None):
        self.ids = ids
        self.weights = weights
        self._matcher_factory = matcher_factory
        self._values, self._decode = values, decode  # encoded positions, one per id

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, wanted: np.ndarray) -> dict[int, list[int]]:
        """The positions of the term in each document of ``wanted`` (a subset of ``ids``),
        read only for those documents: what phrase and proximity checks need."""
        if not len(wanted):
            return {}
        if self._values is not None:  # decoded with the ids (``postings_at``)
            ids, values, decode = self.ids, self._values, self._decode
            index = np.searchsorted(ids, wanted).tolist()
            return {doc: decode(values[k]) for k, doc in zip(index, wanted.tolist(), strict=True)
                    if k < len(ids) and ids[k] == doc}
        if self._matcher_factory is None:
            return {}
        matcher = self._matcher_factory()
        found: dict[int, list[int]] = {}
        for docnum in wanted.tolist():
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                found[docnum] = list(matcher.value_as("positions"))
        return found


def term_info(reader, fieldname: str, btext: bytes):
    """``btext``'s term info in ``reader`` (one segment), or None when the segment lacks it
    (read with positioned reads where the term index allows: ``term_index``)."""
    terms = reader._terms
    if hash_index(terms) is not None:
        return positioned_term_info(terms, fieldname, btext)
    try:
        return terms.term_info(fieldname, btext)
    except (TermNotFound, KeyError):
        return None


def term_postings(reader, fieldname: str, btext: bytes, deleted: np.ndarray | None,
                  terminfo=None) -> Postings:
    """``btext``'s postings in ``reader`` (one segment); empty when the segment lacks the term.
    ``deleted``: a boolean mask of the segment's deleted documents, or None when it has none.
    ``terminfo``: the term's ``term_info`` if the caller looked it up already.

    The term is looked up once (its ``terminfo`` gives where the postings are): Whoosh's
    ``matcher`` would look it up again and read the first block through a matcher first."""
    terms = reader._terms
    if terminfo is None:
        terminfo = term_info(reader, fieldname, btext)
        if terminfo is None:
            return Postings(EMPTY_IDS, EMPTY_WEIGHTS)
    format_ = reader.schema[fieldname].format
    codec = getattr(terms, "_codec", None)

    def matcher_factory():
        if codec is None:
            return terms.matcher(fieldname, btext, format_)
        return codec.postings_reader(terms._postfile, terminfo, format_, term=(fieldname, btext))

    record = _record(terms, terminfo)
    if record is not None:
        ids = record.ids.astype(np.int64)
        weights = record.weight_array().astype(np.float64)
    elif isinstance(codec, whoosh3.W3Codec) and not terminfo.is_inlined():
        ids, weights = _read_blocks(terms._postfile, terminfo.extent()[0])
    else:
        matcher = matcher_factory()
        if isinstance(matcher, ListMatcher):
            ids = np.asarray(matcher._ids, dtype=np.int64)
            raw = matcher._weights
            weights = np.ones(len(ids)) if raw is None else np.asarray(raw, dtype=np.float64)
            if weights.shape != ids.shape:
                weights = np.full(len(ids), float(weights.reshape(-1)[0]) if weights.size else 1.0)
        else:  # another codec's matcher: one posting at a time
            pairs = [(m_id, w) for m_id, w in _walk(matcher)]
            ids = np.array([p[0] for p in pairs], dtype=np.int64)
            weights = np.array([p[1] for p in pairs], dtype=np.float64)
    if deleted is not None and len(ids):
        keep = ~deleted[ids]
        ids, weights = ids[keep], weights[keep]
    return Postings(ids, weights, matcher_factory)


def _record(terms, terminfo):
    """The term's Clippings record, or None (a W3 list, inlined postings, another codec)."""
    codec = getattr(terms, "_codec", None)
    if isinstance(codec, ClippingsCodec):  # read in one go
        return record_if_any(terms._postfile, terminfo)
    if codec is not None and is_record(terms._postfile, terminfo):
        return read_record(terms._postfile, terminfo)
    return None


def postings_at(reader, fieldname: str, btext: bytes, wanted: np.ndarray) -> Postings:
    """``btext``'s postings among the documents ``wanted`` (ascending, live: a phrase's
    candidates): those of them holding the term. Of a W3 posting list only the blocks that may
    hold those documents are decoded (each block's header names its last document)."""
    terms = reader._terms
    terminfo = term_info(reader, fieldname, btext)
    if terminfo is None:
        return Postings(EMPTY_IDS, EMPTY_WEIGHTS)
    codec = getattr(terms, "_codec", None)
    record = _record(terms, terminfo)
    if record is not None:  # the Clippings codec
        format_ = reader.schema[fieldname].format

        def factory():
            return codec.postings_reader(terms._postfile, terminfo, format_,
                                         term=(fieldname, btext))

        return _record_at(record, wanted, factory)
    if not isinstance(codec, whoosh3.W3Codec) or terminfo.is_inlined():
        whole = term_postings(reader, fieldname, btext, None)
        ids, weights, factory = whole.ids, whole.weights, whole._matcher_factory
    else:
        format_ = reader.schema[fieldname].format

        def factory():
            return codec.postings_reader(terms._postfile, terminfo, format_,
                                         term=(fieldname, btext))

        values = [] if format_.fixed_value_size() is None else None  # positions, if kept
        ids, weights = _read_blocks(terms._postfile, terminfo.extent()[0], wanted, values)
    if not len(ids):
        return Postings(EMPTY_IDS, EMPTY_WEIGHTS)
    index = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    held = ids[index] == wanted
    if values:
        return Postings(wanted[held], weights[index[held]], factory,
                        [values[k] for k in index[held].tolist()], format_.decode_positions)
    return Postings(wanted[held], weights[index[held]], factory)


def _record_at(record, wanted: np.ndarray, factory) -> Postings:
    """``postings_at`` for a Clippings record: the wanted documents it holds, their weights and
    (a text field's) positions, sliced from the record's arrays."""
    ids = record.ids
    if not len(ids) or not len(wanted):
        return Postings(EMPTY_IDS, EMPTY_WEIGHTS)
    index = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    held = ids[index] == wanted
    found = index[held]
    weights = record.weight_array()[found].astype(np.float64)
    if record.kind != POSITIONS:
        return Postings(wanted[held], weights, factory)
    starts, data = record.starts, record.data
    values = [data[starts[k]:starts[k + 1]] for k in found.tolist()]
    return Postings(wanted[held], weights, factory, values, np.ndarray.tolist)


def _walk(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight()
        matcher.next()


def _read_blocks(postfile, offset: int, wanted: np.ndarray | None = None, values=None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Every block of a W3 posting list starting at ``offset`` (its header tag): each block's
    pickled (delta-coded ids, weights, values) tuple read and decoded as ``W3LeafMatcher``
    does, without its per-posting loop. A block is read in one piece: unpickling its info
    straight from the compound file cost a file read per pickle opcode. With ``wanted``
    (ascending document numbers), only the blocks that may hold one of them are decoded. With
    ``values`` (a list), each decoded posting's encoded value is appended to it."""
    if postfile.get(offset, 4) != whoosh3.WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"no posting list at {offset}")
    position = offset + 4
    id_parts, weight_parts = [], []
    pending = wanted.tolist() if wanted is not None else None
    next_wanted = 0  # index into ``pending`` of the first wanted document not yet reached
    while True:
        length = postfile.get_int(position)
        last = length < 0
        length = -length if last else length
        block = io.BytesIO(postfile.get(position + _INT_SIZE, length))
        info = pickle.load(block)  # noqa: S301 - the index's own blocks, as Whoosh reads them
        count, compression = info[0], info[3]
        if pending is not None:
            reached = bisect_right(pending, info[1], next_wanted)  # info[1]: the block's last id
            if reached == next_wanted:  # none wanted in this block: skip its data
                if last or reached == len(pending):
                    break
                position += _INT_SIZE + length
                continue
            next_wanted = reached
        data = block.read()
        if compression:
            data = zlib.decompress(data)
        ids, weights, block_values = pickle.loads(data)  # noqa: S301
        if values is not None:
            values.extend(block_values)
        ids = np.fromiter(ids, dtype=np.int64, count=count)
        id_parts.append(np.cumsum(ids))  # W3 postings are delta-coded (no byte ids)
        if weights is None:
            weight_parts.append(np.ones(count))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights))
        else:
            weight_parts.append(np.fromiter(weights, dtype=np.float64, count=count))
        if last or (pending is not None and next_wanted == len(pending)):
            break
        position += _INT_SIZE + length
    if not id_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    if len(id_parts) == 1:
        return id_parts[0], weight_parts[0]
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def deleted_mask(reader) -> np.ndarray | None:
    """A boolean array, True for each deleted document of the segment; None when none is."""
    if not reader.has_deletions():
        return None
    mask = np.zeros(reader.doc_count_all(), dtype=bool)
    deleted = np.fromiter(chain(reader._perdoc.deleted_docs()), dtype=np.int64)
    if len(deleted):
        mask[deleted[deleted < len(mask)]] = True
    return mask


def length_codes(reader, fieldname: str) -> np.ndarray | None:
    """The one-byte length code Whoosh keeps for the field in each document of the segment
    (0: the document lacks the field); None when the field keeps no lengths."""
    perdoc = reader._perdoc
    lenfield = whoosh3._lenfield(fieldname)
    if not perdoc.has_column(lenfield):
        return None
    column = perdoc.column_reader(lenfield, whoosh3.LENGTHS_COLUMN)
    count = reader.doc_count_all()
    size = column._count * column._fixedlen
    raw = np.frombuffer(column._dbfile.get(column._basepos, size), dtype=np.uint8) if size \
        else np.zeros(0, dtype=np.uint8)
    codes = np.full(count, column._default, dtype=np.uint8)
    codes[: min(len(raw), count)] = raw[:count]
    return codes


def field_lengths(codes: np.ndarray | None) -> np.ndarray | None:
    """Lengths as Whoosh's scorer reads them (``doc_field_length``) from ``length_codes``."""
    if codes is None:
        return None
    lengths = LENGTH_TABLE[codes]
    lengths[codes == 0] = 1.0  # the scorer's default for a document without the field
    return lengths

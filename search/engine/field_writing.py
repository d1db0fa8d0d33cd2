"""Writing one field's terms into a segment being written (``segments.SegmentBuilder``,
``merging.merge_segments``), in the Clippings codec (``codec.py``): a text field's postings from
sorted (term, document, position) arrays, other fields' from per-term lists, and the spelling
word list (W3 blocks, as Whoosh writes it). Each field's records and term infos are written in
one write each.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from itertools import chain
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import _INT_SIZE, pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import _length_byte_cache, length_to_byte

from .codec import (
    BYTES,
    MAGIC,
    NO_VALUES,
    POSITIONS,
    RECORD_HEADER,
    add_joined_terms,
    add_terms,
    value_kind,
)
from .term_index_writing import add_ordered, scatter

_ONE = pack_uint(1)  # a spelling posting's frequency
COMPRESSION = 1  # zlib level of the (W3) spelling block
_TERMINFO = W3TermInfo._struct
_BIG_ENDIAN = sys.byteorder == "big"
_LENGTH_BOUNDS = np.array(_length_byte_cache, dtype=np.int64)


def length_bytes(lengths: np.ndarray) -> np.ndarray:
    """Whoosh's one-byte code of each field length (``length_to_byte``), vectorised."""
    codes = np.searchsorted(_LENGTH_BOUNDS, lengths, side="left")
    return np.minimum(codes, 255).astype(np.uint8)


def write_term_lists(writer, fmt, terms: dict[bytes, tuple[array, array, list]],
                     codes: np.ndarray | None) -> None:
    """The current field's terms from per-term lists (document numbers ``array("I")``,
    weights ``array("f")``, each posting's value encoded by the field's format), in plain
    Python: these fields (ids, facet values, numbers, dates) have many terms of few postings,
    where numpy's per-call cost would dominate."""
    kind = value_kind(fmt)
    lengths = codes.tobytes() if codes is not None else b""
    pack, records, stats = RECORD_HEADER.pack, [], []
    sorted_terms = sorted(terms)
    for term in sorted_terms:
        docs, weights, values = terms[term]
        n = len(docs)
        w0 = weights[0]
        uniform = weights.count(w0) == n
        extra, tail = 0, []
        if kind == POSITIONS:
            decoded = [fmt.decode_positions(v) for v in values]
            data = array("I", chain.from_iterable(decoded))
            extra, tail = len(data), [_le(array("I", map(len, decoded))), _le(data)]
        elif kind == BYTES:
            data = b"".join(values)
            extra, tail = len(data), [_le(array("I", map(len, values))), data]
        parts = [pack(MAGIC, n, extra, kind, 0 if uniform else 1, w0), _le(docs)]
        if not uniform:
            parts.append(_le(weights))
        records.append(b"".join(parts + tail))
        minlen = maxlen = 0
        if lengths:
            found = [lengths[d] for d in docs]
            maxlen = max(found)
            nonzero = [c for c in found if c]
            minlen = min(nonzero) if nonzero else 0
        stats.append((float(sum(weights)), n, minlen, maxlen, max(weights), docs[0], docs[-1]))
    add_terms(writer, sorted_terms, records, stats)


def _le(values: array) -> bytes:
    """An array's items as little-endian bytes (what the codec stores)."""
    if _BIG_ENDIAN:  # pragma: no cover
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


# A record's header (``codec.RECORD_HEADER``, "<4sIIBBxxf") as a numpy record.
_HEADER = np.dtype([("magic", "S4"), ("n", "<u4"), ("extra", "<u4"), ("kind", "u1"),
                    ("mode", "u1"), ("pad", "V2"), ("weight", "<f4")])
assert _HEADER.itemsize == RECORD_HEADER.size  # noqa: S101 - a layout check at import


def write_sorted_words(writer, name: str, fieldobj, term_bytes: list[bytes], terms: np.ndarray,
                       docs: np.ndarray, positions: np.ndarray, codes) -> None:
    """A positions field's postings from (term rank, document, position) triples sorted in that
    order; ``term_bytes[rank]`` is the term; ``codes`` the field's length code per document
    (None: not scorable). All terms at once: their records laid out in one buffer, their
    statistics as arrays."""
    count = len(terms)
    if not count:
        return
    new = np.ones(count, dtype=bool)
    new[1:] = (terms[1:] != terms[:-1]) | (docs[1:] != docs[:-1])
    starts = np.flatnonzero(new)  # each posting's first triple
    freqs = np.diff(np.append(starts, count))
    post_terms, post_docs = terms[starts], docs[starts]
    first = np.flatnonzero(np.r_[True, post_terms[1:] != post_terms[:-1]])  # each term's
    ends = np.append(first[1:], len(starts))
    sizes = ends - first  # postings a term
    pos_bounds = np.append(starts, count)
    extras = pos_bounds[ends] - pos_bounds[first]  # positions a term
    weights = (freqs * fieldobj.format.field_boost).astype(np.float32)
    maxweights = np.maximum.reduceat(weights, first)
    varied = np.minimum.reduceat(weights, first) != maxweights  # weights kept a posting
    records, record_sizes = posting_records(POSITIONS, sizes, varied, weights, post_docs,
                                            extras=extras, counts=freqs, data=positions)
    stats = np.zeros((len(first), 7), dtype=np.float64)  # lengths 0 when not scorable
    stats[:, 0] = np.add.reduceat(weights.astype(np.float64), first)
    stats[:, 1], stats[:, 4] = sizes, maxweights
    stats[:, 5], stats[:, 6] = post_docs[first], post_docs[ends - 1]
    if codes is not None:
        lens = codes[post_docs]
        stats[:, 2] = np.minimum.reduceat(lens, first)
        stats[:, 3] = np.maximum.reduceat(lens, first)
    writer.start_field(name, fieldobj)
    add_joined_terms(writer, [term_bytes[r] for r in post_terms[first].tolist()], records.data,
                     record_sizes, stats)
    writer.finish_field()


def posting_records(kind: int, sizes: np.ndarray, varied: np.ndarray, weights: np.ndarray,
                    docs: np.ndarray, *, extras=None, counts=None, data=None) -> tuple:
    """Terms' posting records (``codec``'s layout) one after the other in one buffer, and each
    record's size: its header, its documents, its weights if they vary (``varied``), then for
    ``POSITIONS`` each posting's count of positions and the positions. ``sizes``: postings a
    term; ``weights``, ``docs`` and ``counts``: one a posting, the terms' in order; ``extras``:
    positions a term; ``data``: the positions. ``NO_VALUES`` and ``POSITIONS`` only."""
    four = 4 * sizes
    extras = np.zeros(len(sizes), dtype=np.int64) if extras is None else extras
    record_sizes = RECORD_HEADER.size + four + np.where(varied, four, 0)
    if kind == POSITIONS:
        record_sizes = record_sizes + four + 4 * extras
    header = np.zeros(len(sizes), dtype=_HEADER)
    header["magic"], header["n"], header["extra"] = MAGIC, sizes, extras
    header["kind"], header["mode"] = kind, varied
    header["weight"] = weights[np.cumsum(sizes) - sizes]  # each term's first posting's
    records = laid_out(header, record_sizes)
    at = np.cumsum(record_sizes) - record_sizes + RECORD_HEADER.size
    scatter(records, at, four, docs.astype("<u4").view(np.uint8))
    at = at + four
    if varied.any():
        kept = weights.astype("<f4")[np.repeat(varied, sizes)]
        scatter(records, at[varied], four[varied], kept.view(np.uint8))
        at = at + np.where(varied, four, 0)
    if kind == POSITIONS:
        scatter(records, at, four, counts.astype("<u4").view(np.uint8))
        scatter(records, at + four, 4 * extras, data.astype("<u4").view(np.uint8))
    return records, record_sizes


def laid_out(header: np.ndarray, record_sizes: np.ndarray) -> np.ndarray:
    """A buffer for records of ``record_sizes`` bytes one after the other, each starting with
    its ``header`` (``_HEADER``)."""
    starts = np.cumsum(record_sizes) - record_sizes
    records = np.empty(int(record_sizes.sum()), dtype=np.uint8)
    records[(starts[:, None] + np.arange(RECORD_HEADER.size)).reshape(-1)] = \
        header.view(np.uint8)
    return records


def write_sorted_lists(writer, name: str, fieldobj, term_of, terms: np.ndarray,
                       docs: np.ndarray, weights: np.ndarray) -> None:
    """A field without values or lengths (the pairs field) from (term key, document, weight)
    postings sorted in that order, the keys' order the terms' bytes order; ``term_of(key)``
    the term. As ``write_term_lists`` writes the same postings, all terms at once: their
    records laid out in one buffer, their statistics as arrays."""
    count = len(terms)
    if not count:
        return
    first = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]])
    ends = np.append(first[1:], count)
    sizes = ends - first  # postings a term
    weights = weights.astype(np.float32)
    totals = np.add.reduceat(weights.astype(np.float64), first)
    maxweights = np.maximum.reduceat(weights, first)
    varied = np.minimum.reduceat(weights, first) != maxweights  # weights kept a posting
    records, record_sizes = posting_records(NO_VALUES, sizes, varied, weights, docs)
    stats = np.zeros((len(first), 7), dtype=np.float64)  # min and max lengths stay 0
    stats[:, 0], stats[:, 1], stats[:, 4] = totals, sizes, maxweights
    stats[:, 5], stats[:, 6] = docs[first], docs[ends - 1]
    writer.start_field(name, fieldobj)
    add_joined_terms(writer, [term_of(key) for key in terms[first].tolist()], records.data,
                     record_sizes, stats)
    writer.finish_field()


def write_spelling(writer, name: str, fieldobj, words) -> None:
    """A spelling field: each (sorted, encoded) word once, one posting (document 0), as
    Whoosh's writer leaves it. Every word's block is the same bytes: written once, and every
    word's term info points at it."""
    writer.start_field(name, fieldobj)
    write_spelling_words(writer, words)
    writer.finish_field()


def write_spelling_words(writer, words: list[bytes]) -> None:
    """The current (spelling) field's words, sorted and encoded: one shared block, and a term
    info pointing at it for each word."""
    if not words:
        return
    postfile = writer._postfile
    start = postfile.tell()
    postfile.write(_SPELLING_BLOCK)
    prefix = pack_ushort(writer._fieldid)
    info = _SPELLING_INFO + pack_long(start) + pack_int(len(_SPELLING_BLOCK))
    add_ordered(writer._tindex, [prefix + word for word in words], [info] * len(words))


def _encode_block(ids, weights, values, fixed, minlength, maxlength, last: bool) -> bytes:
    """One posting block exactly as ``W3PostingsWriter._write_block`` writes it."""
    first = ids[0]
    deltas = [first]
    deltas += [b - a for a, b in zip(ids, ids[1:], strict=False)]
    w0 = weights[0]
    if w0 == 1.0 and weights.count(1.0) == len(weights):
        mini_weights = None
    elif weights.count(w0) == len(weights):
        mini_weights = w0
    else:
        mini_weights = tuple(weights)
    if fixed is None or fixed < 0:
        mini_values = tuple(values)
    elif fixed == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    data = zlib.compress(dumps((tuple(deltas), mini_weights, mini_values), 2), COMPRESSION)
    info = dumps((len(ids), ids[-1], max(weights), COMPRESSION, length_to_byte(minlength),
                  length_to_byte(maxlength)), 2)
    size = len(info) + len(data)
    return pack_int(-size if last else size) + info + data


def _spelling_constants() -> tuple[bytes, bytes]:
    block = WHOOSH3_HEADER_MAGIC + _encode_block(array("I", (0,)), array("f", (1.0,)), [_ONE],
                                                 _INT_SIZE, None, 0, True)
    info = _TERMINFO.pack(False, 1.0, 1, 0, length_to_byte(0), 1.0, 0, 0)
    return block, info


_SPELLING_BLOCK, _SPELLING_INFO = _spelling_constants()

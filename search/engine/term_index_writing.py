"""Writing many keys at once into a segment's term index (Whoosh's ``OrderedHashWriter``), with
numpy instead of a Python loop a key.

A segment's term index holds one key a term: the pairs field alone has 65,536 in every segment
(``pairs.py``), and a merged segment's spelling words tens of thousands more. Whoosh's ``add``
packs and writes each key on its own; ``add_ordered`` (``codec.add_terms`` and the spelling
writers call it) lays out the same bytes for all the keys of a field in one buffer, and
``terminfo_values`` packs the same term infos (``W3TermInfo``) for all of them at once. The
file is byte for byte what Whoosh's writer makes of the same keys and values
(``tests/search/engine/test_term_index_writing.py``).
"""

from __future__ import annotations

from array import array
from zlib import crc32

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter, crc_hash

_TERMINFO = W3TermInfo._struct  # "!BfIBBfII", then the postings' offset ("!q") and length ("!i")
# The same layout as a numpy record (big-endian, unpadded).
TERMINFO_RECORD = np.dtype([
    ("inlined", "u1"), ("weight", ">f4"), ("df", ">u4"), ("minlength", "u1"),
    ("maxlength", "u1"), ("maxweight", ">f4"), ("minid", ">u4"), ("maxid", ">u4"),
    ("offset", ">i8"), ("length", ">i4"),
])
assert TERMINFO_RECORD.itemsize == _TERMINFO.size + 12  # noqa: S101 - a layout check at import
_LENGTHS = np.dtype([("key", ">i4"), ("value", ">i4")])  # filetables._lengths, "!ii"


def terminfo_values(stats: list[tuple], offsets: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each term's info as ``codec.add_terms`` stores it (``_TERMINFO.pack(False, *stats[k])``
    then the offset and length of its postings), one row of bytes a term. ``stats``: (total
    weight, document frequency, min length byte, max length byte, max weight, first document,
    last document)."""
    columns = np.asarray(stats, dtype=np.float64).reshape(len(stats), 7)
    info = np.zeros(len(stats), dtype=TERMINFO_RECORD)
    info["weight"] = columns[:, 0]  # float64 -> float32 rounds as struct's "f" does
    info["df"] = columns[:, 1]
    info["minlength"] = columns[:, 2]
    info["maxlength"] = columns[:, 3]
    info["maxweight"] = columns[:, 4]
    info["minid"] = columns[:, 5]
    info["maxid"] = columns[:, 6]
    info["offset"] = offsets
    info["length"] = lengths
    return info.view(np.uint8).reshape(len(stats), TERMINFO_RECORD.itemsize)


def _hashes(tindex, keys: list[bytes]) -> list[int]:
    if tindex.hashfn is crc_hash:  # crc32 & 0xffffffff: zlib's is unsigned already
        return list(map(crc32, keys))
    return list(map(tindex.hashfn, keys))


def _layout(keys: list[bytes], values) -> tuple[np.ndarray, np.ndarray]:
    """The items as ``HashWriter.add`` writes them one after the other (key and value lengths,
    key, value), as one buffer; and where each item starts in it."""
    n = len(keys)
    klen = np.fromiter(map(len, keys), dtype=np.int64, count=n)
    if isinstance(values, np.ndarray):  # one row of bytes an item
        vlen = np.full(n, values.shape[1], dtype=np.int64)
        value_bytes = values.reshape(-1)
    else:
        vlen = np.fromiter(map(len, values), dtype=np.int64, count=n)
        value_bytes = np.frombuffer(b"".join(values), dtype=np.uint8)
    sizes = 8 + klen + vlen
    starts = np.cumsum(sizes) - sizes
    buffer = np.empty(int(sizes.sum()), dtype=np.uint8)
    lengths = np.empty(n, dtype=_LENGTHS)
    lengths["key"], lengths["value"] = klen, vlen
    buffer[(starts[:, None] + np.arange(8)).reshape(-1)] = lengths.view(np.uint8)
    scatter(buffer, starts + 8, klen, np.frombuffer(b"".join(keys), dtype=np.uint8))
    scatter(buffer, starts + 8 + klen, vlen, value_bytes)
    return buffer, starts


def scatter(buffer: np.ndarray, starts: np.ndarray, sizes: np.ndarray, data: np.ndarray) -> None:
    """Copy ``data`` (pieces of ``sizes`` bytes one after the other) to ``buffer`` at ``starts``."""
    if not len(data):
        return
    moved = starts - (np.cumsum(sizes) - sizes)  # each piece's shift
    buffer[np.repeat(moved, sizes) + np.arange(len(data))] = data


def add_ordered(tindex, keys: list[bytes], values) -> None:
    """What ``OrderedHashWriter.add`` does for each pair (keys ascending), with one file
    write: the pairs as Whoosh lays them out, each key's hash in its bucket, its position in
    the ordered index. ``values``: a list of bytes, or an array with one row of bytes a key."""
    if not keys:
        return
    if not isinstance(tindex, OrderedHashWriter):  # pragma: no cover - another Whoosh
        for key, value in zip(keys, values, strict=True):
            tindex.add(key, bytes(value))
        return
    if keys[0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    dbfile = tindex.dbfile
    buffer, starts = _layout(keys, values)
    positions = starts + dbfile.tell()
    _extend_index(tindex.index, positions)
    hashes = np.array(_hashes(tindex, keys), dtype=np.int64)
    # Each bucket's entries in the order the keys came, as Whoosh appends them.
    order = np.argsort(hashes & 255, kind="stable")
    bucket_of = (hashes[order] & 255).tolist()
    ordered = list(zip(hashes[order].tolist(), positions[order].tolist(), strict=True))
    edges = np.flatnonzero(np.diff(hashes[order] & 255)) + 1
    buckets = tindex.buckets
    for lo, hi in zip([0, *edges.tolist()], [*edges.tolist(), len(keys)], strict=True):
        buckets[bucket_of[lo]].extend(ordered[lo:hi])
    dbfile.write(buffer.tobytes())
    tindex.lastkey = keys[-1]


def _extend_index(index, positions: np.ndarray) -> None:
    """``index.append(p)`` for each position (a ``GrowableArray``: its type widened as the
    first position too large for it would widen it, to the same type)."""
    values = positions.tolist()
    try:
        index.array.extend(array(index.array.typecode, values))
    except (OverflowError, AttributeError, TypeError):  # a wider type, or a list already
        for value in values:
            index.append(value)

"""Keys written into a term index at once (``term_index_writing.add_ordered``) make the same file
as Whoosh's ``OrderedHashWriter.add`` one key at a time: the items, the 256 hash tables, the
ordered index (its array type widened as Whoosh widens it) and its extras. Term infos packed
for many terms at once (``terminfo_values``) are the bytes ``W3TermInfo``'s struct packs."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.filetables import OrderedHashWriter, crc_hash
from whoosh.system import pack_int, pack_long

from search.engine.codec import _TermIndexWriter
from search.engine.term_index_writing import add_ordered, terminfo_values


def _keys(rng, n: int) -> list[bytes]:
    words = {bytes(rng.integers(97, 123, size=rng.integers(1, 12)).tolist()) for _ in range(n)}
    return sorted(b"\x00\x03" + word for word in words)


def _written(batches, *, crc: bool, at_once: bool, padding: int = 0,
             tables: bool = False) -> bytes:
    storage = RamStorage()
    dbfile = storage.create_file("t")
    writer = OrderedHashWriter(dbfile)
    if tables:  # the hash tables written by ours, not Whoosh's
        writer.__class__ = _TermIndexWriter
    if crc:
        writer.hashtype, writer.hashfn = 1, crc_hash
    if padding:  # positions past 65,535 from the first key: the ordered index must widen
        dbfile.write(b"\x00" * padding)
    for keys, values in batches:
        if at_once:
            add_ordered(writer, keys, values)
        else:
            for key, value in zip(keys, values, strict=True):
                writer.add(key, bytes(value))
    writer.close()
    return bytes(storage.files["t"])


@pytest.mark.parametrize("crc", [True, False])
@pytest.mark.parametrize("padding", [0, 70_000])
def test_same_file_as_whoosh(crc, padding):
    rng = np.random.default_rng(7)
    keys = _keys(rng, 3_000)
    cut = len(keys) // 3
    batches = [
        (keys[:cut], [bytes(rng.integers(0, 256, size=rng.integers(0, 40)).tolist())
                      for _ in keys[:cut]]),
        (keys[cut:], rng.integers(0, 256, size=(len(keys) - cut, 35), dtype=np.uint8)),
    ]
    expected = _written(batches, crc=crc, at_once=False, padding=padding)
    assert _written(batches, crc=crc, at_once=True, padding=padding) == expected


@pytest.mark.parametrize("crc", [True, False])
@pytest.mark.parametrize("count", [0, 1, 40, 20_000])
def test_hash_tables_are_whooshs(crc, count):
    """``codec._TermIndexWriter`` writes the 256 hash tables (linear probing, collisions and
    wrapping round a table included) as Whoosh's writer does."""
    rng = np.random.default_rng(count)
    keys = _keys(rng, count) if count else []
    batches = [(keys, [b"v%d" % n for n in range(len(keys))])]
    expected = _written(batches, crc=crc, at_once=False)
    assert _written(batches, crc=crc, at_once=False, tables=True) == expected
    assert _written(batches, crc=crc, at_once=True, tables=True) == expected


def test_keys_must_increase():
    writer = OrderedHashWriter(RamStorage().create_file("t"))
    add_ordered(writer, [b"b"], [b"1"])
    with pytest.raises(ValueError, match="Keys must increase"):
        add_ordered(writer, [b"a"], [b"2"])


def test_terminfo_values_as_struct_packs():
    rng = np.random.default_rng(3)
    stats = [(float(rng.random() * 1e4), int(rng.integers(1, 2**31)), int(rng.integers(0, 256)),
              int(rng.integers(0, 256)), float(rng.random() * 30), int(rng.integers(0, 2**32)),
              int(rng.integers(0, 2**32))) for _ in range(500)]
    stats.append((1 / 3, 1, 0, 0, 0.1, 0, 0))  # float64s that float32 rounds
    offsets = rng.integers(0, 2**40, size=len(stats))
    lengths = rng.integers(0, 2**31, size=len(stats))
    packed = terminfo_values(stats, offsets, lengths)
    pack = W3TermInfo._struct.pack
    for k, st in enumerate(stats):
        expected = pack(False, *st) + pack_long(int(offsets[k])) + pack_int(int(lengths[k]))
        assert packed[k].tobytes() == expected

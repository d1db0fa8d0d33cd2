"""A term's info looked up in a segment's term index with two positioned reads.

Whoosh's ``HashReader`` finds a key through ``StructFile.get`` on a ``SubFile`` of the compound
segment file: a seek and a read for the slot, the lengths, the key and the value each, four
Python layers deep (~9.5 us a term at 100,000 articles; a fuzzy or wildcard search looks up
hundreds of terms in each of ten segments). ``HashIndex`` reads the same hash table, laid out
as ``filetables.HashWriter`` writes it, with ``os.pread`` on the segment file: one read for the
slot and one for the lengths, the key and (most often) the value together. It finds exactly
the value ``HashReader.__getitem__`` finds (the first slot holding the key, probing onwards
from the key's slot), and positioned reads share no file offset between threads.

Only a term index of that exact shape is read this way (Whoosh 3's terms reader over a compound
segment file opened without memory mapping); anything else goes through Whoosh.
"""

from __future__ import annotations

import os
from zlib import crc32

from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader
from whoosh.filedb import filetables

from .compound import positioned

_POINTER = filetables._pointer  # (key hash, position of the item), per slot
_LENGTHS = filetables._lengths  # (key length, value length), before each key
_SLOT = _POINTER.size
_HEAD = _LENGTHS.size
VALUE_GUESS = 64  # bytes of the value read with the key (a term info is ~20-40)


class HashIndex:
    """One segment's term hash table, read with ``os.pread``."""

    __slots__ = ("file", "base", "tables", "hashfn")

    def __init__(self, file, base: int, tables: list, hashfn=filetables.crc_hash):
        self.file = file  # the segment file (its descriptor asked for each look-up: once
        # closed, a look-up raises ValueError as Whoosh's read would, never reads another file)
        self.hashfn = hashfn  # the table's own (CRC-32 or MD5, as its header says)
        self.base = base  # where the term index's positions start in the file
        self.tables = tables  # (first slot's position, slots) for each low byte of a hash

    def get(self, key: bytes) -> bytes | None:
        """The value stored for ``key``, or None."""
        hashfn = self.hashfn
        keyhash = crc32(key) & 0xFFFFFFFF if hashfn is filetables.crc_hash else hashfn(key)
        tablestart, numslots = self.tables[keyhash & 255]
        if not numslots:
            return None
        fd, base, size = self.file.fileno(), self.base, len(key)
        end = tablestart + numslots * _SLOT
        slotpos = tablestart + ((keyhash >> 8) % numslots) * _SLOT
        for _ in range(numslots):
            slothash, itempos = _POINTER.unpack(os.pread(fd, _SLOT, base + slotpos))
            if not itempos:
                return None
            if slothash == keyhash:
                item = os.pread(fd, _HEAD + size + VALUE_GUESS, base + itempos)
                keylen, datalen = _LENGTHS.unpack_from(item)
                start = _HEAD + keylen
                if keylen == size and item[_HEAD:start] == key:
                    value = item[start : start + datalen]
                    if len(value) < datalen:
                        value = os.pread(fd, datalen, base + itempos + start)
                    return value
            slotpos += _SLOT
            if slotpos == end:
                slotpos = tablestart
        return None


def hash_index(terms) -> HashIndex | None:
    """The segment's ``HashIndex``, made once per terms reader; None when its term index is not
    of the shape read here."""
    found = getattr(terms, "_clippings_hash_index", False)
    if found is False:
        found = terms._clippings_hash_index = _open(terms)
    return found


def _open(terms) -> HashIndex | None:
    if type(terms) is not W3TermsReader:
        return None
    table = terms._tindex
    if type(table) is not filetables.OrderedHashReader:
        return None
    found = positioned(table.dbfile)
    if found is None:
        return None
    parent, offset = found
    return HashIndex(parent, offset, list(table.tables), table.hashfn)


def term_info(terms, fieldname: str, btext: bytes):
    """``btext``'s ``W3TermInfo`` in the terms reader (whose ``hash_index`` is not None), or
    None when the segment lacks it."""
    fnum = terms._fieldmap.get(fieldname)
    if fnum is None:
        return None
    value = terms._clippings_hash_index.get(fnum.to_bytes(2, "big") + btext)
    return None if value is None else W3TermInfo.from_bytes(value)

"""Writing a batch of documents as one segment, its postings built as arrays, sorted once.

Whoosh's ``SegmentWriter.add_document`` hands every posting, one tuple at a time, to a pool
that pickles sorted runs to temporary files and merges them back at commit; text is analysed
through a chain of generators and each posting's positions are pickled on their own.

``SegmentBuilder`` writes the segment in the Clippings codec (``codec.py``: Whoosh 3's files,
each term's postings one record of raw arrays):

- a text field analysed by ``FastStemmingAnalyzer`` is read as word ids (``WordTable``: one
  regex ``findall`` a text, words mapped to ids through a dict, stemmed once per new word);
  at ``finish`` the field's (term, document, position) triples are built with numpy, sorted
  by term once (a stable sort: documents and positions stay in order), cut into postings and
  terms, and each term's statistics computed for all terms at once (``reduceat``);
- any other indexed field (ids, keywords, numbers, dates, or a text field analysed another
  way) goes through the field's own ``index()``: per term, growing lists, written as records;
- stored fields, field lengths and columns go through Whoosh's per-document writer as before.

A segment is written without the index lock (its files have a fresh random name); the caller
holds the lock from before ``SegmentBuilder`` is created until the segment is in a committed
TOC, so that no other writer's clean-up deletes its files (see ``commit``).
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

from .analysis import FastStemmingAnalyzer, WordTable
from .codec import _HEADER as _RECORD_HEADER
from .codec import (
    BYTES,
    MAGIC,
    POSITIONS,
    add_ordered,
    add_terms,
    clippings_codec,
    value_kind,
)

_ONE = pack_uint(1)  # a spelling posting's frequency
INDEXED_CACHE_LIMIT = 100_000  # (field, value) pairs whose terms are kept (see _add_terms)
COMPRESSION = 1  # zlib level of the (W3) spelling block
_TERMINFO = W3TermInfo._struct
_BIG_ENDIAN = sys.byteorder == "big"
_LENGTH_BOUNDS = np.array(_length_byte_cache, dtype=np.int64)


def length_bytes(lengths: np.ndarray) -> np.ndarray:
    """Whoosh's one-byte code of each field length (``length_to_byte``), vectorised."""
    codes = np.searchsorted(_LENGTH_BOUNDS, lengths, side="left")
    return np.minimum(codes, 255).astype(np.uint8)


class _Postings:
    """One field's postings in a segment being built (the generic path): per term, lists."""

    __slots__ = ("terms", "lengths")

    def __init__(self) -> None:
        # term -> (document numbers, weights, encoded values)
        self.terms: dict[bytes, tuple[array, array, list]] = {}
        self.lengths: dict[int, int] = {}  # document -> field length (scorable fields)

    def add(self, term: bytes, docnum: int, weight: float, value: bytes) -> None:
        found = self.terms.get(term)
        if found is None:
            self.terms[term] = (array("I", (docnum,)), array("f", (weight,)), [value])
        else:
            found[0].append(docnum)
            found[1].append(weight)
            found[2].append(value)


class _Words:
    """One text field's words in a segment being built (the array path)."""

    __slots__ = ("table", "docs", "lengths", "ids")

    def __init__(self, table: WordTable) -> None:
        self.table = table
        self.docs = array("I")  # documents having words in the field
        self.lengths = array("I")  # their kept words
        self.ids: list[np.ndarray] = []  # their word ids, in order


class SegmentBuilder:
    """Add documents (the dicts ``ClippingsWhooshBackend._prepare`` makes), then ``finish()``
    to get a complete segment object ready to be listed in a TOC."""

    def __init__(self, storage, indexname: str, schema) -> None:
        self.storage, self.schema = storage, schema
        self.codec = clippings_codec()
        self.segment = self.codec.new_segment(storage, indexname)
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        self.postings: dict[str, _Postings] = {}
        self.words: dict[str, _Words] = {}
        self.spelling: dict[str, set[str]] = {}  # spelling field -> words (generic path)
        self.spelled_from: dict[str, list[str]] = {}  # spelling field -> array-path fields
        self._tables: dict[FastStemmingAnalyzer, WordTable] = {}
        self._fields = {name: schema[name] for name in schema.names()}
        self._indexed: dict[tuple, tuple] = {}  # (field, value) -> what field.index() gave

    def __len__(self) -> int:
        return self.docnum

    # --- documents ---------------------------------------------------------------------------

    def add_document(self, fields: dict) -> None:
        perdoc, docnum = self.perdoc, self.docnum
        perdoc.start_doc(docnum)
        for name in sorted(n for n in fields if not n.startswith("_")):
            value = fields[name]
            if value is None:
                continue
            field = self._fields.get(name)
            if field is None:
                from whoosh.writing import UnknownFieldError

                raise UnknownFieldError(f"No field named {name!r} in {self.schema}")
            length = 0
            if field.indexed:
                if (isinstance(field.analyzer, FastStemmingAnalyzer) and isinstance(value, str)
                        and value_kind(field.format) == POSITIONS):
                    length = self._add_words(name, field, value, docnum)
                else:
                    length = self._add_terms(name, field, value, docnum)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum += 1

    def _add_words(self, name: str, field, value: str, docnum: int) -> int:
        words = self.words.get(name)
        if words is None:
            table = self._tables.get(field.analyzer)
            if table is None:
                table = self._tables[field.analyzer] = WordTable(field.analyzer)
            words = self.words[name] = _Words(table)
            if field.separate_spelling():
                self.spelled_from.setdefault(field.spelling_fieldname(name), []).append(name)
        ids = words.table.word_ids(value)
        length = len(ids)
        if length:
            words.docs.append(docnum)
            words.lengths.append(length)
            words.ids.append(ids)
        return length if field.scorable else 0

    def _add_terms(self, name: str, field, value, docnum: int) -> int:
        postings = self.postings.get(name)
        if postings is None:
            postings = self.postings[name] = _Postings()
        spelled = field.separate_spelling()
        key = (name, value) if not spelled and isinstance(value, (str, int, float)) else None
        indexed = self._indexed.get(key) if key is not None else None
        if indexed is None:  # facet values, dates, kinds recur: each analysed once a segment
            indexed = tuple(field.index(value))
            if key is not None:
                if len(self._indexed) >= INDEXED_CACHE_LIMIT:
                    self._indexed.clear()
                self._indexed[key] = indexed
        length = 0
        for tbytes, freq, weight, vbytes in indexed:
            postings.add(tbytes, docnum, weight, vbytes)
            length += freq
        if spelled:
            self.spelling.setdefault(field.spelling_fieldname(name), set()).update(
                field.spellable_words(value))
        if not field.scorable:
            return 0
        if length:
            postings.lengths[docnum] = length
        return length

    # --- the segment -------------------------------------------------------------------------

    def finish(self):
        """Write the postings and close the segment's files; return the segment."""
        self.perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        names = set(self.postings) | set(self.words) | set(self.spelling) | set(self.spelled_from)
        for name in sorted(names):
            if name in self.spelling or name in self.spelled_from:
                self._write_spelling(writer, name)
            elif name in self.words:
                self._write_words(writer, name)
            else:
                self._write_terms(writer, name)
        writer.close()
        self.segment.set_doc_count(self.docnum)
        if self.segment.should_assemble():
            self.segment.create_compound_file(self.storage)
            self.segment.compound = True
        return self.segment

    def _length_codes(self, docs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        codes = np.zeros(self.docnum, dtype=np.uint8)
        codes[docs] = length_bytes(lengths)
        return codes

    def _write_words(self, writer, name: str) -> None:
        words = self.words[name]
        if not words.ids:
            return
        fieldobj = self.schema[name]
        table = words.table
        docs = np.frombuffer(words.docs, dtype=np.uint32)
        lengths = np.frombuffer(words.lengths, dtype=np.uint32).astype(np.int64)
        ids = np.concatenate(words.ids)
        # term ids -> rank of the term's bytes (the order terms are written in)
        term_bytes = [t.encode("utf-8") for t in table.terms]
        by_bytes = sorted(range(len(term_bytes)), key=term_bytes.__getitem__)
        rank = np.empty(len(term_bytes), dtype=np.int32)
        rank[by_bytes] = np.arange(len(term_bytes), dtype=np.int32)
        terms = rank[table.term_of_word()[ids]]
        docs_each = np.repeat(docs, lengths)
        firsts = np.cumsum(lengths) - lengths
        positions = np.arange(len(ids), dtype=np.int64) - np.repeat(firsts, lengths)
        order = np.argsort(terms, kind="stable")  # (term, document, position) order
        terms, docs_each, positions = terms[order], docs_each[order], positions[order]
        codes = self._length_codes(docs, lengths) if fieldobj.scorable else None
        write_sorted_words(writer, name, fieldobj, [term_bytes[i] for i in by_bytes],
                           terms, docs_each, positions, codes)

    def _write_terms(self, writer, name: str) -> None:
        postings = self.postings[name]
        if not postings.terms:
            return
        fieldobj = self.schema[name]
        writer.start_field(name, fieldobj)
        codes = None
        if postings.lengths:
            docs = np.fromiter(postings.lengths.keys(), dtype=np.int64)
            codes = self._length_codes(docs, np.fromiter(postings.lengths.values(),
                                                         dtype=np.int64))
        write_term_lists(writer, fieldobj.format, postings.terms, codes)
        writer.finish_field()

    def _write_spelling(self, writer, name: str) -> None:
        found = set(self.spelling.get(name, ()))
        for source in self.spelled_from.get(name, ()):
            words = self.words[source]
            if words.ids:
                table = words.table
                found.update(table.words[i] for i in np.unique(np.concatenate(words.ids)))
        write_spelling(writer, name, self.schema[name],
                       sorted(w.encode("utf-8") for w in found))


def write_term_lists(writer, fmt, terms: dict[bytes, tuple[array, array, list]],
                     codes: np.ndarray | None) -> None:
    """The current field's terms from per-term lists (document numbers ``array("I")``,
    weights ``array("f")``, each posting's value encoded by the field's format), in plain
    Python: these fields (ids, facet values, numbers, dates) have many terms of few postings,
    where numpy's per-call cost would dominate."""
    kind = value_kind(fmt)
    lengths = codes.tobytes() if codes is not None else b""
    pack, records, stats = _RECORD_HEADER.pack, [], []
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


def write_sorted_words(writer, name: str, fieldobj, term_bytes: list[bytes], terms: np.ndarray,
                       docs: np.ndarray, positions: np.ndarray, codes) -> None:
    """A positions field's postings from (term rank, document, position) triples sorted in that
    order; ``term_bytes[rank]`` is the term; ``codes`` the field's length code per document
    (None: not scorable). Statistics are computed for every term at once."""
    count = len(terms)
    if not count:
        return
    new = np.ones(count, dtype=bool)
    new[1:] = (terms[1:] != terms[:-1]) | (docs[1:] != docs[:-1])
    starts = np.flatnonzero(new)  # each posting's first triple
    freqs = np.diff(np.append(starts, count))
    post_terms, post_docs = terms[starts], docs[starts]
    first = np.flatnonzero(np.r_[True, post_terms[1:] != post_terms[:-1]])  # each term's
    weights = (freqs * fieldobj.format.field_boost).astype(np.float32)
    totals = np.add.reduceat(weights.astype(np.float64), first).tolist()
    maxweights = np.maximum.reduceat(weights, first)
    uniform = (np.minimum.reduceat(weights, first) == maxweights).tolist()
    if codes is not None:
        lens = codes[post_docs]
        minlens = np.minimum.reduceat(lens, first).tolist()
        maxlens = np.maximum.reduceat(lens, first).tolist()
    else:
        minlens = maxlens = [0] * len(first)
    ends = np.append(first[1:], len(starts))
    pos_bounds = np.append(starts, count)
    ids_b = memoryview(post_docs.astype("<u4").tobytes())
    weights_b = memoryview(weights.astype("<f4").tobytes())
    freqs_b = memoryview(freqs.astype("<u4").tobytes())
    positions_b = memoryview(positions.astype("<u4").tobytes())
    firsts, lasts = first.tolist(), ends.tolist()
    pos_lo, pos_hi = pos_bounds[first].tolist(), pos_bounds[ends].tolist()
    ranks = post_terms[first].tolist()
    first_docs, last_docs = post_docs[first].tolist(), post_docs[ends - 1].tolist()
    maxweights, weights_l = maxweights.tolist(), weights.tolist()
    pack = _RECORD_HEADER.pack
    records = []
    for k, lo in enumerate(firsts):
        hi = lasts[k]
        n = hi - lo
        plo, phi = pos_lo[k], pos_hi[k]
        if uniform[k]:
            records.append(b"".join((pack(MAGIC, n, phi - plo, POSITIONS, 0, weights_l[lo]),
                                     ids_b[4 * lo:4 * hi], freqs_b[4 * lo:4 * hi],
                                     positions_b[4 * plo:4 * phi])))
        else:
            records.append(b"".join((pack(MAGIC, n, phi - plo, POSITIONS, 1, weights_l[lo]),
                                     ids_b[4 * lo:4 * hi], weights_b[4 * lo:4 * hi],
                                     freqs_b[4 * lo:4 * hi], positions_b[4 * plo:4 * phi])))
    writer.start_field(name, fieldobj)
    add_terms(writer, [term_bytes[r] for r in ranks], records,
              list(zip(totals, map(int.__sub__, lasts, firsts), minlens, maxlens, maxweights,
                       first_docs, last_docs, strict=True)))
    writer.finish_field()


def write_spelling(writer, name: str, fieldobj, words) -> None:
    """A spelling field: each (sorted, encoded) word once, one posting (document 0), as
    Whoosh's writer leaves it. Every word's block is the same bytes: written once, and every
    word's term info points at it."""
    writer.start_field(name, fieldobj)
    if words:
        postfile = writer._postfile
        start = postfile.tell()
        postfile.write(_SPELLING_BLOCK)
        prefix = pack_ushort(writer._fieldid)
        info = _SPELLING_INFO + pack_long(start) + pack_int(len(_SPELLING_BLOCK))
        add_ordered(writer._tindex, [prefix + word for word in words], [info] * len(words))
    writer.finish_field()


def write_spelling_term(writer, word: bytes) -> None:
    postfile = writer._postfile
    start = postfile.tell()
    postfile.write(_SPELLING_BLOCK)
    writer._tindex.add(pack_ushort(writer._fieldid) + word,
                       _SPELLING_INFO + pack_long(start) + pack_int(len(_SPELLING_BLOCK)))


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

"""Writing a batch of documents as one Whoosh segment, postings built as arrays, sorted once.

Whoosh's ``SegmentWriter.add_document`` hands every posting, one tuple at a time, to a pool
that pickles sorted runs to temporary files and merges them back at commit; text is analysed
through a chain of generators and each posting's positions are pickled on their own. That was
the whole cost of ``rebuild_index`` after the database (118 articles/s at 100,000).

``SegmentBuilder`` writes the same segment, byte for byte in Whoosh's own format (W3, so every
reader, Whoosh's matchers and ``postings.py`` alike, reads it unchanged):

- text fields are analysed in one loop (``analysis.positions_of``) into ``term -> positions``;
- each term of a field keeps three growing lists (document numbers, weights, encoded
  positions): documents arrive in order, so the lists are already sorted by document, and the
  terms of a field are sorted once when the segment is written;
- posting blocks are handed to Whoosh's block writer whole (``W3PostingsWriter._write_block``),
  128 postings at a time, never one posting at a time;
- stored fields, field lengths and columns go through Whoosh's per-document writer as before.

A segment is written without the index lock (its files have a fresh random name); the caller
holds the lock from before ``SegmentBuilder`` is created until the segment is in a committed
TOC, so that no other writer's clean-up deletes its files (see ``commit``).
"""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps

from whoosh.codec import default_codec
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import _INT_SIZE, pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from .analysis import FastStemmingAnalyzer
from .pairs import PhrasePairs, pair_counts

BLOCK = 128  # postings a block: Whoosh's (the format's) default
_ONE = pack_uint(1)  # a spelling posting's frequency
COMPRESSION = 1  # zlib level of posting blocks (W3Codec writes 3; readers take any: 1 is faster)
_TERMINFO = W3TermInfo._struct
_NO_VALUES: list = []  # the values of a field whose format keeps none (never appended to)


def _quantised(length: int) -> int:
    """A field length as Whoosh's readers give it back (one byte, then decoded)."""
    return byte_to_length(length_to_byte(length)) if length else 0


class _Postings:
    """One field's postings in a segment being built: per term, parallel lists."""

    __slots__ = ("terms",)

    def __init__(self) -> None:
        # term -> (document numbers, weights, encoded values)
        self.terms: dict[bytes, tuple[array, array, list]] = {}

    def add(self, term: bytes, docnum: int, weight: float, value: bytes) -> None:
        found = self.terms.get(term)
        if found is None:
            self.terms[term] = (array("I", (docnum,)), array("f", (weight,)), [value])
        else:
            found[0].append(docnum)
            found[1].append(weight)
            found[2].append(value)


class SegmentBuilder:
    """Add documents (the dicts ``ClippingsWhooshBackend._prepare`` makes), then ``finish()``
    to get a complete Whoosh segment object ready to be listed in a TOC."""

    def __init__(self, storage, indexname: str, schema) -> None:
        self.storage, self.schema = storage, schema
        self.codec = default_codec()
        self.segment = self.codec.new_segment(storage, indexname)
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        self.postings: dict[str, _Postings] = {}
        self.lengths: dict[str, dict[int, int]] = {}  # field -> docnum -> quantised length
        self.spelling: dict[str, set[str]] = {}
        self._single_position: dict[int, bytes] = {}
        self._analysed: tuple | None = None  # (value, term -> positions) of the last text field
        self._fields = {name: schema[name] for name in schema.names()}

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
                length = self._index_field(name, field, value, docnum)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum += 1

    def _index_field(self, name: str, field, value, docnum: int) -> int:
        postings = self.postings.get(name)
        if postings is None:
            postings = self.postings[name] = _Postings()
        analysed = self._analysed
        if analysed is not None and analysed[0] is value and isinstance(field, PhrasePairs):
            # the pairs of the content value just analysed (``pairs.py``), from its positions
            table = postings.terms
            for key, n in pair_counts(analysed[1]).items():
                found = table.get(key)
                if found is None:  # no values: the format keeps none
                    table[key] = (array("I", (docnum,)), array("f", (n,)), _NO_VALUES)
                else:
                    found[0].append(docnum)
                    found[1].append(n)
            return 0
        analyzer = field.analyzer
        fmt = field.format
        boost = fmt.field_boost
        fast = (isinstance(analyzer, FastStemmingAnalyzer) and isinstance(value, str)
                and type(fmt).__name__ == "Positions")
        length = 0
        if fast:
            terms, words = analyzer.positions_of(value)
            self._analysed = (value, terms)
            encode, single = fmt.encode, self._single_position
            table = postings.terms
            for term, positions in terms.items():
                n = len(positions)
                if n == 1:
                    pos = positions[0]
                    encoded = single.get(pos)
                    if encoded is None:
                        encoded = single[pos] = encode(positions)
                else:
                    encoded = encode(positions)
                key = term.encode("utf-8")
                found = table.get(key)
                if found is None:
                    table[key] = (array("I", (docnum,)), array("f", (n * boost,)), [encoded])
                else:
                    found[0].append(docnum)
                    found[1].append(n * boost)
                    found[2].append(encoded)
                length += n
            if field.separate_spelling():
                self.spelling.setdefault(field.spelling_fieldname(name), set()).update(words)
        else:
            for tbytes, freq, weight, vbytes in field.index(value):
                postings.add(tbytes, docnum, weight, vbytes)
                length += freq
            if field.separate_spelling():
                self.spelling.setdefault(field.spelling_fieldname(name), set()).update(
                    field.spellable_words(value))
        if not field.scorable:
            return 0
        if length:
            self.lengths.setdefault(name, {})[docnum] = _quantised(length)
        return length

    # --- the segment -------------------------------------------------------------------------

    def finish(self):
        """Write the postings and close the segment's files; return the segment."""
        self.perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        names = set(self.postings) | set(self.spelling)
        for name in sorted(names):
            if name in self.spelling:
                self._write_spelling(writer, name)
            else:
                self._write_field(writer, name)
        writer.close()
        self.segment.set_doc_count(self.docnum)
        if self.segment.should_assemble():
            self.segment.create_compound_file(self.storage)
            self.segment.compound = True
        return self.segment

    def _write_field(self, writer, name: str) -> None:
        postings = self.postings[name]
        if not postings.terms:
            return
        fieldobj = self.schema[name]
        writer.start_field(name, fieldobj)
        lengths = self.lengths.get(name, {})
        fixed = fieldobj.format.fixed_value_size()
        terms = postings.terms
        for term in sorted(terms):
            docs, weights, values = terms[term]
            write_term(writer, term, docs, weights, values if fixed != 0 else None, lengths)
        writer.finish_field()

    def _write_spelling(self, writer, name: str) -> None:
        write_spelling(writer, name, self.schema[name],
                       sorted(w.encode("utf-8") for w in self.spelling[name]))


def write_spelling(writer, name: str, fieldobj, words) -> None:
    """A spelling field: each (sorted, encoded) word once, one posting (document 0), as
    Whoosh's writer leaves it. Every word's block is the same bytes: encoded once."""
    writer.start_field(name, fieldobj)
    for word in words:
        write_spelling_term(writer, word)
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


def write_term(writer, term: bytes, docs: array, weights: array, values, lengths: dict) -> None:
    """One term's postings (document numbers ascending; weights as ``array("f")``; encoded
    values, or None for a format without values) written as Whoosh's block writer writes
    them, ``BLOCK`` postings a block, with the same term info: same bytes, less Python.
    ``lengths``: document number -> the field's quantised length (empty: not scorable)."""
    postfile = writer._postfile
    fixed = writer._format.fixed_value_size()
    start = postfile.tell()
    parts = [WHOOSH3_HEADER_MAGIC]
    count = len(docs)
    total, minlength, maxlength, maxweight = 0.0, None, 0, 0
    for lo in range(0, count, BLOCK):
        hi = min(lo + BLOCK, count)
        ids, ws = docs[lo:hi], weights[lo:hi]
        vs = values[lo:hi] if values is not None else ()
        if lengths:
            lens = [lengths.get(d, 0) for d in ids]
            nonzero = [v for v in lens if v]
            bmin = min(nonzero) if nonzero else None
            bmax = max(lens)
        else:
            bmin, bmax = None, 0
        parts.append(_encode_block(ids, ws, vs, fixed, bmin, bmax, hi == count))
        total += sum(ws)
        if bmin is not None:
            minlength = bmin if minlength is None else min(minlength, bmin)
        maxlength = max(maxlength, bmax)
        maxweight = max(maxweight, max(ws))
    blob = b"".join(parts)
    postfile.write(blob)
    info = _TERMINFO.pack(False, total, count, 0 if minlength is None else
                          length_to_byte(minlength), length_to_byte(maxlength), maxweight,
                          docs[0], docs[-1])
    writer._tindex.add(pack_ushort(writer._fieldid) + term,
                       info + pack_long(start) + pack_int(len(blob)))


def _spelling_constants() -> tuple[bytes, bytes]:
    block = WHOOSH3_HEADER_MAGIC + _encode_block(array("I", (0,)), array("f", (1.0,)), [_ONE],
                                                 _INT_SIZE, None, 0, True)
    info = _TERMINFO.pack(False, 1.0, 1, 0, length_to_byte(0), 1.0, 0, 0)
    return block, info


_SPELLING_BLOCK, _SPELLING_INFO = _spelling_constants()

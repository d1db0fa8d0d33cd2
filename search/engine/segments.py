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

The fields' terms are written by ``field_writing.py``.

A segment is written without the index lock (its files have a fresh random name); the caller
holds the lock from before ``SegmentBuilder`` is created until the segment is in a committed
TOC, so that no other writer's clean-up deletes its files (see ``commit``).
"""

from __future__ import annotations

from array import array

import numpy as np
from whoosh.analysis import IDTokenizer
from whoosh.fields import ID
from whoosh.formats import Existence

from .analysis import FastStemmingAnalyzer, WordTable, give_back_word_table, take_word_table
from .codec import NO_VALUES, POSITIONS, clippings_codec, value_kind
from .field_writing import (
    length_bytes,
    write_sorted_lists,
    write_sorted_words,
    write_spelling,
    write_term_lists,
)
from .pairs import PhrasePairs, pair_arrays, pair_postings, pairs_fieldname, term_of_number
from .words import SegmentWords

INDEXED_CACHE_LIMIT = 100_000  # (field, value) pairs whose terms are kept (see _add_terms)


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


def _plain_id(field) -> bool:
    """Whether ``field`` is a Whoosh ``ID`` field as Whoosh builds it (one token, the whole
    value; no lengths, no spelling): ``field.index(value)`` of a string is then
    ``((value UTF-8 encoded, 1, field boost, b""),)``, here without its chain of generators."""
    return (type(field) is ID and type(field.analyzer) is IDTokenizer
            and type(field.format) is Existence and not field.scorable
            and not field.separate_spelling())


def _merged(first: tuple, second: tuple) -> tuple[array, array, list]:
    """Two term lists without values (documents, weights) as one, in document order."""
    docs = np.concatenate([first[0], second[0]])
    order = np.argsort(docs, kind="stable")
    weights = np.concatenate([first[1], second[1]])[order]
    return (array("I", docs[order].astype(np.uint32).tobytes()),
            array("f", weights.astype(np.float32).tobytes()), [])


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
        # ``ID`` fields (ids, exact facet values): field -> the weight of their one term
        self._plain_ids = {name: field.format.field_boost for name, field in self._fields.items()
                           if _plain_id(field)}
        # content field -> its pairs field (``pairs.py``), written from the content's word ids
        self._pairs_of = {name: pairs_fieldname(name) for name in self._fields
                          if isinstance(self._fields.get(pairs_fieldname(name)), PhrasePairs)}
        self.paired: dict[str, array] = {}  # pairs field -> documents written that way
        # spelling field -> its words, once written (``words.write_missing`` saves them)
        self.spelling_words: dict[str, SegmentWords] = {}

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
                    pairs = self._pairs_of.get(name)
                    if pairs is not None and fields.get(pairs) is value:
                        self.paired.setdefault(pairs, array("I")).append(docnum)
                elif isinstance(field, PhrasePairs) and self._was_paired(name, docnum):
                    pass  # from the content field's word ids, at ``finish``
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
            if table is None:  # the process's table, kept between segments (``analysis``)
                table = self._tables[field.analyzer] = take_word_table(field.analyzer)
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

    def _was_paired(self, name: str, docnum: int) -> bool:
        docs = self.paired.get(name)
        return docs is not None and len(docs) > 0 and docs[-1] == docnum

    def _add_terms(self, name: str, field, value, docnum: int) -> int:
        postings = self.postings.get(name)
        if postings is None:
            postings = self.postings[name] = _Postings()
        boost = self._plain_ids.get(name)
        if boost is not None and isinstance(value, str):  # the value is the term
            postings.add(value.encode("utf-8"), docnum, boost, b"")
            return 0
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
        names |= set(self.paired)
        for name in sorted(names):
            if name in self.spelling or name in self.spelled_from:
                self._write_spelling(writer, name)
            elif name in self.paired:
                self._write_pairs(writer, name)
            elif name in self.words:
                self._write_words(writer, name)
            else:
                self._write_terms(writer, name)
        writer.close()
        for table in self._tables.values():
            give_back_word_table(table)
        self._tables = {}
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
        # The table outlives the segment (it holds other batches' words too): only the terms
        # of this segment's words, each term id -> the rank of its bytes (the write order).
        word_terms = table.term_of_word()[ids]
        all_bytes = table.term_bytes
        by_bytes = sorted(_present(word_terms, len(all_bytes)), key=all_bytes.__getitem__)
        rank = np.full(len(all_bytes), -1, dtype=np.int32)
        rank[by_bytes] = np.arange(len(by_bytes), dtype=np.int32)
        terms = rank[word_terms]
        docs_each = np.repeat(docs, lengths)
        firsts = np.cumsum(lengths) - lengths
        positions = np.arange(len(ids), dtype=np.int64) - np.repeat(firsts, lengths)
        order = np.argsort(terms, kind="stable")  # (term, document, position) order
        terms, docs_each, positions = terms[order], docs_each[order], positions[order]
        codes = self._length_codes(docs, lengths) if fieldobj.scorable else None
        write_sorted_words(writer, name, fieldobj, [all_bytes[i] for i in by_bytes],
                           terms, docs_each, positions, codes)

    def _write_pairs(self, writer, name: str) -> None:
        """The pairs field: the buckets of the content field's adjacent words in the documents
        written with their pairs (``pairs.pair_postings``), and any added term by term."""
        content = next(c for c, p in self._pairs_of.items() if p == name)
        marked = np.frombuffer(self.paired[name], dtype=np.uint32)
        words = self.words.get(content)
        docs = sizes = hashes = np.zeros(0, dtype=np.int64)
        if words is not None and words.ids:
            docs = np.frombuffer(words.docs, dtype=np.uint32)
            sizes = np.frombuffer(words.lengths, dtype=np.uint32).astype(np.int64)
            ids = np.concatenate(words.ids)
            keep = np.isin(docs, marked)
            if not keep.all():  # only the documents given their pairs
                ids = ids[np.repeat(keep, sizes)]
                docs, sizes = docs[keep], sizes[keep]
            table = words.table
            hashes = table.term_hashes()[table.term_of_word()[ids]]
        generic = self.postings.get(name)
        if (generic is None or not generic.terms) and value_kind(self.schema[name].format) \
                == NO_VALUES:  # as always when the builder wrote every pair: arrays throughout
            write_sorted_lists(writer, name, self.schema[name], term_of_number,
                               *pair_arrays(docs, sizes, hashes, marked))
            return
        terms = pair_postings(docs, sizes, hashes, marked)
        for term, lists in (generic.terms.items() if generic is not None else ()):
            terms[term] = _merged(terms[term], lists) if term in terms else lists
        if not terms:
            return
        fieldobj = self.schema[name]
        writer.start_field(name, fieldobj)
        write_term_lists(writer, fieldobj.format, terms, None)
        writer.finish_field()

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
                found.update(map(table.words.__getitem__,
                                 _present(np.concatenate(words.ids), len(table.words))))
        encoded = sorted(w.encode("utf-8") for w in found)
        self.spelling_words[name] = SegmentWords.from_words(found)
        write_spelling(writer, name, self.schema[name], encoded)


def _present(values: np.ndarray, bound: int) -> list[int]:
    """The distinct ``values`` (integers below ``bound``), ascending: ``np.unique`` with a
    mask instead of a sort."""
    seen = np.zeros(bound, dtype=bool)
    seen[values] = True
    return np.flatnonzero(seen).tolist()

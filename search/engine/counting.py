"""Exact hit counts and field-facet counts over all matches, without scoring them.

Whoosh's ``groupedby=`` switches the search to an unlimited collector that scores every match
in Python and reads each facet key through a column reader (profiled: most of a common query).
Here the top page is found by the normal, optimised top-N search, and the counts come from the
matching document numbers (per segment, unscored) mapped through each facet column and counted
by ``collections.Counter`` in C.

A facet column is kept per segment (segments never change their documents, so it stays valid
until the segment is merged away) in a compact form: a text column as one small integer code a
document in an ``array`` plus each distinct value once (a facet has few distinct values: the
outlets, the years), a number column as its raw values in an ``array``. The cache holds at most
``max_bytes``, least recently used columns dropped first. (It kept every value as its own Python
string before: about 60 bytes a document and field, for every segment ever searched.)
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, OrderedDict

import numpy as np
from whoosh.fields import ID, KEYWORD, NUMERIC

from .columns import raw_values, whole_column

# Sized for an archive of 1,000,000 articles, whose facet columns take ~60 MB (a tenth of that
# at 100,000): below it every search re-read the columns it counts (2 s a page at 1,000,000).
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024


class CodedColumn:
    """One segment's text column: ``values[codes[docnum]]`` is the document's value."""

    __slots__ = ("codes", "values", "nbytes", "_parts", "_global")

    def __init__(self, codes: array, values: list):
        self.codes = codes
        self.values = values
        self.nbytes = (
            codes.itemsize * len(codes) + sys.getsizeof(values)
            + sum(sys.getsizeof(value) for value in values)
        )
        self._parts = None
        self._global = None  # (value table version, ids of values or split names in it)

    def parts(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """For a comma-joined (``KEYWORD``) column, its values split once, as
        ``split_joined`` splits them: ``(owners, parts, names)``, entry ``i`` saying that the
        value coded ``owners[i]`` holds the name ``names[parts[i]]``. Counting the names of a
        search's documents is then two ``np.bincount`` calls rather than splitting every
        distinct combination of names again (most of a search's facet counting)."""
        if self._parts is None:
            index: dict[str, int] = {}
            owners, parts = [], []
            for code, value in enumerate(self.values):
                for part in value.split(",") if value else ():
                    if part.strip():
                        owners.append(code)
                        parts.append(index.setdefault(part.strip(), len(index)))
            self._parts = (np.array(owners, dtype=np.int64), np.array(parts, dtype=np.int64),
                           list(index))
            self.nbytes += self._parts[0].nbytes + self._parts[1].nbytes + sum(
                sys.getsizeof(name) for name in index)
        return self._parts

    def count(self, docs) -> Counter:
        """How many of ``docs`` have each value."""
        values = self.values
        counted = Counter(map(self.codes.__getitem__, docs))
        return Counter({values[code]: n for code, n in counted.items()})


class NumberColumn:
    """One segment's number column: ``translate(raw[docnum])`` is the document's value."""

    __slots__ = ("raw", "translate", "nbytes")

    def __init__(self, raw: array, translate):
        self.raw = raw
        self.translate = translate
        self.nbytes = raw.itemsize * len(raw)

    def count(self, docs) -> Counter:
        translate = self.translate
        counted = Counter(map(self.raw.__getitem__, docs))
        return Counter({translate(raw): n for raw, n in counted.items()})


class ValueTable:
    """One field's values seen in any segment, each with a number: a segment's counts (by its
    own codes) are added into one array by those numbers, so that a facet of thousands of
    values is counted and ranked with numpy rather than a Python loop over every value of
    every segment."""

    __slots__ = ("index", "names")

    def __init__(self):
        self.index: dict = {}
        self.names: list = []

    def ids(self, names: list) -> np.ndarray:
        index, known = self.index, self.names
        out = np.empty(len(names), dtype=np.int64)
        for i, name in enumerate(names):
            number = index.get(name)
            if number is None:
                number = index[name] = len(known)
                known.append(name)
            out[i] = number
        return out


class ColumnCache:
    """Per-segment facet columns (keyed by segment id and field), at most ``max_bytes``, and
    each field's ``ValueTable`` (emptied when the tables hold more than ``MAX_TABLE_VALUES``
    values: a table only grows while segments come and go)."""

    MAX_TABLE_VALUES = 1_000_000

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._columns: OrderedDict[tuple[str, str], CodedColumn | NumberColumn] = OrderedDict()
        self._tables: dict[str, ValueTable] = {}
        self._version = 0

    def table(self, fieldname: str) -> ValueTable:
        found = self._tables.get(fieldname)
        if found is None:
            found = self._tables[fieldname] = ValueTable()
        return found

    def global_ids(self, fieldname: str, column: CodedColumn, *, split: bool) -> np.ndarray:
        """The number in the field's ``ValueTable`` of each of the column's values (``split``:
        of each name of its comma-joined values, as ``CodedColumn.parts`` lists them), worked
        out once per column."""
        if sum(len(t.names) for t in self._tables.values()) > self.MAX_TABLE_VALUES:
            self._tables.clear()
            self._version += 1
        if column._global is None or column._global[0] != self._version:
            names = column.parts()[2] if split else column.values
            ids = self.table(fieldname).ids(names)
            column._global = (self._version, ids)
            column.nbytes += ids.nbytes
        return column._global[1]

    @property
    def nbytes(self) -> int:
        return sum(column.nbytes for column in self._columns.values())

    def __len__(self) -> int:
        return len(self._columns)

    def column(self, reader, fieldname: str) -> CodedColumn | NumberColumn:
        key = (reader.segment().segment_id(), fieldname)
        found = self._columns.get(key)
        if found is not None:
            self._columns.move_to_end(key)
            return found
        found = self._columns[key] = load_column(reader, fieldname)
        self._evict(keep=key)
        return found

    def _evict(self, *, keep) -> None:
        total = self.nbytes
        for key in list(self._columns):
            if total <= self.max_bytes:
                break
            if key != keep:  # the column just loaded serves the search that asked for it
                total -= self._columns.pop(key).nbytes
        if total > self.max_bytes:
            total -= self._columns.pop(keep).nbytes

    def forget_other_segments(self, live: set[str]) -> None:
        for key in [k for k in self._columns if k[0] not in live]:
            del self._columns[key]


def load_column(reader, fieldname: str) -> CodedColumn | NumberColumn:
    """A segment's column in its compact form, each distinct value translated once."""
    field = reader.schema[fieldname]
    column = reader.column_reader(fieldname, translate=False)
    numbers = whole_column(column, reader.doc_count_all())
    if numbers is not None:
        return NumberColumn(numbers, field.from_column_value)
    codes_of: dict = {}
    codes = array("I", (codes_of.setdefault(raw, len(codes_of)) for raw in raw_values(column)))
    if len(codes_of) <= 1 << 16:
        codes = array("H", codes)
    return CodedColumn(codes, [field.from_column_value(raw) for raw in codes_of])


def can_count(schema, fields) -> bool:
    """Whether every facet field is an exact column (else use ``groupedby``)."""
    return all(
        isinstance(schema[name], (ID, KEYWORD, NUMERIC)) and schema[name].column_type
        for name in fields
    )


def count_matches(searcher, query, fields, cache: ColumnCache) -> tuple[int, dict[str, Counter]]:
    counters = {name: Counter() for name in fields}
    hits = 0
    live = set()
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.segment() is None:  # an empty index
            continue
        live.add(reader.segment().segment_id())
        docs = list(query.docs(sub))
        hits += len(docs)
        if not docs:
            continue
        for name in fields:
            counters[name].update(cache.column(reader, name).count(docs))
    cache.forget_other_segments(live)
    for name in fields:
        field = searcher.schema[name]
        if isinstance(field, KEYWORD):  # "A,B" counts once for A and for B
            counters[name] = split_joined(counters[name])
        elif isinstance(field, NUMERIC):  # a document without the field holds the default
            counters[name].pop(field.from_column_value(field.column_type.default_value()), None)
    return hits, counters


def split_joined(joined: Counter) -> Counter:
    each: Counter = Counter()
    for value, count in joined.items():
        for part in value.split(",") if value else ():
            if part.strip():
                each[part.strip()] += count
    return each

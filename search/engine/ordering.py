"""Sort keys for haystack's ``order_by``: directions may differ per field, and a document
without the field sorts last both ways (as Elasticsearch and the ORM lists do; Whoosh's column
default would sort it as the largest value).

An integer column (``DATETIME``, integer ``NUMERIC``) is read whole per segment, one file read
into an ``array``, and a missing value is recognised as the column's default (Whoosh writes it
for a document without the field; no date or stored integer reaches it). Other columns fall back
to Whoosh's ``FieldFacet`` after a query facet that finds the documents having the field, which
reads every term of the field on every search (profiled: most of a sorted search's time).

``sorted_search`` finds the first documents in that order holding only as many keys as it
returns; Whoosh's ``SortingCollector`` keeps every match's key and document number (about 25 MB
at 100,000 matches) even for a page of 20.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from whoosh import collectors, columns, sorting
from whoosh import query as Q

from .columns import whole_column

if TYPE_CHECKING:
    from whoosh.searching import Results

_MISSING = 1 << 66  # after every key: a column value or its negation is below 2**64
# A sorted search keeps at most this many keys, or four times its limit if more, before trimming.
KEEP_KEYS = 4096


def sorted_search(searcher, query, sortedby, *, limit: int | None) -> Results:
    """Whoosh ``Results`` of ``query`` in the ``sortedby`` order (see ``sort_facet``), the
    first ``limit`` (None: every match)."""
    collector = KeyCollector(sortedby, limit=limit)
    searcher.search_with_collector(query, collector)
    return collector.results()


class KeyCollector(collectors.SortingCollector):
    """Whoosh's ``SortingCollector`` without its set of every matching document (the hit
    count comes from ``counting``), keeping at most a few times ``limit`` keys."""

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self._trim_at = max(4 * self.limit, KEEP_KEYS) if self.limit else None

    def collect(self, sub_docnum):
        sortkey = self.sort_key(sub_docnum)
        items = self.items
        items.append((sortkey, self.offset + sub_docnum))
        if self._trim_at and len(items) >= self._trim_at:
            self._trim()
        return sortkey

    def _trim(self) -> None:
        self.items.sort(reverse=self.reverse)
        if self.limit:
            del self.items[self.limit :]

    def results(self):
        self._trim()
        return self._results(self.items, docset=None)  # matched documents found when asked

    def all_ids(self):
        return self.top_searcher.docs_for_query(self.q)

    def count(self):
        return sum(1 for _ in self.all_ids())


def sort_facet(schema, sort_by) -> sorting.MultiFacet | None:
    """The Whoosh ``sortedby`` for haystack's ``sort_by`` (``["-published", "title"]``)."""
    if not sort_by:
        return None
    keys: list = []
    for name in sort_by:
        descending = name.startswith("-")
        field = name.lstrip("-")
        fieldobj = schema[field]
        if getattr(fieldobj, "numtype", None) is int and isinstance(
            fieldobj.column_type, columns.NumericColumn
        ):
            keys.append(IntegerColumnFacet(field, reverse=descending))
        else:
            keys.append(sorting.QueryFacet({0: Q.Every(field)}, other=1))
            keys.append(sorting.FieldFacet(field, reverse=descending))
    return sorting.MultiFacet(keys)


class IntegerColumnFacet(sorting.FacetType):
    """Sorts by an integer column, documents without a value last in either direction."""

    def __init__(self, fieldname: str, reverse: bool = False):
        self.fieldname = fieldname
        self.reverse = reverse

    def categorizer(self, global_searcher):
        return _IntegerColumnCategorizer(self.fieldname, self.reverse)


class _IntegerColumnCategorizer(sorting.Categorizer):
    def __init__(self, fieldname: str, reverse: bool):
        self._fieldname = fieldname
        self._reverse = reverse
        self._values: array | None = None
        self._column = None
        self._missing = None

    def set_searcher(self, segment_searcher, docoffset):
        reader = segment_searcher.reader()
        column = reader.column_reader(self._fieldname, translate=False)
        self._column = column
        self._missing = getattr(column, "_default", None)
        self._values = whole_column(column, reader.doc_count_all())

    def key_for(self, matcher, segment_docnum):
        values = self._values
        value = values[segment_docnum] if values is not None else self._column[segment_docnum]
        if value == self._missing:
            return _MISSING
        return -value if self._reverse else value

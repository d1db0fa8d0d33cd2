"""One search answered by the array executor: the top page, the exact count, field facets and
newest-first order from the executor's matching ids and scores (``executor``).

- the count is the number of matching ids;
- the page is a partial sort: ``np.argpartition`` picks the best ``end`` scores, and only those
  (with every tie at the boundary) are ordered by score, then document number (Whoosh's order);
- a sorted search orders by integer columns (``published``) with a document lacking the value
  last, ties by document number (``ordering.IntegerColumnFacet``);
- field facets are ``np.bincount`` over each segment's coded column (``counting.ColumnCache``).

The result is a Whoosh ``Results`` holding only the page's ``(score, docnum)`` pairs, so hits,
stored fields and highlighting work as for Whoosh's own results.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from whoosh import columns as wcolumns
from whoosh.fields import KEYWORD, NUMERIC
from whoosh.searching import Results

from .counting import CodedColumn, ColumnCache, split_joined
from .executor import Executor, Matches, Unsupported
from .facets import counted_facets
from .segment_arrays import SegmentColumns

# A coded column is counted value by value (``_few_counted``) when it has more than this many
# times as many distinct values as the segment has matches.
SPARSE_RATIO = 4
P_EMPTY = np.zeros(0, dtype=np.int64)


def array_search(searcher, query, *, plan, sort_by, end: int | None, schema,
                 column_cache: ColumnCache, segment_columns: SegmentColumns):
    """``(hits, Results with the first ``end`` results, facet counts)``; raises
    ``executor.Unsupported`` for what Whoosh's matchers must answer."""
    if plan.has_grouped():
        raise Unsupported("date or query facets")
    sort_keys = _sort_fields(schema, sort_by)
    executor = Executor(searcher, segment_columns)
    matches = executor.run(query)
    live = executor.live_segment_ids()
    segment_columns.forget_other_segments(live)
    # ``end`` None: haystack asks for the count or the facets only (``count()``,
    # ``facet_counts()`` before any slice); no result is built (Whoosh's path built every
    # match's stored fields: most of a per-story page's 294 s in issue 13).
    limit = 0 if end is None else min(max(end, 1), len(matches))
    if sort_keys:
        top = _sorted_top(executor, matches, sort_keys, limit)
    else:
        top = _ranked_top(matches, limit)
    counters = count_facets(executor, matches.ids, plan.field_names(), column_cache)
    column_cache.forget_other_segments(live)
    results = Results(searcher, query, top)
    return len(matches), results, counted_facets(counters, plan.limits())


def _ranked_top(matches: Matches, limit: int) -> list[tuple[float, int]]:
    ids, scores = matches.ids, matches.scores
    if not limit:
        return []
    if limit < len(ids):
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth  # every tie at the boundary, ordered below
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:limit]
    return list(zip(scores[order].tolist(), ids[order].tolist(), strict=True))


def _sort_fields(schema, sort_by) -> list[tuple[str, bool]]:
    """``[(field, descending)]`` for integer-column sorts; ``Unsupported`` for others."""
    keys = []
    for name in sort_by or ():
        field = name.lstrip("-")
        fieldobj = schema._fields.get(field)
        if fieldobj is None or getattr(fieldobj, "numtype", None) is not int or not isinstance(
            fieldobj.column_type, wcolumns.NumericColumn
        ):
            raise Unsupported(f"sort by {field}")
        keys.append((field, name.startswith("-")))
    return keys


def _sorted_top(executor: Executor, matches: Matches, sort_keys, limit: int):
    if not limit:
        return []
    ids = matches.ids
    lexkeys = [ids]  # the last tie-breaker: document number
    top = np.iinfo(np.uint64).max
    for field, descending in reversed(sort_keys):
        values = np.empty(len(ids), dtype=np.uint64)
        missing = np.zeros(len(ids), dtype=bool)
        for seg, local, where in _by_segment(executor, ids):
            column = executor.columns.get(
                (seg.key, "__num__", field), lambda s=seg, f=field: _numbers(s.reader, f))
            if column is None:  # no document of this segment has the field: all sort last
                values[where] = 0
                missing[where] = True
                continue
            raw, default = column
            got = raw[local]
            values[where] = np.uint64(top) - got if descending else got
            missing[where] = got == default
        lexkeys.extend([values, missing])  # missing last in either direction
    keep = _candidates(lexkeys[-1], lexkeys[-2], limit)
    if keep is not None:  # only those can be in the top: sort them alone
        lexkeys = [key[keep] for key in lexkeys]
        ids = ids[keep]
    order = np.lexsort(lexkeys)[:limit]
    return [(0.0, docnum) for docnum in ids[order].tolist()]


def _candidates(missing: np.ndarray, values: np.ndarray, limit: int) -> np.ndarray | None:
    """A mask of the documents that can be among the first ``limit`` by the first sort key:
    those having it, up to the ``limit``-th smallest value and every tie of it. None when the
    whole set must be sorted (few matches, or fewer than ``limit`` having the key). A count-only
    search (``limit`` 1) of the whole archive sorted 115,000 dates to keep one: 11 ms."""
    if limit * 8 >= len(values):
        return None
    present = ~missing
    if int(np.count_nonzero(present)) < limit:
        return None
    kth = np.partition(values[present], limit - 1)[limit - 1]
    return present & (values <= kth)


def _numbers(reader, field):
    from .segment_arrays import number_column

    return number_column(reader, field)


def _by_segment(executor: Executor, ids: np.ndarray):
    """``(segment, local ids, slice of ids)`` for each segment holding some of ``ids``."""
    for seg in executor.segments:
        lo = np.searchsorted(ids, seg.offset)
        hi = np.searchsorted(ids, seg.offset + seg.doccount)
        if hi > lo:
            yield seg, ids[lo:hi] - seg.offset, slice(lo, hi)


def count_facets(executor: Executor, ids: np.ndarray, fields, cache: ColumnCache) -> dict:
    """Each field's counts over ``ids``: a ``Counter``, or for a text column ``(counts by
    value number, the field's value names)`` (``counting.ValueTable``; ``facets.counted_facets``
    ranks both)."""
    counters = {name: Counter() for name in fields}
    if not fields or not len(ids):
        return counters
    schema = executor.schema
    joined = {name: Counter() for name in fields}  # comma-joined values still to split
    totals: dict[str, np.ndarray] = {}
    sparse: dict[str, list] = {name: [] for name in fields}  # (value numbers, counts) parts
    for seg, local, _where in _by_segment(executor, ids):
        for name in fields:
            column = cache.column(seg.reader, name)
            several = isinstance(schema[name], KEYWORD)  # "A,B" counts once for A and for B
            if isinstance(column, CodedColumn):
                numbers = cache.global_ids(name, column, split=several)
                if len(local) * SPARSE_RATIO < len(column.values):
                    sparse[name].append(_few_counted(_codes(column)[local], column, numbers,
                                                     several))
                    continue
                codes = _codes(column)
                counted = np.bincount(codes[local], minlength=len(column.values))
                if several:
                    owners, parts, names = column.parts()
                    counted = np.bincount(parts, weights=counted[owners], minlength=len(names))
                size = len(cache.table(name).names)
                totals[name] = _added(totals.get(name),
                                      np.bincount(numbers, weights=counted, minlength=size))
            else:
                raw = np.frombuffer(column.raw, dtype=column.raw.typecode)[local]
                unique, counts = np.unique(raw, return_counts=True)
                counter = joined[name] if several else counters[name]
                for value, n in zip(unique.tolist(), counts.tolist(), strict=True):
                    counter[column.translate(value)] += n
    for name, found in sparse.items():
        if found:
            size = len(cache.table(name).names)
            numbers = np.concatenate([part[0] for part in found])
            counts = np.concatenate([part[1] for part in found])
            totals[name] = _added(totals.get(name),
                                  np.bincount(numbers, weights=counts, minlength=size))
    out: dict = {}
    for name in fields:
        field = schema[name]
        counter = counters[name]
        if isinstance(field, KEYWORD):
            counter.update(split_joined(joined[name]))
        default = None
        if isinstance(field, NUMERIC):
            default = field.from_column_value(field.column_type.default_value())
            counter.pop(default, None)
        if name in totals:
            names = cache.table(name).names
            total = totals[name].astype(np.int64)
            for value in (default, None, ""):  # never a facet value
                number = cache.table(name).index.get(value)
                if number is not None and number < len(total):
                    total[number] = 0
            out[name] = (total, names) if not counter else _merged(counter, total, names)
        else:
            out[name] = counter
    return out


def _few_counted(codes: np.ndarray, column: CodedColumn, numbers: np.ndarray, several: bool
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``(value numbers, counts)`` of a few documents' ``codes`` in one segment's column:
    only their distinct values are looked at. The dense count (``np.bincount`` over every
    value of the column, then of the field) costs the size of the column whatever the number
    of matches: for the entity facets, thousands of values a segment, the fixed cost of every
    search that finds little."""
    distinct, counts = np.unique(codes, return_counts=True)
    if not several:
        return numbers[distinct], counts
    owners, parts, _names = column.parts()  # owners ascending: each code's names together
    start = np.searchsorted(owners, distinct, "left")
    sizes = np.searchsorted(owners, distinct, "right") - start
    total = int(sizes.sum())
    if not total:
        return P_EMPTY, P_EMPTY
    offsets = np.repeat(start - (np.cumsum(sizes) - sizes), sizes) + np.arange(total)
    return numbers[parts[offsets]], np.repeat(counts, sizes)


def _added(total: np.ndarray | None, added: np.ndarray) -> np.ndarray:
    """Two count arrays by value number summed (the shorter padded: the table grew)."""
    if total is None:
        return added
    if len(total) < len(added):
        total = np.concatenate([total, np.zeros(len(added) - len(total))])
    elif len(added) < len(total):
        added = np.concatenate([added, np.zeros(len(total) - len(added))])
    return total + added


def _merged(counter: Counter, total: np.ndarray, names: list) -> Counter:
    """A field counted both ways (some segments' columns coded, others numbers): one Counter."""
    for number in np.flatnonzero(total).tolist():
        counter[names[number]] += int(total[number])
    return counter


def _codes(column: CodedColumn) -> np.ndarray:
    return np.frombuffer(column.codes, dtype=column.codes.typecode)  # a view, no copy


def related_top(searcher, like, *, restrict, exclude: int, end: int,
                segment_columns: SegmentColumns):
    """More-like-this on the arrays: ``(hits, Results with the first ``end`` results)`` for the
    key-term query ``like`` (an ``Or`` of boosted terms), within ``restrict`` (a query or None)
    and without the document ``exclude`` itself, as Whoosh's ``Searcher.more_like`` answers it
    with ``filter=restrict, mask={exclude}``; raises ``executor.Unsupported`` likewise.

    Whoosh scored the matches one at a time and then walked them all again for the count: most
    of an article page's CPU (its related coverage)."""
    executor = Executor(searcher, segment_columns)
    matches = executor.run(like)
    keep = matches.ids != exclude
    if restrict is not None:
        keep &= np.isin(matches.ids, executor.run(restrict).ids, assume_unique=True)
    matches = Matches(matches.ids[keep], matches.scores[keep])
    segment_columns.forget_other_segments(executor.live_segment_ids())
    top = _ranked_top(matches, min(max(end, 1), len(matches)))
    return len(matches), Results(searcher, like, top)

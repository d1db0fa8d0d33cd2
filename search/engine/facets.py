"""haystack's facet API on Whoosh's own facet machinery, counted over all matches in one pass.

``facet()`` → ``FieldFacet(maptype=Count)`` on an exact column, the ``FIELD_FACET_LIMIT`` most
frequent values unless ``facet(field, limit=N)`` says otherwise (a negative limit: every value,
as in Solr); ``date_facet()`` →
``DateRangeFacet`` (returned like Solr and Elasticsearch: ``(bucket start, count)`` in date order,
empty buckets included); ``query_facet()`` → ``QueryFacet`` (keyed ``"field:query"`` like Solr).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from whoosh.fields import KEYWORD
from whoosh.sorting import Count, DateRangeFacet, Facets, FieldFacet, QueryFacet
from whoosh.support.relativedelta import relativedelta

from .dates import from_index_datetime, to_index_datetime

FIELD_FACET_LIMIT = 1000


@dataclass
class FacetPlan:
    """What to count, and how to turn Whoosh's groups into haystack's facet dict."""

    groups: Facets = field(default_factory=Facets)
    kinds: dict[str, tuple] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def field_names(self) -> list[str]:
        return [name for name, kind in self.kinds.items() if kind[0] == "fields"]

    def limits(self) -> dict[str, int | None]:
        """Values kept per field facet (``None``: all)."""
        return {name: kind[1] for name, kind in self.kinds.items() if kind[0] == "fields"}

    def has_grouped(self) -> bool:
        """Date or query facets: these are counted by Whoosh's ``groupedby``."""
        return any(kind[0] != "fields" for kind in self.kinds.values())


def plan_facets(*, facets, date_facets, query_facets, parse, schema) -> FacetPlan:
    plan = FacetPlan()
    for name in facets or ():
        # A multi-value (comma KEYWORD) field counts each of a document's values.
        several = isinstance(schema[name], KEYWORD)
        plan.groups.add_facet(name, FieldFacet(name, maptype=Count, allow_overlap=several))
        options = facets[name] if isinstance(facets, dict) else {}
        plan.kinds[name] = ("fields", _limit((options or {}).get("limit", FIELD_FACET_LIMIT)))
    for name, spec in (date_facets or {}).items():
        start = to_index_datetime(spec["start_date"])
        end = to_index_datetime(spec["end_date"])
        gap = relativedelta(**{f"{spec['gap_by']}s": int(spec.get("gap_amount", 1))})
        plan.groups.add_facet(name, DateRangeFacet(name, start, end, gap, maptype=Count))
        plan.kinds[name] = ("dates", start, end, gap)
    if query_facets:
        queries = {f"{name}:{value}": parse(f"{name}:{value}") for name, value in query_facets}
        plan.groups.add_facet("__queries__", QueryFacet(queries, maptype=Count))
        plan.kinds["__queries__"] = ("queries", list(queries))
    return plan


def collect_facets(plan: FacetPlan, results) -> dict:
    """haystack's ``{"fields": …, "dates": …, "queries": …}`` from Whoosh ``Results``."""
    out: dict = {"fields": {}, "dates": {}, "queries": {}}
    if not plan:
        return out
    for name, kind in plan.kinds.items():
        groups = results.groups(name)
        if kind[0] == "fields":
            counted = [
                (key, count) for key, count in groups.items() if key not in (None, "") and count
            ]
            counted.sort(key=lambda item: (-item[1], item[0]))
            out["fields"][name] = counted[: kind[1]]
        elif kind[0] == "dates":
            out["dates"][name] = _date_buckets(groups, *kind[1:])
        else:
            out["queries"].update({key: groups.get(key, 0) for key in kind[1]})
    return out


def counted_facets(counters: dict, limits: dict[str, int | None]) -> dict:
    """haystack's facet dict from ``counting.count_matches`` counters, or from
    ``array_search.count_facets`` (a ``Counter`` or ``(counts by value number, names)``)."""
    fields = {}
    for name, counter in counters.items():
        limit = limits.get(name, FIELD_FACET_LIMIT)
        if isinstance(counter, tuple):
            fields[name] = _top_counted(*counter, limit)
            continue
        counted = [(key, n) for key, n in counter.items() if key not in (None, "") and n]
        counted.sort(key=lambda item: (-item[1], item[0]))
        fields[name] = counted[:limit]
    return {"fields": fields, "dates": {}, "queries": {}}


def _top_counted(total: np.ndarray, names: list, limit: int | None) -> list[tuple]:
    """The ``limit`` most frequent values (ties: by value), as ``counted_facets`` orders them;
    only the values at or above the limit's count are ordered (every tie at the boundary)."""
    numbers = np.flatnonzero(total)
    if limit is not None and len(numbers) > limit:
        if not limit:
            return []
        counts = total[numbers]
        kth = np.partition(counts, len(counts) - limit)[len(counts) - limit]
        numbers = numbers[counts >= kth]
    counted = [(names[n], c) for n, c in zip(numbers.tolist(), total[numbers].tolist(),
                                               strict=True)]
    counted.sort(key=lambda item: (-item[1], item[0]))
    return counted[:limit]


def _limit(value) -> int | None:
    """A facet's ``limit`` option: a number of values, or ``None`` for all (negative)."""
    try:
        limit = int(value)
    except (TypeError, ValueError):
        return FIELD_FACET_LIMIT
    return None if limit < 0 else limit


def _date_buckets(groups: dict, start: dt.datetime, end: dt.datetime, gap) -> list:
    counts = {key[0]: count for key, count in groups.items() if isinstance(key, tuple)}
    buckets = []
    cursor = start
    while cursor < end:
        buckets.append((from_index_datetime(cursor), counts.get(cursor, 0)))
        cursor = cursor + gap
    return buckets

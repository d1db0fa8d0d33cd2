"""Attention over time: a search's matches per month, as counts or as a share of everything the
archive holds in that month (from the same outlets), with an optional second query to compare.

Computed from the engine's date facets (the ``month`` facet, ``YYYY-MM`` of ``published``, and
the ``year`` facet, whose sum against the total gives the matches of unknown date), never by
loading articles. Both are counts over coded columns: haystack's ``date_facet`` would run one
range query per month (13 s for the empty search of 10,000 articles). The geometry of the SVG
is worked out here so the template only draws it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .builder import build_search
from .generations import GenerationCache
from .language import parse_query

MAX_MONTHS = 600  # fifty years of bars; beyond that the newest fifty are drawn
# Filters that define "all archived articles" for the share: the outlets and the kind of text,
# and the date range (the same months). Words and the other facets are what a share measures.
BASE_PARAMS = ("outlet", "not_outlet", "kind", "not_kind", "from", "to")
MODES = ("count", "share")

WIDTH, HEIGHT = 720, 220  # the SVG's viewBox
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 44, 10, 190
UNKNOWN_GAP, UNKNOWN_WIDTH = 14, 22


@dataclass
class Series:
    label: str  # the query as read (after the query language's repairs)
    per_month: dict[dt.date, int]
    unknown: int
    total: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    month: dt.date
    label: str
    counts: tuple[int, ...]
    base: int
    shares: tuple[float | None, ...]  # percent of ``base``; None when the base is 0

    @property
    def cells(self) -> list[tuple[int, float | None]]:
        return list(zip(self.counts, self.shares, strict=True))

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"


@dataclass
class Chart:
    mode: str
    series: list[Series]
    rows: list[Row]
    unknown: Row
    truncated: bool = False

    @property
    def empty(self) -> bool:
        return not any(s.total for s in self.series)

    def value(self, row: Row, index: int) -> float:
        if self.mode == "share":
            share = row.shares[index]
            return share or 0.0
        return float(row.counts[index])


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month (``calendar.monthrange`` works out the weekday too: a
    chart asks this of each of its months)."""
    month = day.month
    last = 29 if month == 2 and calendar.isleap(day.year) else _MONTH_DAYS[month]
    return day.replace(day=last)


@dataclass(frozen=True)
class DateCounts:
    """A search's matches per year and per month (``YYYY-MM``, every value), and its total."""

    years: dict[str, int]
    months: list[tuple[str, int]]
    total: int

    @cached_property
    def per_month(self) -> dict[dt.date, int]:
        """The months' counts by their first day (values that are no month left out): read
        once, the base's kept with it for every search with the same filters."""
        out = {}
        for value, count in self.months:
            if len(value or "") != 7 or not (value[:4].isdigit() and value[5:].isdigit()):
                continue
            out[_month_start(int(value[:4]), int(value[5:]))] = count
        return out


def date_counts(sqs) -> DateCounts:
    """From a ``SearchQuerySet`` that counts the ``year`` and ``month`` facets (every month
    value: ``facet("month", limit=-1)``), as ``dated_search`` builds it and the search page's
    own search does."""
    total = sqs.count()  # first: it runs the search itself, facet_counts() would run a copy
    fields = (sqs.facet_counts() or {}).get("fields", {})
    years = {y: n for y, n in fields.get("year", []) if y and y.isdigit()}
    return DateCounts(years, list(fields.get("month", [])), total)


def dated_search(params: Mapping):
    """One search that counts both date facets: a count over two coded columns, where a date
    facet would run one range query per month."""
    return build_search(params, facets=["year"]).facet("month", limit=-1)


# The base's counts per index generation and filters: independent of the search's words.
_BASES = GenerationCache()


def base_date_counts(base_params: Mapping) -> DateCounts:
    """``date_counts`` of every archived article under the filters ``base_params`` (only
    ``BASE_PARAMS``: outlets, kinds of text, dates), kept until the index changes
    (``generations.GenerationCache``): the same for every search with those filters."""
    key = tuple(sorted(
        (name, tuple(value) if isinstance(value, (list, tuple)) else value)
        for name, value in base_params.items() if name in BASE_PARAMS
    ))
    return _BASES.get(key, lambda: date_counts(dated_search(base_params)))


def _per_month(counts: DateCounts, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Matches per month from the ``month`` facet's values, those from ``start`` to ``end``."""
    return {day: count for day, count in counts.per_month.items() if start <= day < end}


def attention(params: Mapping, *, second_query: str = "", mode: str = "count",
              search=None) -> Chart | None:
    """The chart of the search ``params`` (a search form's cleaned data); ``second_query`` (as
    typed) adds a series with the same filters and other words. None when nothing matched.

    ``search``: the page's own search for ``params`` if it counts both date facets (the search
    page's does), so that its counts are not searched for again."""
    mode = mode if mode in MODES else "count"
    wanted = [dict(params)]
    second = parse_query(second_query or "")
    if second.node is not None:
        # Its own parsed query: the page's (``parsed``, read first by ``build_search``) would
        # search the first query again.
        wanted.append({**params, "q": second_query, "parsed": second})
    found = [date_counts(search if search is not None else dated_search(wanted[0]))]
    found += [date_counts(dated_search(p)) for p in wanted[1:]]
    years = {int(y) for counts in found for y in counts.years}
    if not any(counts.total for counts in found):
        return None
    base_params = {k: v for k, v in params.items() if k in BASE_PARAMS}
    months: list[dt.date] = []
    truncated = False
    if years:
        start, end = _month_start(min(years), 1), _month_start(max(years) + 1, 1)
        if params.get("from"):
            start = max(start, _month_start(params["from"].year, params["from"].month))
        if params.get("to"):
            end = min(end, _add_months(_month_start(params["to"].year, params["to"].month), 1))
        span = (end.year - start.year) * 12 + end.month - start.month
        if span > MAX_MONTHS:
            start, truncated = _add_months(end, -MAX_MONTHS), True
        months = [_add_months(start, n) for n in range((end.year - start.year) * 12
                                                      + end.month - start.month)]
    end = _add_months(months[-1], 1) if months else None
    series = []
    for p, counts in zip(wanted, found, strict=True):
        parsed = parse_query(p.get("q") or "")
        series.append(Series(
            label=parsed.display or "everything",
            per_month=_per_month(counts, months[0], end) if months else {},
            unknown=counts.total - sum(counts.years.values()),
            total=counts.total,
            notes=list(parsed.notes),
        ))
    base_counts = base_date_counts(base_params)
    base = _per_month(base_counts, months[0], end) if months else {}
    base_unknown = base_counts.total - sum(base_counts.years.values())

    def row(month, label, counts, whole):
        shares = tuple(100 * c / whole if whole else None for c in counts)
        return Row(month, label, tuple(counts), whole, shares)

    names = list(calendar.month_name)  # each look-up formats a date: once, not per month
    rows = [
        row(m, f"{names[m.month]} {m.year}",
            [s.per_month.get(m, 0) for s in series], base.get(m, 0))
        for m in months
    ]
    unknown = row(dt.date.min, "Date unknown", [s.unknown for s in series], base_unknown)
    return Chart(mode=mode, series=series, rows=rows, unknown=unknown, truncated=truncated)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    row: Row
    value: float
    url: str


@dataclass(frozen=True)
class Drawing:
    bars: list[Bar]
    unknown: Bar | None
    line: str  # SVG polyline points of the second series ("" without one)
    line_points: list[tuple[float, float, Row, float]]
    ticks: list[tuple[float, str]]  # (x, year label)
    grid: list[tuple[float, str]]  # (y, value label)
    plot_right: float


def draw(chart: Chart, *, range_url) -> Drawing:
    """Positions in the SVG's viewBox. ``range_url(from_date, to_date)`` is a bar's link."""
    n = max(len(chart.rows), 1)
    right = WIDTH - UNKNOWN_GAP - UNKNOWN_WIDTH - 4
    step = (right - PLOT_LEFT) / n
    values = [chart.value(r, i) for r in [*chart.rows, chart.unknown]
              for i in range(len(chart.series))]
    top = max(values + [1e-9])
    scale = (PLOT_BOTTOM - PLOT_TOP) / top

    def bar(x, width, row, value, url):
        height = value * scale
        return Bar(round(x, 2), round(PLOT_BOTTOM - height, 2), round(width, 2),
                   round(height, 2), row, value, url)

    bars = [
        bar(PLOT_LEFT + i * step + step * 0.1, step * 0.8, r, chart.value(r, 0),
            range_url(r.month, month_end(r.month)))
        for i, r in enumerate(chart.rows)
    ]
    unknown = None
    if chart.unknown.counts[0] or any(chart.unknown.counts):
        unknown = bar(right + UNKNOWN_GAP, UNKNOWN_WIDTH, chart.unknown,
                      chart.value(chart.unknown, 0), "")
    points = []
    if len(chart.series) > 1:
        points = [
            (round(PLOT_LEFT + (i + 0.5) * step, 2),
             round(PLOT_BOTTOM - chart.value(r, 1) * scale, 2), r, chart.value(r, 1))
            for i, r in enumerate(chart.rows)
        ]
    every = max(1, round(len({r.month.year for r in chart.rows}) / 12))
    ticks = [
        (round(PLOT_LEFT + i * step, 2), str(r.month.year))
        for i, r in enumerate(chart.rows)
        if (r.month.month == 1 or i == 0) and (r.month.year % every == 0 or i == 0)
    ]
    unit = "%" if chart.mode == "share" else ""
    grid = [
        (round(PLOT_BOTTOM - fraction * top * scale, 2), _fmt(fraction * top) + unit)
        for fraction in (0.5, 1.0)
    ]
    return Drawing(
        bars=bars, unknown=unknown, line=" ".join(f"{x},{y}" for x, y, *_ in points),
        line_points=points, ticks=ticks, grid=grid, plot_right=right,
    )


def _fmt(value: float) -> str:
    if value >= 10 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"

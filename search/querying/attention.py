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
from functools import cached_property, lru_cache
from typing import NamedTuple

from .builder import build_search, parsed_query
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
PLOT_RIGHT = WIDTH - UNKNOWN_GAP - UNKNOWN_WIDTH - 4  # the months' bars; the unknown's after


@dataclass
class Series:
    label: str  # the query as read (after the query language's repairs)
    unknown: int
    total: int
    notes: list[str] = field(default_factory=list)


class Row(NamedTuple):
    """A month of the chart (or its matches of unknown date). A named tuple rather than a frozen
    dataclass: a chart builds one per month (hundreds) on every search page, and a frozen
    dataclass's ``__init__`` costs three times as much."""

    month: dt.date
    label: str
    counts: tuple[int, ...]
    base: int
    shares: tuple[float | None, ...]  # percent of ``base``; None when the base is 0

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

    def values(self, index: int) -> list[float]:
        """``value`` of every month's row for the series ``index``."""
        if self.mode == "share":
            return [row.shares[index] or 0.0 for row in self.rows]
        return [float(row.counts[index]) for row in self.rows]


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


class Month(NamedTuple):
    """A month as every chart reads and names it (``_month``)."""

    start: dt.date  # its first day
    value: str  # its ``month`` facet value, ``YYYY-MM`` as the index writes it
    label: str  # "March 2018"


@lru_cache(maxsize=4 * MAX_MONTHS)
def _month(index: int) -> Month:
    """The month ``index`` (``year * 12 + month - 1``) as a chart reads and names it: the same
    for every chart, so worked out once (a month's name formats a date with ``strftime``)."""
    year, month = divmod(index, 12)
    month += 1
    return Month(dt.date(year, month, 1), f"{year:04d}-{month:02d}",
                 f"{calendar.month_name[month]} {year}")


@dataclass(frozen=True)
class DateCounts:
    """A search's matches per year and per month (``YYYY-MM``, every value), and its total."""

    years: dict[str, int]
    months: list[tuple[str, int]]
    total: int

    @cached_property
    def by_month(self) -> dict[str, int]:
        """The counts by ``month`` value, for a chart to look its months up (``Month.value``):
        the base's kept with it for every search with the same filters."""
        return dict(self.months)


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
    months: list[Month] = []
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
        first = start.year * 12 + start.month - 1
        months = [_month(first + n) for n in range((end.year - start.year) * 12
                                                  + end.month - start.month)]
    series = []
    for p, counts in zip(wanted, found, strict=True):
        parsed = parsed_query(p)  # the form's (or the second query's): not parsed again
        series.append(Series(
            label=parsed.display or "everything",
            unknown=counts.total - sum(counts.years.values()),
            total=counts.total,
            notes=list(parsed.notes),
        ))
    base_counts = base_date_counts(base_params)
    base = base_counts.by_month
    base_unknown = base_counts.total - sum(base_counts.years.values())
    # Column by column (a series' counts, the base, a series' shares), then a row per month:
    # a list per column rather than a tuple built per month and series.
    wholes = [base.get(month.value, 0) for month in months]
    columns = [[counts.by_month.get(month.value, 0) for month in months] for counts in found]
    shares = [[100 * c / whole if whole else None for c, whole in zip(column, wholes, strict=True)]
              for column in columns]
    rows = [Row(month.start, month.label, counts, whole, share) for month, counts, whole, share
            in zip(months, zip(*columns, strict=True), wholes, zip(*shares, strict=True),
                   strict=True)]
    undated = tuple(s.unknown for s in series)
    unknown = Row(dt.date.min, "Date unknown", undated, base_unknown,
                  tuple(100 * c / base_unknown if base_unknown else None for c in undated))
    return Chart(mode=mode, series=series, rows=rows, unknown=unknown, truncated=truncated)


class Bar(NamedTuple):
    """A month's bar (a named tuple, as ``Row``: one per month)."""

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


@lru_cache(maxsize=64)
def _columns(n: int) -> tuple[tuple[float, ...], float]:
    """Where each of ``n`` bars starts, and their width: the same for every chart of ``n``
    months, so worked out once (``round`` to hundredths is most of placing a bar)."""
    step = (PLOT_RIGHT - PLOT_LEFT) / n
    return tuple(round(PLOT_LEFT + i * step + step * 0.1, 2) for i in range(n)), \
        round(step * 0.8, 2)


def draw(chart: Chart, *, month_url) -> Drawing:
    """Positions in the SVG's viewBox. ``month_url(first_day)`` is a bar's link, the search of
    that month."""
    n = max(len(chart.rows), 1)
    step = (PLOT_RIGHT - PLOT_LEFT) / n
    columns = [chart.values(i) for i in range(len(chart.series))]
    top = max(1e-9, *(chart.value(chart.unknown, i) for i in range(len(chart.series))),
              *(max(column) for column in columns if column))
    scale = (PLOT_BOTTOM - PLOT_TOP) / top

    xs, width = _columns(n)
    # (y, height) by value, worked out once per value: many months have none. A value is a count
    # or a share, never -0.0, so that equal keys are equal bars.
    placed: dict[float, tuple[float, float]] = {}
    bars = []
    for row, value, x in zip(chart.rows, columns[0], xs, strict=False):  # xs: n >= 1
        found = placed.get(value)
        if found is None:
            height = value * scale
            found = placed[value] = (round(PLOT_BOTTOM - height, 2), round(height, 2))
        bars.append(Bar(x, found[0], width, found[1], row, value, month_url(row.month)))
    unknown = None
    if any(chart.unknown.counts):
        value = chart.value(chart.unknown, 0)
        height = value * scale
        unknown = Bar(PLOT_RIGHT + UNKNOWN_GAP, round(PLOT_BOTTOM - height, 2), UNKNOWN_WIDTH,
                      round(height, 2), chart.unknown, value, "")
    points = []
    if len(chart.series) > 1:
        points = [
            (round(PLOT_LEFT + (i + 0.5) * step, 2), round(PLOT_BOTTOM - value * scale, 2), r,
             value)
            for i, (r, value) in enumerate(zip(chart.rows, columns[1], strict=True))
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
        line_points=points, ticks=ticks, grid=grid, plot_right=PLOT_RIGHT,
    )


def _fmt(value: float) -> str:
    if value >= 10 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"

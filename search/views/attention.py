"""Attention over time on the search page (``search.querying.attention``), and its numbers as
CSV or JSON (``/search/attention/?<the search>&format=csv|json``).

The chart's state is in the URL like the rest of the page: ``chart=share`` for the share of
coverage, ``q2`` for a second query.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import lru_cache

from django.http import HttpResponse, HttpResponseBadRequest

from config.paths import fixed_path
from search.engine.budget import QueryTooBroad
from search.forms import printable
from search.querying.attention import MAX_MONTHS, MODES, attention, draw, month_end
from search.querying.state import SearchState
from search.views.invalid import refuses_bad_searches, valid_search

MAX_SECOND_QUERY = 500


def _chart_options(request) -> tuple[str, str]:
    mode = request.GET.get("chart", "count")
    second = printable(request.GET.get("q2", ""))[:MAX_SECOND_QUERY].strip()
    return (mode if mode in MODES else "count"), second


def _day(day) -> str:
    """``f"{day:%Y-%m-%d}"`` without ``strftime`` (a chart links each of its months)."""
    if day.year < 1000:  # %Y's width for such years depends on the platform's C library
        return f"{day:%Y-%m-%d}"
    return f"{day.year}-{day.month:02d}-{day.day:02d}"


@lru_cache(maxsize=4 * MAX_MONTHS)
def _month_range(month: dt.date) -> str:
    """The date filter of the month that starts on ``month``: ``from=…&to=…``, its first and
    last days (ISO dates need no quoting), the same for every search: worked out once."""
    return f"from={_day(month)}&to={_day(month_end(month))}"


def chart_context(request, params: dict, search=None) -> dict:
    """What ``search/attention/chart.html`` needs on the search page; ``search`` is the page's
    own search when it counts both date facets (``search.querying.attention.attention``)."""
    mode, second = _chart_options(request)
    second_error = ""
    try:
        chart = attention(params, second_query=second, mode=mode, search=search)
    except QueryTooBroad as error:  # the second query alone: the page's own search already ran
        chart = attention(params, mode=mode, search=search)
        second_error = f"The query to compare was not drawn: too broad: {error}"
    state = SearchState.from_querydict(request.GET)
    undated = SearchState([(k, v) for k, v in state.pairs if k not in ("from", "to")])

    range_base = undated.url()
    base = range_base + ("&" if range_base != "?" else "")

    def month_url(month: dt.date) -> str:  # undated.url(from=…, to=…) of that month
        return base + _month_range(month)

    data = state.url([p for p in state.pairs if p[0] != "format"])
    data_url = fixed_path("search:attention") + data + ("&" if data != "?" else "")
    return {
        "chart": chart,
        "drawing": draw(chart, month_url=month_url) if chart else None,
        "chart_mode": mode,
        "q2_value": second,
        "q2_error": second_error,
        "count_url": state.without("chart"),
        "share_url": state.with_only("chart", "share"),
        "range_base_url": range_base,
        "csv_url": data_url + "format=csv",
        "json_url": data_url + "format=json",
    }


@refuses_bad_searches("json")
def attention_data(request):
    wanted = request.GET.get("format", "json")
    if wanted not in ("csv", "json"):
        return HttpResponseBadRequest("Unknown format: choose csv or json.",
                                      content_type="text/plain")
    _, params, _ = valid_search(request)
    mode, second = _chart_options(request)
    chart = attention(params, second_query=second, mode=mode)
    series = chart.series if chart else []
    rows = [*chart.rows, chart.unknown] if chart else []
    if wanted == "json":
        body = {
            "series": [{"query": s.label, "total": s.total, "notes": s.notes} for s in series],
            "months": [
                {
                    "month": None if r.month.year == 1 else r.key,
                    "label": r.label,
                    "counts": list(r.counts),
                    "all_articles": r.base,
                    "shares_percent": [None if s is None else round(s, 4) for s in r.shares],
                }
                for r in rows
            ],
        }
        return HttpResponse(json.dumps(body, indent=1), content_type="application/json")
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["month"]
    for s in series:
        header += [f"matches: {s.label}", f"share %: {s.label}"]
    writer.writerow([*header, "all archived articles"])
    for r in rows:
        line = ["unknown" if r.month.year == 1 else r.key]
        for count, share in zip(r.counts, r.shares, strict=True):
            line += [count, "" if share is None else f"{share:.4f}"]
        writer.writerow([*line, r.base])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="attention.csv"'
    return response

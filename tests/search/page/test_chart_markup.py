"""The attention chart's SVG and table are written in Python (``attention_chart.py``) from months
named once and bars placed once per size and value: they must be what the template and the plain
formulas they replace gave, for any months, counts, modes, second query and language."""

import calendar
import datetime as dt

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from search.querying import attention as A
from search.search_indexes import _DatedFields
from search.templatetags.attention_chart import chart_plot, chart_rows
from search.views.attention import _month_range

# The markup as the template wrote it before the tags (its loops and filters, autoescaped).
PLOT = Template(
    '{% for y, label in drawing.grid %}<line class="grid" x1="44" x2="{{ drawing.plot_right }}" '
    'y1="{{ y }}" y2="{{ y }}"></line><text class="axis" x="40" y="{{ y }}" text-anchor="end" '
    'dominant-baseline="middle">{{ label }}</text>\n    {% endfor %}<line class="baseline" '
    'x1="44" x2="{{ drawing.plot_right }}" y1="190" y2="190"></line>\n    '
    '{% for bar in drawing.bars %}<a href="{{ bar.url }}" class="bar-link" '
    'data-index="{{ forloop.counter0 }}" data-from="{{ bar.row.month|date:\'Y-m-d\' }}"><title>'
    '{{ bar.row.label }}: {{ bar.row.counts.0 }} match{{ bar.row.counts.0|pluralize:"es" }}'
    '{% if chart_mode == "share" %} ({{ bar.value|floatformat:2 }}% of {{ bar.row.base }})'
    '{% endif %}</title><rect class="bar" x="{{ bar.x }}" y="{{ bar.y }}" '
    'width="{{ bar.width }}" height="{{ bar.height }}"></rect></a>\n    {% endfor %}\n    '
    '{% if drawing.line %}<polyline class="series-2" points="{{ drawing.line }}"></polyline>\n    '
    '{% for x, y, row, value in drawing.line_points %}<circle class="series-2-point" '
    'cx="{{ x }}" cy="{{ y }}" r="2"><title>{{ row.label }}: {{ row.counts.1 }} '
    'match{{ row.counts.1|pluralize:"es" }} for {{ chart.series.1.label }}</title></circle>'
    '{% endfor %}{% endif %}\n    {% if drawing.unknown %}<g class="unknown"><title>Date '
    'unknown: {{ chart.unknown.counts.0 }} match{{ chart.unknown.counts.0|pluralize:"es" }}'
    '</title><rect class="bar bar-unknown" x="{{ drawing.unknown.x }}" '
    'y="{{ drawing.unknown.y }}" width="{{ drawing.unknown.width }}" '
    'height="{{ drawing.unknown.height }}"></rect><text class="axis" '
    'x="{{ drawing.unknown.x }}" y="204">?</text></g>{% endif %}\n    '
    '{% for x, label in drawing.ticks %}<text class="axis" x="{{ x }}" y="204">{{ label }}'
    '</text>\n    {% endfor %}'
)
ROWS = Template(
    '{% for row, cells in rows %}<tr><th scope="row">{{ row.label }}</th>'
    '{% for count, share in cells %}<td>{{ count }}</td><td>{% if share is None %}—{% else %}'
    '{{ share|floatformat:2 }}%{% endif %}</td>{% endfor %}<td>{{ row.base }}</td></tr>\n'
    '{% endfor %}'
)


def counts(per_month: dict[dt.date, int], undated: int = 0) -> A.DateCounts:
    years: dict[str, int] = {}
    for day, n in per_month.items():
        years[f"{day.year:04d}"] = years.get(f"{day.year:04d}", 0) + n
    months = [(_DatedFields._month(day), n) for day, n in per_month.items()]
    return A.DateCounts(years, months, sum(per_month.values()) + undated)


def months(first: dt.date, n: int, value) -> dict[dt.date, int]:
    return {A._add_months(first, i): value(i) for i in range(n)}


def chart(monkeypatch, found, base, *, second=None, mode="count", params=None):
    """``attention`` of made-up counts: the page's, the second query's, the base's."""
    monkeypatch.setattr(A, "date_counts", lambda sqs: sqs)
    monkeypatch.setattr(A, "dated_search", lambda params: second)
    monkeypatch.setattr(A, "base_date_counts", lambda params: base)
    return A.attention({"q": "<b>fish</b> & 'chips'", **(params or {})}, search=found,
                       second_query="<i>eels</i> & \"x\"" if second else "", mode=mode)


def url(month: dt.date) -> str:
    return f"?q=%22a%22&x=<'\"&from={month}"


def both(chart, mode):
    drawing = A.draw(chart, month_url=url)
    rows = [(r, list(zip(r.counts, r.shares, strict=True))) for r in [*chart.rows, chart.unknown]]
    context = {"drawing": drawing, "chart": chart, "chart_mode": mode, "rows": rows}
    written = chart_plot(drawing, chart, mode), chart_rows(chart)
    expected = PLOT.render(Context(context)), ROWS.render(Context(context))
    return written, expected, drawing


MANY = "many hits, no undated, empty months in the base"
SCENARIOS = {
    "a few hits": {
        "found": counts(months(dt.date(2016, 5, 1), 30, lambda i: int(i % 7 == 0)), 2),
        "base": counts(months(dt.date(2010, 1, 1), 200, lambda i: 40 + i % 9), 3)},
    MANY: {
        "found": counts(months(dt.date(2001, 11, 1), 90, lambda i: 1000 + 37 * i % 2500)),
        "base": counts(months(dt.date(2001, 11, 1), 90, lambda i: 0 if i % 10 == 3 else 4000 + i))},
    "years before 1000": {
        "found": counts(months(dt.date(997, 1, 1), 60, lambda i: i % 3), 1),
        "base": counts(months(dt.date(997, 1, 1), 60, lambda i: 5))},
    "over fifty years": {
        "found": counts(months(dt.date(1931, 3, 1), 900, lambda i: i % 11)),
        "base": counts(months(dt.date(1931, 3, 1), 900, lambda i: 99))},
    "one month": {
        "found": counts({dt.date(2020, 2, 1): 1}), "base": counts({dt.date(2020, 2, 1): 3}),
        "params": {"from": dt.date(2020, 2, 3), "to": dt.date(2020, 2, 9)}},
}


@pytest.mark.parametrize("mode", ["count", "share"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_the_plot_and_table_are_the_templates_markup(monkeypatch, name, mode):
    for second in (None, counts(months(dt.date(2016, 1, 1), 40, lambda i: i % 2), 1)):
        made = chart(monkeypatch, **SCENARIOS[name], second=second, mode=mode)
        written, expected, drawing = both(made, mode)
        assert written == expected
        assert len(drawing.bars) == len(made.rows) > 0 and (drawing.line != "") == bool(second)
        if second is None:
            assert made.truncated == (name == "over fifty years")


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_the_plot_and_table_in_a_language_that_groups_digits(monkeypatch):
    with translation.override("de"):
        for mode in ("count", "share"):
            made = chart(monkeypatch, **SCENARIOS[MANY], mode=mode)
            written, expected, _ = both(made, mode)
            assert written == expected and "4.0" in written[1]  # 4.0xx articles, grouped


def test_bars_are_placed_by_the_charts_formula(monkeypatch):
    """Each bar's x from its index, its y and height from its value: worked out once per number
    of months and once per value, as each bar's own formula gives them."""
    for mode in ("count", "share"):
        made = chart(monkeypatch, **SCENARIOS["a few hits"], mode=mode)
        drawing = A.draw(made, month_url=url)
        step = (A.PLOT_RIGHT - A.PLOT_LEFT) / len(made.rows)
        top = max([made.value(r, 0) for r in [*made.rows, made.unknown]] + [1e-9])
        scale = (A.PLOT_BOTTOM - A.PLOT_TOP) / top
        for i, (bar, row) in enumerate(zip(drawing.bars, made.rows, strict=True)):
            height = made.value(row, 0) * scale
            assert (bar.x, bar.y, bar.width, bar.height, bar.row, bar.url) == (
                round(A.PLOT_LEFT + i * step + step * 0.1, 2), round(A.PLOT_BOTTOM - height, 2),
                round(step * 0.8, 2), round(height, 2), row, url(row.month))


def test_months_are_named_and_counted_as_the_index_writes_them(monkeypatch):
    for year in (1, 999, 1000, 1999, 2024, 9998):
        for month in range(1, 13):
            day = dt.date(year, month, 1)
            named = A._month(year * 12 + month - 1)
            assert named == (day, _DatedFields._month(day), f"{calendar.month_name[month]} {year}")
            assert _month_range(day) == f"from={day:%Y-%m-%d}&to={A.month_end(day):%Y-%m-%d}"
    made = chart(monkeypatch, **SCENARIOS[MANY])
    found, base = (dict(SCENARIOS[MANY][k].months) for k in ("found", "base"))
    for row in made.rows:
        n, whole = found.get(row.key, 0), base.get(row.key, 0)
        assert (row.counts, row.base) == ((n,), whole)
        assert row.shares == ((100 * n / whole,) if whole else (None,))

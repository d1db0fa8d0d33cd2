"""The attention chart's repeated markup (``search/attention/chart.html``): what the SVG draws (a
bar per month, the grid, the years, the second query's line) and a table row per month, written
in Python.

Two hundred months of bars and rows were about four thousand template variables on every search
page, more than half of its rendering time; the grid's and the years' loops were still a third
of the rest. The markup is the one the template wrote, with the same values: numbers as
``{{ number }}`` shows them (``localize``), dates as ``|date:"Y-m-d"``, ``|pluralize`` and
``|floatformat:2``, and the text (labels, links) escaped as autoescape does
(``tests/search/page/test_chart_markup.py`` compares the two).
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def localizer():
    """``django.utils.formats.localize`` for ints and floats, with the active language's number
    formats looked up once for the chart rather than for each number."""
    language = get_language()
    decimal, grouping, thousands = (
        get_format(name, language, use_l10n=True)
        for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    )
    if settings.USE_THOUSAND_SEPARATOR and grouping != 0:
        return lambda number: escape(str(numberformat.format(
            number, decimal, None, grouping, thousands, use_l10n=True)))
    decimal = escape(decimal)

    def localize(number) -> str:  # numberformat.format without grouping, made short
        text = str(number)
        if isinstance(number, float):
            if "e" in text.lower():
                return escape(str(numberformat.format(number, decimal, use_l10n=True)))
            return text.replace(".", decimal)
        return text

    return localize


def integer_formatter():
    """``localize`` for ints: ``str`` itself unless numbers are grouped (``numberformat.format``
    returns ``str(number)`` then), else ``localizer()``."""
    grouping = get_format("NUMBER_GROUPING", get_language(), use_l10n=True)
    return localizer() if settings.USE_THOUSAND_SEPARATOR and grouping != 0 else str


@lru_cache(maxsize=4096)
def _label(label: str) -> str:
    """A month's label escaped: the same on every chart, so escaped once."""
    return escape(label)


_CENT = Decimal("0.01")


def _hundredths(value: float) -> str:
    """A finite ``value`` rounded half up to hundredths as ``floatformat`` reads it (its
    ``repr``, a decimal), without the decimal separator's localisation.

    ``f"{value:.2f}"`` rounds the float's exact binary value instead, half to even, and is three
    times faster than ``Decimal``. The two agree except when the ``repr`` is itself a tie (three
    decimals, the last a 5: ``2.675``, whose float is 2.67499...). A float that is itself a tie
    (0.125, 0.375: exact in binary) has that tie as its ``repr``, so it is caught too; any other
    float is not on a tie, and no tie lies between a float and its ``repr``, which is the
    shortest decimal that reads back as the float and the nearest of that length.
    Ties, exponents and large values (whose floats are far apart) go through ``Decimal``."""
    text = repr(value)
    tie = text[-1] == "5" and text[-4:-3] == "."
    if tie or "e" in text or abs(value) >= 1e9:
        text = f"{Decimal(text).quantize(_CENT, ROUND_HALF_UP):f}"
    else:
        text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text  # the filter writes no sign on a zero


def percent_formatter():
    """``|floatformat:2`` for floats, with the number formats looked up once: the filter's
    Python (its checks, ``number_format``, the active language each time) was most of the
    table's rendering. Grouped numbers, infinities and NaN go through the filter itself."""
    language = get_language()
    decimal, grouping = (get_format(name, language, use_l10n=True)
                         for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING"))
    if settings.USE_THOUSAND_SEPARATOR and grouping != 0:
        return lambda value: floatformat(value, 2)
    decimal = escape(decimal)
    written: dict[float, str] = {}  # most months of a few-hit search share 0.0 %

    def percent(value: float) -> str:
        found = written.get(value)
        if found is not None:
            return found
        if not math.isfinite(value):
            return floatformat(value, 2)
        written[value] = text = _hundredths(value).replace(".", decimal)
        return text

    return percent


@register.simple_tag
def chart_plot(drawing, chart, mode: str) -> str:
    """Everything the SVG draws (``search.querying.attention.Drawing``): the grid, the bars, the
    second query's line, the bar of unknown dates and the years under the months."""
    number, integer = localizer(), integer_formatter()
    right = number(drawing.plot_right)
    return mark_safe("".join([  # noqa: S308 (text escaped, numbers are digits)
        *(f'<line class="grid" x1="44" x2="{right}" y1="{y}" y2="{y}"></line><text class="axis" '
          f'x="40" y="{y}" text-anchor="end" dominant-baseline="middle">{escape(label)}</text>'
          "\n    " for y, label in ((number(y), label) for y, label in drawing.grid)),
        f'<line class="baseline" x1="44" x2="{right}" y1="190" y2="190"></line>\n    ',
        _bars(drawing, mode, number, integer), "\n    ",
        _line(drawing, chart, number, integer) if drawing.line else "", "\n    ",
        _unknown(drawing.unknown, number) if drawing.unknown else "", "\n    ",
        *(f'<text class="axis" x="{number(x)}" y="204">{escape(label)}</text>\n    '
          for x, label in drawing.ticks),
    ]))


def _plural(count: int) -> str:
    return "" if count == 1 else "es"  # |pluralize:"es" of a count


def _bars(drawing, mode: str, number, integer) -> str:
    """A bar per month, each a link to its month's search, titled with its count (and its share
    in ``share`` mode)."""
    percent, out = percent_formatter(), []
    shapes: dict[float, str] = {}  # most months of a few-hit search have no match
    for index, bar in enumerate(drawing.bars):
        row, count = bar.row, bar.row.counts[0]
        share = f" ({percent(bar.value)}% of {integer(row.base)})" if mode == "share" else ""
        shape = shapes.get(bar.value)  # y and height follow from the value, the width is all's
        if shape is None:
            shape = shapes[bar.value] = (f'y="{number(bar.y)}" width="{number(bar.width)}" '
                                         f'height="{number(bar.height)}"')
        out.append(
            f'<a href="{escape(bar.url)}" class="bar-link" data-index="{integer(index)}" '
            # |date:"Y-m-d": the ISO date, its year in four digits
            f'data-from="{row.month.isoformat()}"><title>{_label(row.label)}: {integer(count)} '
            f'match{_plural(count)}{share}</title><rect class="bar" x="{number(bar.x)}" {shape}>'
            "</rect></a>\n    "
        )
    return "".join(out)


def _line(drawing, chart, number, integer) -> str:
    """The second query's line, a point per month titled with its count."""
    query = escape(chart.series[1].label)
    points = "".join([
        f'<circle class="series-2-point" cx="{number(x)}" cy="{number(y)}" r="2"><title>'
        f"{_label(row.label)}: {integer(row.counts[1])} match{_plural(row.counts[1])} for {query}"
        "</title></circle>"
        for x, y, row, _value in drawing.line_points
    ])
    return f'<polyline class="series-2" points="{escape(drawing.line)}"></polyline>\n    {points}'


def _unknown(bar, number) -> str:
    """The bar of the matches of unknown date, right of the months."""
    count, x = bar.row.counts[0], number(bar.x)
    return (f'<g class="unknown"><title>Date unknown: {number(count)} match{_plural(count)}'
            f'</title><rect class="bar bar-unknown" x="{x}" y="{number(bar.y)}" '
            f'width="{number(bar.width)}" height="{number(bar.height)}"></rect>'
            f'<text class="axis" x="{x}" y="204">?</text></g>')


@register.simple_tag
def chart_rows(chart) -> str:
    """The table's rows: a month per row, then the matches of unknown date."""
    integer, percent, out = integer_formatter(), percent_formatter(), []
    written: dict[tuple, str] = {}  # the cells of each (counts, shares): most months of a
    for row in [*chart.rows, chart.unknown]:  # few-hit search have the same, no match
        cells = written.get((row.counts, row.shares))
        if cells is None:
            cells = written[row.counts, row.shares] = "".join([
                f"<td>{integer(count)}</td><td>"
                + ("—" if share is None else f"{percent(share)}%") + "</td>"
                for count, share in zip(row.counts, row.shares, strict=True)
            ])
        out.append(f'<tr><th scope="row">{_label(row.label)}</th>{cells}'
                   f"<td>{integer(row.base)}</td></tr>\n")
    return mark_safe("".join(out))  # noqa: S308 (text escaped above, numbers are digits)

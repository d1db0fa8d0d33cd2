"""The attention chart's repeated markup (``search/attention/chart.html``): a bar per month and a
table row per month, written in Python.

Two hundred months of bars and rows were about four thousand template variables on every search
page, more than half of its rendering time. The markup is the one the template wrote, with the
same values: numbers as ``{{ number }}`` shows them (``localize``), dates as ``|date:"Y-m-d"``,
``|pluralize`` and ``|floatformat:2``, and the text (labels, links) escaped as autoescape does.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat, pluralize
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


_CENT = Decimal("0.01")


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
        rounded = Decimal(str(value)).quantize(_CENT, ROUND_HALF_UP)
        text = f"{rounded:f}"
        if text[0] == "-" and not rounded:  # the filter writes no sign on a zero
            text = text[1:]
        written[value] = text = text.replace(".", decimal)
        return text

    return percent


def _day(value) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"  # |date:"Y-m-d"


@register.simple_tag
def chart_bars(drawing, mode: str) -> str:
    """The bars of ``drawing`` (``search.querying.attention.Drawing``), each a link to its
    month's search, titled with its count (and its share in ``share`` mode)."""
    number, percent, out = localizer(), percent_formatter(), []
    for index, bar in enumerate(drawing.bars):
        row, count = bar.row, bar.row.counts[0]
        share = f" ({percent(bar.value)}% of {number(row.base)})" if mode == "share" else ""
        out.append(
            f'<a href="{escape(bar.url)}" class="bar-link" data-index="{number(index)}" '
            f'data-from="{_day(row.month)}"><title>{escape(row.label)}: {number(count)} '
            f'match{pluralize(count, "es")}{share}</title><rect class="bar" x="{number(bar.x)}" '
            f'y="{number(bar.y)}" width="{number(bar.width)}" height="{number(bar.height)}">'
            "</rect></a>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308 (text escaped above, numbers are digits)


@register.simple_tag
def chart_rows(chart) -> str:
    """The table's rows: a month per row, then the matches of unknown date."""
    number, percent, out = localizer(), percent_formatter(), []
    for row in [*chart.rows, chart.unknown]:
        cells = "".join(
            f"<td>{number(count)}</td><td>"
            + ("—" if share is None else f"{percent(share)}%") + "</td>"
            for count, share in row.cells
        )
        out.append(f'<tr><th scope="row">{escape(row.label)}</th>{cells}'
                   f"<td>{number(row.base)}</td></tr>\n")
    return mark_safe("".join(out))  # noqa: S308 (text escaped above, numbers are digits)

"""The attention chart's numbers are written in Python (search/templatetags/attention_chart.py)
for speed; they must read exactly as the template filters they replace."""

import random

from django.template.defaultfilters import floatformat
from django.test import override_settings
from django.utils import translation

from search.templatetags.attention_chart import percent_formatter

EDGES = [0.0, -0.0, 0.005, 0.015, 0.125, 0.375, 2.675, 1.005, 99.995, 100.0, 33.333333333333336,
         66.66666666666667, 1e-05, 1e-20, 12345.678, -0.004, -1.5, float("inf"), float("nan")]


def _values():
    """Edges, random floats, floats of three decimals, shares as a chart computes them, and every
    tie (an odd number of two-hundredths: 2.675 is 2.67499... as a float) from -10 to 10."""
    rng = random.Random(16)
    return EDGES + [rng.uniform(0, 100) for _ in range(2000)] + [
        round(rng.uniform(0, 100), 3) for _ in range(2000)
    ] + [100 * rng.randint(0, 500) / rng.randint(1, 500) for _ in range(2000)] + [
        n / 200 for n in range(-2001, 2001, 2)
    ] + [rng.uniform(-1e9, 1e9) for _ in range(200)]


def test_percent_reads_as_floatformat_2():
    percent = percent_formatter()
    values = _values() * 2  # the second time from what it kept (-0.0 after 0.0 included)
    assert [percent(v) for v in values] == [floatformat(v, 2) for v in values]


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_percent_reads_as_floatformat_2_in_a_grouping_language():
    with translation.override("de"):
        percent = percent_formatter()
        assert percent(12345.678) == "12.345,68"
        assert [percent(v) for v in _values()] == [floatformat(v, 2) for v in _values()]


def test_percent_uses_the_languages_decimal_separator():
    with translation.override("de"):
        assert percent_formatter()(2.675) == floatformat(2.675, 2) == "2,68"


def test_month_ends_and_bar_dates_as_the_calendar_and_strftime_write_them():
    """A month's last day without ``calendar.monthrange``, a bar's dates without ``strftime``."""
    import calendar
    import datetime as dt

    from search.querying.attention import month_end
    from search.views.attention import _day

    for year in (1, 4, 100, 999, 1000, 1900, 1999, 2000, 2023, 2024, 2100, 9999):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            last = month_end(first)
            assert last == first.replace(day=calendar.monthrange(year, month)[1])
            assert month_end(last) == last
            for day in (first, last):
                assert _day(day) == f"{day:%Y-%m-%d}"

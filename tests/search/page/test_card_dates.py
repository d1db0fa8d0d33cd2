"""A result card's dates as the ``date`` filter writes them (``result_cards._dates``), in any
language, for any year."""

import datetime as dt
import random

import pytest
from django.template.defaultfilters import date
from django.utils import translation

from search.templatetags.result_cards import _dates


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_card_dates_as_the_date_filter(language):
    rng = random.Random(7)
    days = [dt.date(1, 1, 1), dt.date(9, 2, 3), dt.date(999, 12, 31), dt.date(9999, 12, 31)]
    days += [dt.date.fromordinal(rng.randrange(1, dt.date.max.toordinal())) for _ in range(500)]
    with translation.override(language):
        for day in days:
            assert _dates(day) == (date(day, "Y-m-d"), date(day, "j F Y")), day
        moment = dt.datetime(2020, 5, 17, 23, 30)
        assert _dates(moment) == (date(moment, "Y-m-d"), date(moment, "j F Y"))

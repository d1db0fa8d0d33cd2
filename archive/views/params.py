"""URL parameters of the browsing pages, validated: path converters for a year and a month
(``/archive/2018/03/``) and a form for an outlet page's ``?year=``. Anything else is a 404
that says what was wrong, never a 500 (``year=0000`` or ``year=²²²²`` once were)."""

from __future__ import annotations

import re

from django import forms
from django.http import Http404

FIRST_YEAR, LAST_YEAR = 1, 9999  # what Python's dates (and every database) can hold


class YearConverter:
    """Four ASCII digits, 0001–9999 (``0000`` is no year)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(value)  # the URL does not match: 404
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    """01–12."""

    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


class YearForm(forms.Form):
    """An outlet page's ``?year=``: empty, or a year of four ASCII digits."""

    year = forms.RegexField(
        regex=re.compile(r"^[0-9]{4}\Z"),
        required=False,
        error_messages={"invalid": "expected a year of four digits, e.g. 2018"},
    )

    def clean_year(self) -> int | None:
        value = self.cleaned_data["year"]
        if not value:
            return None
        if not FIRST_YEAR <= int(value) <= LAST_YEAR:
            raise forms.ValidationError(f"expected a year from {FIRST_YEAR:04d} to {LAST_YEAR}")
        return int(value)


def year_param(request) -> int | None:
    """The request's ``?year=`` (None when absent); a 404 saying why when it is not a year."""
    form = YearForm(request.GET)
    if not form.is_valid():
        raw = request.GET.get("year", "")[:20]
        raise Http404(f"“{raw}” is not a year: {form.errors['year'][0]}.")
    return form.cleaned_data["year"]

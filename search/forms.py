"""The search form: validates the search page's GET parameters (every state of a search is in its
URL). Its ``cleaned_data`` is what ``search.querying.build_search`` takes.

The parameters are documented for readers in ``templates/search/help.html`` and for developers in
``docs/search.md``; keep the three in step.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from search.querying.builder import FACETS, SORTS
from search.querying.language import parse_query

MAX_VALUES = 20
MAX_VALUE_CHARS = 300
# The days a search can be limited to: four-digit years (the index stores dates as YYYYMMDD).
FIRST_DAY, LAST_DAY = dt.date(1000, 1, 1), dt.date(9999, 12, 31)

SORT_CHOICES = [
    ("relevance", "Best match"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
]
assert {value for value, _ in SORT_CHOICES} == set(SORTS)

# What each facet parameter accepts, and how to say so when a value does not fit.
_FACET_RULES: dict[str, tuple[re.Pattern | None, str]] = {
    "kind": (re.compile(r"^(article|comments)\Z"), "“article” or “comments”"),
    "year": (re.compile(r"^[1-9][0-9]{3}\Z"), "a year of four digits, e.g. 2018"),
    "month": (
        re.compile(r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])\Z"),
        "a month as YYYY-MM, e.g. 2018-03",
    ),
    "comments": (re.compile(r"^(yes|no)\Z"), "“yes” or “no”"),
    "outlet": (None, "an outlet's name"),
    "byline": (None, "an author's name"),
    "person": (None, "a person's name"),
    "organisation": (None, "an organisation's name"),
    "place": (None, "a place's name"),
    "story_size": (re.compile(r"^([1-9]|10\+)\Z"), "a number of versions from 1 to 9, or 10+"),
}

_FACET_HELP = {
    "kind": "What to search: “article” for article text, “comments” for reader comments; "
    "both when neither or both are given.",
    "outlet": "Only articles from these outlets (exact names; several are combined with OR).",
    "year": "Only these years of publication (YYYY; several are combined with OR).",
    "month": "Only these months of publication (YYYY-MM; several are combined with OR).",
    "comments": "“yes”: only articles with reader comments; “no”: only articles without.",
    "byline": "Only articles by these authors (exact names; several are combined with OR).",
    "person": "Only articles that mention these people (several are combined with OR).",
    "organisation": "Only articles that mention these organisations (combined with OR).",
    "place": "Only articles that mention these places (several are combined with OR).",
    "story_size": "Only stories carried in this many versions (1–9, or 10+ for ten or more).",
}


class ValuesField(forms.Field):
    """Zero or more values of one repeated GET parameter (``?outlet=A&outlet=B``)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern: re.Pattern | None, expected: str, **kwargs):
        self.pattern, self.expected = pattern, expected
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values: list[str] = []
        for item in value:
            item = " ".join(str(item).split())
            if item and item not in values:
                values.append(item)
        return values

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > MAX_VALUES:
            raise ValidationError(f"Choose at most {MAX_VALUES} values.", code="too_many")
        for item in value:
            bad_chars = any(unicodedata.category(ch)[0] == "C" for ch in item)
            if (
                bad_chars
                or len(item) > MAX_VALUE_CHARS
                or (self.pattern and not self.pattern.match(item))
            ):
                raise ValidationError(
                    "“%(value)s” is not valid here: expected %(expected)s.",
                    code="invalid",
                    params={"value": item[:60], "expected": self.expected},
                )


class DayField(forms.DateField):
    """A day as ``YYYY-MM-DD`` (nothing else), between ``FIRST_DAY`` and ``LAST_DAY``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if isinstance(value, str) and value and not _DAY.match(value):
            raise ValidationError(
                "“%(value)s” is not a day: expected YYYY-MM-DD, e.g. 2018-03-05.",
                code="invalid",
                params={"value": value[:60]},
            )
        return super().to_python(value)

    def validate(self, value) -> None:
        super().validate(value)
        if value and not FIRST_DAY <= value <= LAST_DAY:
            raise ValidationError(
                "%(value)s is out of range: expected a day from %(first)s to %(last)s.",
                code="out_of_range",
                params={"value": value.isoformat(), "first": FIRST_DAY, "last": LAST_DAY},
            )


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class QueryField(forms.CharField):
    """The query as typed: never refused (not even for NUL characters, which Django's
    CharField rejects): ``search.querying.parse_query`` repairs it and says how."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []


def printable(text: str) -> str:
    """``text`` with control and invisible characters as spaces (to echo into the search box)."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text or "")


class SearchForm(forms.Form):
    """Bind it to ``request.GET``. The views answer an invalid form with a 400 that lists
    ``errors`` (``search.views.invalid``); they never search with part of it."""

    q = QueryField(
        required=False,
        strip=True,
        label="Search for",
        help_text="Words must all appear; use \"quotes\" for a phrase, OR, NOT or -word, "
        "parentheses, headline:, outlet:, byline:, word*, word~ and \"two words\"~5.",
    )
    sort = forms.ChoiceField(
        required=False,
        choices=SORT_CHOICES,
        label="Sort by",
        help_text="Best match needs words to search for; otherwise the newest come first.",
    )

    per_story = forms.BooleanField(
        required=False,
        label="One result per story",
        help_text="Show each story once (its lead, else its best match) with how many other "
        "versions matched; counted over every match.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" and "to" are Python keywords: added here, not as class attributes.
        self.fields["from"] = DayField(
            label="From", help_text="Published on or after this day (YYYY-MM-DD)."
        )
        self.fields["to"] = DayField(
            label="To", help_text="Published on or before this day (YYYY-MM-DD)."
        )
        for facet in FACETS:
            pattern, expected = _FACET_RULES[facet.param]
            self.fields[facet.param] = ValuesField(
                pattern=pattern,
                expected=expected,
                label=facet.label,
                help_text=_FACET_HELP[facet.param],
            )
            self.fields[f"not_{facet.param}"] = ValuesField(
                pattern=pattern,
                expected=expected,
                label=f"{facet.label}: leave out",
                help_text=f"Leave out matches with these values. {_FACET_HELP[facet.param]}",
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "“To” is before “From”.")
            cleaned.pop("from", None)
        return cleaned

    def search_params(self) -> dict:
        """The valid part of the submitted search (call after ``is_valid()``), with the query
        parsed once under ``parsed``: everything that builds or shows this search reads it."""
        params = dict(self.cleaned_data) if hasattr(self, "cleaned_data") else {}
        params["parsed"] = parse_query(params.get("q") or "")
        return params

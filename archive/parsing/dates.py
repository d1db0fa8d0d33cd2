"""Publication dates: the scraper's `` date YYYY-MM-DD `` marker and explicit dateline lines.

Only whole-line, explicit dates near the top count ("Published: March 22, 2018", "Posted on
2018-03-22", "March 22, 2018"); a date inside a sentence ("In December 2017, …") never does.
Impossible dates (2018-02-30) are ignored rather than raised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# How many leading non-blank lines may hold a dateline.
DATE_SEARCH_LINES = 12
MAX_DATE_LINE_CHARS = 120

MARKER = re.compile(r"\s*date\s+(\d{4})-(\d{1,2})-(\d{1,2})(?=\s|$)\s*(.*)", re.DOTALL)

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_FORMS = (
    rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})",
    r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})",
    r"(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})",
)
# Optional trailing time / zone: "4:12 p.m. ET", "at 10:30 AM", "| 09:15 GMT", "T10:00:00Z".
_TIME = (
    r"(?:\s*(?:[,|@·•-]|at)?\s*T?\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
)
_PREFIX = (
    r"(?P<label>published|posted|first\s+published|last\s+updated|updated|modified|date|"
    r"dated|filed|issued)(?:\s+(?:on|at))?\s*:?\s*"
)
_TRAILER = r"(?:\s*(?:\||,|-|—|–)\s*(?:updated|modified).{0,60})?"

DATE_LINE = tuple(
    re.compile(rf"(?:{_PREFIX})?{form}{_TIME}\.?{_TRAILER}", re.IGNORECASE) for form in _DATE_FORMS
)


@dataclass(frozen=True)
class Marker:
    date: dt.date | None  # None when the marker's date is impossible
    rest: str  # text after the marker on the same line ("" when none)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_marker(line: str) -> Marker | None:
    """Recognise `` date 2018-03-22 [first paragraph…]`` at the start of a file."""
    match = MARKER.fullmatch(line)
    if not match:
        return None
    year, month, day, rest = match.groups()
    return Marker(make_date(int(year), int(month), int(day)), rest.strip())


def parse_date_line(line: str) -> tuple[bool, dt.date | None, str]:
    """Return (is a dateline, its date or None if impossible, its label in lower case)."""
    text = line.strip()
    if len(text) > MAX_DATE_LINE_CHARS:
        return False, None, ""
    for pattern in DATE_LINE:
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mnum"])
        label = re.sub(r"\s+", " ", (groups.get("label") or "").lower())
        return True, make_date(int(groups["year"]), month, int(groups["day"])), label
    return False, None, ""


def pick_published(found: list[tuple[dt.date | None, str]]) -> dt.date | None:
    """Prefer a "published/posted" date, then a bare date, then an "updated" one."""
    valid = [(date, label) for date, label in found if date is not None]
    for wanted in (
        lambda label: (
            label in {"published", "posted", "first published", "date", "dated", "filed", "issued"}
        ),
        lambda label: label == "",
        lambda label: True,
    ):
        for date, label in valid:
            if wanted(label):
                return date
    return None

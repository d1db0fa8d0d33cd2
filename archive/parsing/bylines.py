"""Bylines: "By …" lines, Reuters-style "Reporting by …" credits, and reporter e-mail addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NAME_WORD = r"[A-Z][\w'’-]*\.?|[A-Z]\."
PERSON = re.compile(
    rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}|de|da|del|der|van|von|la|le|bin|al|dos))"
    r"{1,4}"
)
# Agencies / desks that are not people.
NOT_PEOPLE = re.compile(
    r"(?:the\s+)?(?:associated\s+press|ap|reuters|afp|bloomberg|staff|wire\s+reports?|"
    r"news\s+services?|.*\b(?:staff|desk|newsroom|editors?|times|post|news|press|journal|"
    r"herald|tribune|globe|reporters?|writers?|correspondents?|agency|agencies|media))",
    re.IGNORECASE,
)
_BY_PREFIX = re.compile(r"(?:By|BY|by):?\s+")
_REPORTING = re.compile(r"\(?(?:Reporting|REPORTING|Reported)\s+(?:by|BY)\s+(?P<names>.+)")
_REPORTING_STOP = re.compile(
    r"\s*(?:;|\(|\)|\bAdditional\s+reporting\b|\bADDITIONAL\s+REPORTING\b|"
    r"\b(?:Editing|Writing|Compiled|Edited|Written|Graphics|Research)\s+by\b).*",
)
_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_PLACE = re.compile(r"\s+in\s+.*$")
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")
_PERSONAL_LOCAL = re.compile(r"([a-z]{2,})[._]([a-z]{2,})", re.IGNORECASE)
GENERIC_MAILBOXES = frozenset(
    [
        "newsroom",
        "news",
        "info",
        "letters",
        "letter",
        "editor",
        "editors",
        "tips",
        "tip",
        "desk",
        "press",
        "contact",
        "contacts",
        "support",
        "feedback",
        "help",
        "admin",
        "webmaster",
        "corrections",
        "opinion",
        "metro",
        "sports",
        "business",
        "community",
        "reader",
        "readers",
        "subscriptions",
        "subscribe",
        "service",
        "noreply",
        "no.reply",
        "no_reply",
        "hello",
        "team",
        "staff",
        "media",
        "comms",
        "communications",
        "advertising",
        "ads",
        "sales",
        "marketing",
    ]
)


def join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _people(segments: Iterable[str]) -> list[str]:
    names: list[str] = []
    for segment in segments:
        segment = segment.strip(" .,;:|—–-")
        if not segment:
            continue
        if NOT_PEOPLE.fullmatch(segment) or not PERSON.fullmatch(segment):
            break
        if segment not in names:
            names.append(segment)
    return names


def from_by_line(line: str) -> str:
    """ "By Jane Doe and John Roe, Reuters" -> "Jane Doe and John Roe"."""
    text = line.strip()
    match = _BY_PREFIX.match(text)
    if not match:
        return ""
    rest = re.split(r"\s*[|—–]\s*|\s+-\s+", text[match.end() :])[0]
    return join_names(_people(_SPLIT.split(rest)))


def from_reporting_line(line: str) -> str:
    """ "Reporting by A in X and B in Y Additional reporting by C" -> "A and B"."""
    match = _REPORTING.match(line.strip())
    if not match:
        return ""
    names = _REPORTING_STOP.sub("", match.group("names"))
    segments = [_PLACE.sub("", part) for part in _SPLIT.split(names)]
    return join_names(_people(segments))


def from_email(line: str) -> str:
    """ "anna.gorman@latimes.com" -> "Anna Gorman" (first.last mailboxes only)."""
    for local, _domain in EMAIL.findall(line):
        if local.lower() in GENERIC_MAILBOXES:
            continue
        match = _PERSONAL_LOCAL.fullmatch(local)
        if not match:
            continue
        first, last = match.groups()
        if first.lower() in GENERIC_MAILBOXES or last.lower() in GENERIC_MAILBOXES:
            continue
        return f"{first.capitalize()} {last.capitalize()}"
    return ""


def find_byline(
    by_lines: Iterable[str], credit_lines: Iterable[str], contact_lines: Iterable[str]
) -> str:
    """Best byline: a "By …" line, then a "Reporting by …" credit, then a reporter e-mail."""
    for line in by_lines:
        if name := from_by_line(line):
            return name
    for line in credit_lines:
        if name := from_reporting_line(line):
            return name
    for line in contact_lines:
        if name := from_email(line):
            return name
    return ""

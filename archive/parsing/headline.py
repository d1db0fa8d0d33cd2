"""Headline detection, and a title derived from the body when a page has no headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 250
# A first line set apart by a blank line may be a longer title ("…: A, B, and How C").
MAX_TITLE_LINE_WORDS = 60
MAX_TITLE_LINE_CHARS = 400
TITLE_MAX_WORDS = 12
TITLE_MAX_CHARS = 100
ELLIPSIS = "…"

# Ends like a prose sentence: a period (not an ellipsis or an initial), optionally in quotes.
_SENTENCE_END = re.compile(r"(?<!\.)(?<!\b[A-Z])\.[\"”’')\]]*$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "prof",
        "rev",
        "vs",
        "no",
        "inc",
        "corp",
        "co",
        "ltd",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
    ]
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")


_PULL_QUOTE = re.compile(r"[\"“„«‘'].+[\"”»’'][.!?]?")


def is_pull_quote(text: str) -> bool:
    """A line that is one quotation from start to end: a pull quote, not a headline."""
    return bool(_PULL_QUOTE.fullmatch(text.strip()))


def is_headline_shaped(text: str) -> bool:
    """Short, not ending like a sentence, and not a quotation."""
    text = text.strip()
    return (
        not is_pull_quote(text)
        and 0 < len(text) <= MAX_HEADLINE_CHARS
        and len(text.split()) <= MAX_HEADLINE_WORDS
        and not _SENTENCE_END.search(text)
        and not text.endswith((":", ",", ";"))
    )


def is_long_title(text: str) -> bool:
    """A title too long for :func:`is_headline_shaped` that still does not read as prose."""
    text = text.strip()
    return (
        len(text.split()) <= MAX_TITLE_LINE_WORDS
        and len(text) <= MAX_TITLE_LINE_CHARS
        and not _SENTENCE_END.search(text)
        and not text.endswith((":", ",", ";"))
        and not is_pull_quote(text)
    )


def looks_like_body(text: str) -> bool:
    """A line that reads as a paragraph (or a pull quote) rather than a title."""
    text = text.strip()
    return (
        len(text.split()) > MAX_HEADLINE_WORDS
        or bool(_SENTENCE_END.search(text))
        or is_pull_quote(text)
    )


def pick_headline(
    candidates: Sequence[tuple[int, str, bool, str | None]],
) -> int | None:
    """Choose the headline among the leading lines.

    ``candidates`` are the leading non-blank lines as (index, text, followed_by_blank,
    next_kind) where next_kind is "boilerplate", "body" or None (end of file), restricted to
    lines that are not boilerplate. Only the first content line may be a headline.
    """
    if not candidates:
        return None
    index, text, followed_by_blank, next_kind = candidates[0]
    if not is_headline_shaped(text) or next_kind is None:
        return None
    if followed_by_blank or next_kind == "boilerplate" or next_kind == "body":
        return index
    return None


def first_sentence(paragraph: str) -> str:
    text = paragraph.strip()
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[: match.start()]
        word = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        word = word.lstrip("\"“‘'(")
        if (
            word in _ABBREVIATIONS
            or re.fullmatch(r"[a-z]", word)
            or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)
        ):
            continue
        return text[: match.start() + 1]
    return text


def derive_title(paragraph: str) -> str:
    """First sentence of the body, cut to ~12 words / 100 chars with an ellipsis if cut."""
    sentence = first_sentence(paragraph)
    words = sentence.split()
    cut = False
    if len(words) > TITLE_MAX_WORDS:
        words, cut = words[:TITLE_MAX_WORDS], True
    title = " ".join(words)
    if len(title) > TITLE_MAX_CHARS:
        title, cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0], True
    if cut:
        return title.rstrip(" ,;:—–-") + ELLIPSIS
    return title.rstrip(".")

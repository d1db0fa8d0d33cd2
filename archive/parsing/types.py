"""The parser's result types. Pure Python: nothing here may import Django.

A raw file goes in as bytes; a :class:`ParsedArticle` comes out. Every non-blank line of the decoded
text is accounted for exactly once in ``ParsedArticle.lines`` with a :class:`LineKind`, so that
headline + body + boilerplate + comments can always be checked against the raw text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

# What ``archive.parsing`` exports of this module (the package re-exports exactly these).
__all__ = [
    "BOILERPLATE_KINDS",
    "Boilerplate",
    "CommentSection",
    "Line",
    "LineKind",
    "OutletSignature",
    "ParseError",
    "ParsedArticle",
]


class LineKind(StrEnum):
    """What a line of a scraped page is. Values are stored in the database: never rename one."""

    HEADLINE = "headline"
    BODY = "body"
    # Page furniture removed by cleaning ("boilerplate"):
    ADVERTISING = "advertising"  # "Advertisement", "Sponsored content" markers
    NAVIGATION = "navigation"  # "Share", "Skip to footer", "Read more", menus
    PHOTO = "photo"  # photo credits and captions ("AP Photo", "(Photo: Screen capture)")
    COPYRIGHT = "copyright"  # "© Copyright (c) 2018 News World Communications, Inc."
    LICENSING = "licensing"  # syndication / licensing notices
    CONTACT = "contact"  # reporter or newsroom e-mail addresses
    CREDIT = "credit"  # "Reporting by …; Editing by …", "Associated Press writer … contributed"
    SEPARATOR = "separator"  # "--", "—-", "***"
    SITE = "site"  # other site furniture, e.g. a comment-section footer
    TEMPLATE = "template"  # a line repeated across many articles of one outlet (templates.py)
    # Reader comments (never part of the body):
    COMMENT_HEADING = "comment_heading"  # "Join the discussion"
    COMMENT = "comment"

    @property
    def is_boilerplate(self) -> bool:
        return self not in _CONTENT_KINDS


# What a page is made of besides its furniture (built once: ``is_boilerplate`` is called per line).
_CONTENT_KINDS = frozenset(
    {LineKind.HEADLINE, LineKind.BODY, LineKind.COMMENT_HEADING, LineKind.COMMENT}
)

BOILERPLATE_KINDS = tuple(kind for kind in LineKind if kind.is_boilerplate)


class ParseError(ValueError):
    """The file cannot become an article. ``str(error)`` is a one-line reason for the user."""


@dataclass(frozen=True)
class OutletSignature:
    """What identifies one outlet in a scraped page.

    ``phrases`` match case-insensitively as substrings of a line; ``patterns`` are regular
    expressions (searched, case-insensitive) over a line; ``email_domains`` match the domain of an
    e-mail address in the text (``latimes.com`` matches ``anna.gorman@latimes.com``).
    """

    slug: str
    name: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()


class Line(NamedTuple):
    """One non-blank line of the decoded text. ``number`` is 1-based in the decoded text.

    A named tuple rather than a dataclass: parse workers send every line of every page to the
    writer, which gets them back from plain tuples with no Python call each
    (``archive.ingestion.parallel``)."""

    number: int
    text: str  # the line exactly as decoded (no stripping)
    kind: LineKind


@dataclass(frozen=True)
class Boilerplate:
    kind: LineKind
    text: str  # the stripped line
    line: int

    def __reduce__(self):
        return Boilerplate, (self.kind, self.text, self.line)  # its fields, not a __dict__


@dataclass(frozen=True)
class CommentSection:
    heading: str  # e.g. "Join the discussion"
    line: int  # line number of the heading
    comments: tuple[str, ...]  # one comment a line, in order, stripped


@dataclass(frozen=True)
class ParsedArticle:
    raw: bytes  # the input, untouched
    text: str  # decoded (and mojibake-repaired) text
    encoding: str  # e.g. "utf-8", "utf-16", "cp1252"
    repaired: bool  # mojibake was repaired after decoding
    lines: tuple[Line, ...]  # every non-blank line, each with its kind
    headline: str  # "" when the file has none
    title: str  # headline, or a title derived from the first sentence
    headline_derived: bool
    paragraphs: tuple[str, ...]  # the clean body
    boilerplate: tuple[Boilerplate, ...]
    comments: CommentSection | None
    published: dt.date | None
    byline: str  # "" when unknown
    source: str | None  # slug of the matched OutletSignature, None when unknown
    source_evidence: str = ""  # the line that identified the outlet
    url: str = ""  # the page's canonical URL (saved HTML pages), "" when unknown
    raw_format: str = "text"  # "text" (a scraped text file) or "html" (a saved page)
    notes: tuple[str, ...] = field(default_factory=tuple)  # parser remarks for curators

    def __reduce__(self):
        # Pickled with its lines as plain tuples: parse workers send every page to the writer,
        # and a tuple costs no Python call to pickle or to unpickle (a Line one each way).
        state = self.__dict__.copy()
        state["lines"] = tuple(map(tuple, self.lines))
        return _parsed_article, (state,)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def _parsed_article(state: dict) -> ParsedArticle:
    """A pickled :class:`ParsedArticle` back (``ParsedArticle.__reduce__``): its fields set as
    unpickling sets a dataclass's, its lines made Lines again."""
    new = tuple.__new__
    state["lines"] = tuple([new(Line, line) for line in state["lines"]])
    article = object.__new__(ParsedArticle)
    article.__dict__.update(state)
    return article

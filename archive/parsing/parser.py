"""``parse_article``: raw bytes -> :class:`ParsedArticle`, accounting for every non-blank line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from . import boilerplate, bylines, comments, dates, extracted, furniture, headline, outlets
from .decoding import decode_bytes, split_lines
from .types import (
    Boilerplate,
    CommentSection,
    Line,
    LineKind,
    OutletSignature,
    ParsedArticle,
    ParseError,
)

# A comment heading only counts once this many words of body precede it.
MIN_BODY_WORDS_BEFORE_COMMENTS = 8
# A comment heading stands after the article: at least this share of the page's prose before it.
MIN_PROSE_SHARE_BEFORE_COMMENTS = 0.3
# ... or a whole article's worth of prose (the comments may well be longer than the article).
MIN_PROSE_WORDS_BEFORE_COMMENTS = 100
# ... or, for an unambiguous heading ("38 comments… read them below"), this share of the page's
# lines: an article that is mostly a list has little prose, and its comments a lot.
MIN_LINE_SHARE_BEFORE_COMMENTS = 0.3


@dataclass(slots=True)
class _Row:
    number: int  # 1-based line number in the decoded text
    text: str  # exactly as decoded
    blank_after: bool  # the next line of the text is blank (or end of file)
    kind: LineKind | None = None
    body: str = ""  # paragraph text for BODY lines (the marker line keeps only its rest)


def _rows(text: str) -> list[_Row]:
    raw_lines = split_lines(text)
    blank = [not line.strip() for line in raw_lines]
    blank.append(True)  # (after the last line: the end of the file)
    return [_Row(index + 1, line, blank[index + 1])
            for index, line in enumerate(raw_lines) if not blank[index]]


def _mark_boilerplate(rows: list[_Row], start: int) -> None:
    for row in rows[start:]:
        row.kind = boilerplate.classify_line(row.text)


def _mark_dates(rows: list[_Row], start: int) -> list[tuple[dt.date | None, str]]:
    found: list[tuple[dt.date | None, str]] = []
    for row in rows[start : start + dates.DATE_SEARCH_LINES]:
        if row.kind is not None:
            continue
        is_date, date, label = dates.parse_date_line(row.text)
        if is_date:
            row.kind = LineKind.SITE
            found.append((date, label))
    return found


def _first_line_is_title(rows: list[_Row], start: int) -> bool:
    """The raw format puts the page's title on its first line, then a blank line. A long title
    set apart like that is still the title; so is a first line that reads as a menu word
    ("Sections", "Log In") or a video label when the page prints it again further down (a
    page's title is its heading too), but never advertising, separators, copyright or dates."""
    if start >= len(rows) - 1:
        return False
    row = rows[start]
    text = row.text.strip()
    if not row.blank_after or len(text) > headline.MAX_TITLE_LINE_CHARS:
        return False
    if row.kind is None:
        return headline.is_long_title(text)
    if row.kind not in _TITLE_KINDS or dates.parse_date_line(text)[0] or _NEVER_TITLE.match(text):
        return False
    if row.kind is LineKind.PHOTO and not _MEDIA_LABEL.match(text):
        return False  # a photo credit, not "VIDEO: Voting on the budget"
    key = furniture.template_key(text)
    return any(furniture.template_key(later.text) == key for later in rows[start + 1 :])


# Kinds a rule may give a first line that the raw format still makes the title.
_TITLE_KINDS = (LineKind.NAVIGATION, LineKind.SITE, LineKind.PHOTO)
_MEDIA_LABEL = re.compile(r"(?:video|watch|photos|gallery|audio|listen)\s*:\s*\S", re.IGNORECASE)
_NEVER_TITLE = re.compile(r"(?:skip|jump|go|back)\s+to\b", re.IGNORECASE)


def _mark_headline(rows: list[_Row], start: int) -> int | None:
    if _first_line_is_title(rows, start):
        rows[start].kind = LineKind.HEADLINE
        return start
    content = [i for i in range(start, len(rows)) if rows[i].kind is None]
    if not content:
        return None
    first = content[0]
    following = rows[first + 1] if first + 1 < len(rows) else None
    if following is None:
        next_kind = None
    elif following.kind is not None:
        next_kind = "boilerplate"
    elif headline.looks_like_body(following.text):
        next_kind = "body"
    else:
        next_kind = "short"
    chosen = headline.pick_headline([(first, rows[first].text, rows[first].blank_after, next_kind)])
    if chosen is not None:
        rows[chosen].kind = LineKind.HEADLINE
    return chosen


def _opens_comments(row: _Row, body_words: int) -> bool:
    if row.kind not in (None, LineKind.HEADLINE):
        return False
    strength = comments.heading_strength(row.text)
    return strength == 2 or (strength == 1 and body_words >= MIN_BODY_WORDS_BEFORE_COMMENTS)


def _mark_comments(rows: list[_Row], has_body_before: int, prose: list[int]) \
        -> CommentSection | None:
    """The first comment heading that stands after the article opens the comment section.

    A heading with little prose before it (less than MIN_PROSE_SHARE_BEFORE_COMMENTS of the
    page's and less than MIN_PROSE_WORDS_BEFORE_COMMENTS words) is a link in the page's menu
    ("Comments (32)" above the article), unless it is the very top of a page of comments alone."""
    body_words = has_body_before
    total_prose = sum(prose)
    prose_before = 0
    for index, row in enumerate(rows):
        if _opens_comments(row, body_words) and (
            prose_before >= MIN_PROSE_SHARE_BEFORE_COMMENTS * total_prose
            or prose_before >= MIN_PROSE_WORDS_BEFORE_COMMENTS
            or (prose_before == 0 and index < 2)
            or (prose_before and index >= MIN_LINE_SHARE_BEFORE_COMMENTS * len(rows)
                and comments.heading_strength(row.text) == 2)
        ):
            row.kind = LineKind.COMMENT_HEADING
            found: list[str] = []
            for later in rows[index + 1 :]:
                later.kind = (
                    boilerplate.classify_line(later.text, boilerplate.COMMENT_SECTION_KINDS)
                    or LineKind.COMMENT
                )
                if later.kind is LineKind.COMMENT:
                    found.append(later.text.strip())
            return CommentSection(row.text.strip(), row.number, tuple(found))
        if row.kind is None and body_words < MIN_BODY_WORDS_BEFORE_COMMENTS:
            body_words += len(row.text.split())  # (only compared with that: no need to go on)
        prose_before += prose[index]
    return None


def _mark_furniture(rows: list[_Row], shapes: list[furniture.Shape | None],
                    templates: Collection[str]) -> set[int]:
    """Lines no rule recognised: body or furniture from their shape and place (``furniture``).
    The comment section, marked since the shapes were taken, is left alone.

    Returns the numbers of the lines removed that are weak evidence of the outlet: menus, link
    lists and teasers name other outlets all the time; only the page's prompts ("Get the Fox
    News app") speak for the page itself."""
    shapes = [shape if row.kind is None else None for row, shape in zip(rows, shapes, strict=True)]
    weak: set[int] = set()
    if not any(shapes):
        return weak
    title = next((row.text.strip() for row in rows if row.kind is LineKind.HEADLINE), "")
    for row, kind in zip(rows, furniture.classify(shapes, templates, title), strict=True):
        if kind is not None:
            row.kind = kind
            if not furniture.speaks_for_site(row.text.strip()):
                weak.add(row.number)
    return weak


def _mark_worded_furniture(rows: list[_Row]) -> set[int]:
    """Lines no rule recognised, in text an extractor cut out of its page: furniture by their
    wording alone (``extracted``). Returns, as ``_mark_furniture`` does, the numbers of those
    that are weak evidence of the outlet."""
    weak: set[int] = set()
    for row in rows:
        if row.kind is None and (kind := extracted.furniture_kind(row.text)) is not None:
            row.kind = kind
            if not furniture.speaks_for_site(row.text.strip()):
                weak.add(row.number)
    return weak


def parse_article(
    raw: bytes,
    signatures: Sequence[OutletSignature] | outlets.OutletMatcher = (),
    *,
    max_bytes: int | None = None,
    templates: Collection[str] = frozenset(),
    shape_rules: bool = True,
) -> ParsedArticle:
    """Parse one scraped page. Raises :class:`ParseError` with a one-line reason on refusal.

    ``signatures``: the known outlets, or an :class:`~archive.parsing.outlets.OutletMatcher` built
    once from them with :func:`~archive.parsing.outlets.compile_signatures` for many pages.
    ``templates``: lines known as this outlet's furniture, in :func:`furniture.template_key`
    form (learnt across its articles); they are removed wherever they stand.
    ``shape_rules=False`` skips judging lines by their shape and place (``furniture``) for text
    an extractor has already cut out of its page (saved HTML: see ``html``), where short lines
    are the article's own (subheadings, ingredients, table cells); the lines are then judged by
    their wording alone (``extracted``: prompts, disclosures, bios), after the wording rules.
    """
    decoded = decode_bytes(raw, max_bytes=max_bytes)
    rows = _rows(decoded.text)
    notes: list[str] = []
    if decoded.repaired:
        notes.append("mojibake repaired after decoding")

    # 1. The scraper's date marker on the first line; text after it is the first paragraph.
    start = 0
    marker_date: dt.date | None = None
    marker = dates.parse_marker(rows[0].text) if rows else None
    if marker is not None:
        marker_date = marker.date
        if marker.date is None:
            notes.append("date marker holds an impossible date; ignored")
        if marker.rest:
            rows[0].kind, rows[0].body = LineKind.BODY, marker.rest
        else:
            rows[0].kind = LineKind.SITE
        start = 1

    # 2. Boilerplate, datelines near the top, headline, comment section; the rest is body.
    _mark_boilerplate(rows, start)
    date_lines = _mark_dates(rows, start)
    if marker is None or not marker.rest:
        _mark_headline(rows, start)
    marker_words = len(rows[0].body.split()) if marker and marker.rest else 0
    shapes = [furniture.Shape(row.text.strip()) if row.kind is None else None for row in rows]
    prose = [shape.words if shape is not None and shape.prose else 0 for shape in shapes]
    section = _mark_comments(rows, marker_words, prose)
    weak = _mark_furniture(rows, shapes, templates) if shape_rules else _mark_worded_furniture(rows)
    for row in rows:
        if row.kind is None:
            row.kind, row.body = LineKind.BODY, row.text.strip()

    paragraphs = tuple(row.body for row in rows if row.kind is LineKind.BODY)
    if not paragraphs:
        raise ParseError("no article body after removing boilerplate and comments")

    lines = tuple(Line(row.number, row.text, row.kind) for row in rows if row.kind)
    head = next((r.text.strip() for r in rows if r.kind is LineKind.HEADLINE), "")
    title, derived = head, False
    if not head:
        title, derived = headline.derive_title(paragraphs[0]), True
        notes.append("no headline found; title derived from the first sentence")

    stripped = [(r.kind, r.text.strip()) for r in rows]
    credit = [t for k, t in stripped if k is LineKind.CREDIT]
    byline = bylines.find_byline(
        [t for t in credit if boilerplate.is_byline(t)],
        credit,
        [t for k, t in stripped if k is not None and k.is_boilerplate],
    )
    source, evidence = outlets.detect_outlet(
        [Line(line.number, line.text, LineKind.BODY) if line.number in weak else line
         for line in lines] if weak else lines,
        signatures,
    )
    published = marker_date or dates.pick_published(date_lines)

    return ParsedArticle(
        raw=raw,
        text=decoded.text,
        encoding=decoded.encoding,
        repaired=decoded.repaired,
        lines=lines,
        headline=head,
        title=title,
        headline_derived=derived,
        paragraphs=paragraphs,
        boilerplate=tuple(
            Boilerplate(r.kind, r.text.strip(), r.number)
            for r in rows
            if r.kind is not None and r.kind.is_boilerplate
        ),
        comments=section,
        published=published,
        byline=byline,
        source=source,
        source_evidence=evidence,
        notes=tuple(notes),
    )

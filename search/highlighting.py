"""Every highlight of the site, in one place: the matched words of a search marked in
``<mark>`` on escaped text.

- ``snippet(text, terms)``: a window of the text around the first match, for result lists (the
  search page, its JSON and exports, the engine's haystack ``highlight()``);
- ``highlight(text, terms)``: all of a short text (a headline);
- ``highlight_paragraphs(paragraphs, query)``: an article's whole text, every match numbered
  (``id="match-N"``) so "next / previous match" can walk them; an exact phrase is one match,
  marked where its words follow one another (``"profoundly immoral"`` twice in the text is two
  matches, not four);
- ``highlight_comments(comments, query)``: reader comments marked the same way, numbered apart
  (``comment-match-N``), with how many matches each has;
- ``quoted_query`` / ``query_label``: the query named in a sentence, quoted once;
- ``plain_snippet(text, query)``: plain text around the first match, for feeds.

Words are matched as the search page matches them: the query is parsed by
``search.querying.parse_query``, and each word of the text matches a term exactly, by its Porter
stem, or by a prefix (``prosecut*``: ``search.word_matching``). Each piece of text is escaped
before the marks are put around matches, so a scraped ``<script>`` or ``"><img onerror=…>``
stays text. It works on the text the database holds, so every haystack backend gets the same
safe snippets (never ``{% highlight %}``, which escapes nothing).
"""


from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from search.querying.language import parse_query
from search.querying.tree import HighlightTerm, ParsedQuery
from search.word_matching import TOKEN, Matcher

SNIPPET_CHARS = 260
LEAD_CHARS = 70
SCAN_CHARS = 2000  # characters of a text searched at a time for a snippet's first match
@lru_cache(maxsize=16)
def _matcher(terms: tuple[HighlightTerm, ...]) -> Matcher:
    """One matcher per set of terms, shared by a page's snippets (and the next pages')."""
    return Matcher(terms)


def _first_match(text: str, matcher: Matcher) -> re.Match | None:
    """The first token of ``text`` that ``matcher`` matches. The text is read ``SCAN_CHARS`` at
    a time, cut at a space (a token never holds one), because a search's best hits mostly match
    early: each window's distinct words are looked at once, then the first that matched found."""
    start, length = 0, len(text)
    while start < length:
        end = length
        if length - start > SCAN_CHARS:
            cut = text.rfind(" ", start + SCAN_CHARS // 2, start + SCAN_CHARS)
            end = cut if cut > start else length
        candidates = matcher.candidates
        matches = matcher.matches
        matched = {t for t in set(candidates.findall(text, start, end)) if matches(t)}
        if matched:
            return next(m for m in candidates.finditer(text, start, end) if m.group() in matched)
        start = end
    return None


_SPACE = re.compile(r"\s")  # what ``str.split()`` splits at
_NOT_SPACE = re.compile(r"\S")


def _spaced(text: str, first: int | None, size: int) -> tuple[str, int | None, bool]:
    """The part of ``" ".join(text.split())`` that a snippet of ``size`` characters around the
    match at ``first`` (in ``text``) reads; where that match starts in it; and whether that part
    starts later than the joined text (it then starts after one of its spaces). Joining a whole
    article's words was a third of its snippet's time, for the few hundred characters shown: a
    match far in is joined with the ~``4 * LEAD_CHARS`` characters before it, and ``2 * size``
    characters after it, unless whitespace runs make either too short."""
    at = first or 0
    end = at + 2 * size + 1  # a run of whitespace or two among them
    cut = 0
    if at > 4 * LEAD_CHARS:  # from a space, with words before it
        space = _SPACE.search(text, at - 4 * LEAD_CHARS, at)
        if space and _NOT_SPACE.search(text, 0, space.start()):
            cut = space.start()
    head = " ".join(text[cut:at].split())
    if cut and len(head) < LEAD_CHARS + 1:  # too little before the match: from the start
        cut, head = 0, " ".join(text[:at].split())
    if head and text[at - 1].isspace():
        head += " "  # the run of whitespace before the match, as one space
    spaced = head + " ".join(text[at:end].split())
    if end < len(text) and len(spaced) <= len(head) + size:
        spaced = head + " ".join(text[at:].split())
    return spaced, None if first is None else len(head), cut > 0


def snippet(text: str, terms: Iterable[HighlightTerm], *, size: int = SNIPPET_CHARS) -> SafeString:
    """Escaped HTML: about ``size`` characters of ``text`` around its first match, matches marked;
    the opening of the text when nothing matches. The text is read with its whitespace runs as
    single spaces."""
    text = text or ""
    matcher = _matcher(tuple(terms))
    # Found in the text as it is: a token never holds whitespace, so the same one is first.
    first = _first_match(text, matcher) if matcher else None
    text, first_at, cut = _spaced(text, first.start() if first else None, size)
    if not text:
        return mark_safe("")  # noqa: S308 (an empty string)
    start = 0
    if first_at is not None and first_at > LEAD_CHARS:
        # The last space that far before the match; the one before ``text`` when it was cut.
        start = text.rfind(" ", 0, first_at - LEAD_CHARS) + 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space > 0 else end
    parts: list[str] = ["… " if start > 0 or cut else ""]
    escape = html.escape  # Django's ``escape`` without its lazy-text check: the text is a str
    position = start
    # Only a token starting with a term's first letter can match (``Matcher.candidates``).
    window = matcher.candidates.finditer(text, start, end) if first is not None else ()
    for match in window:
        if not matcher.matches(match.group()):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


def highlight(text: str, terms: Iterable[HighlightTerm]) -> SafeString:
    """All of ``text`` (a headline), escaped, with matches marked."""
    return snippet(text, terms, size=max(len(text or ""), 1))


def _terms(query: str | ParsedQuery) -> tuple[HighlightTerm, ...]:
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query or "", budget=False)
    return parsed.highlight_terms


@dataclass(frozen=True)
class QueryMarker:
    """What to mark for one query: single words, and exact phrases as word sequences."""

    words: Matcher
    phrases: tuple[tuple[Matcher, ...], ...]

    @classmethod
    def for_query(cls, query: str | ParsedQuery) -> QueryMarker:
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query or "")
        phrases = tuple(
            tuple(Matcher([HighlightTerm(word)]) for word in words)
            for words in parsed.highlight_phrases
        )
        return cls(Matcher(parsed.highlight_words), phrases)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match in ``text``, in order, never overlapping."""
        if not self:
            return []
        tokens = list(TOKEN.finditer(text))
        found: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            length = self._phrase_at(tokens, i)
            if length:
                found.append((tokens[i].start(), tokens[i + length - 1].end()))
                i += length
                continue
            if self.words and self.words.matches(tokens[i].group()):
                found.append((tokens[i].start(), tokens[i].end()))
            i += 1
        return found

    def _phrase_at(self, tokens, i: int) -> int:
        for phrase in self.phrases:
            end = i + len(phrase)
            if end <= len(tokens) and all(
                matcher.matches(tokens[i + k].group()) for k, matcher in enumerate(phrase)
            ):
                return len(phrase)
        return 0


def mark_text(text: str, marker: QueryMarker, counter, prefix: str = "match") -> SafeString:
    """``text`` escaped, each match in ``<mark class="hit" id="{prefix}-N">``."""
    parts: list[str] = []
    position = 0
    for start, end in marker.spans(text):
        number = next(counter)
        parts.append(escape(text[position:start]))
        parts.append(
            f'<mark class="hit" id="{prefix}-{number}" data-match="{number}">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


def highlight_paragraphs(
    paragraphs: list[str], query: str | ParsedQuery
) -> tuple[list[SafeString], int]:
    """Each paragraph whole and escaped, the query's words and phrases marked
    ``<mark class="hit" id="match-N">`` with ``N`` running across the paragraphs; and the
    number of marks."""
    marker = QueryMarker.for_query(query)
    counter = itertools.count()
    marked = [mark_text(paragraph, marker, counter) for paragraph in paragraphs]
    return marked, next(counter)


@dataclass(frozen=True)
class MarkedComment:
    number: int  # 1-based, within its block (the anchor is comment-<block>-<number>)
    text: SafeString
    matches: int


def highlight_comments(
    comments: list[str], query: str | ParsedQuery, counter=None
) -> list[MarkedComment]:
    """A block's comments escaped, with the query's matches marked (``comment-match-N``)."""
    marker = QueryMarker.for_query(query)
    counter = counter if counter is not None else itertools.count()
    return [
        MarkedComment(
            number, mark_text(comment, marker, counter, "comment-match"), len(marker.spans(comment))
        )
        for number, comment in enumerate(comments, start=1)
    ]


def first_matching_comment(comments: list[str], terms: Iterable[HighlightTerm]) -> int | None:
    """The 1-based number of the first comment with a word the terms match, else None. Only
    the tokens that could match are looked at (``Matcher.candidates``), with the matcher the
    page's snippets share."""
    matcher = _matcher(tuple(terms))
    if not matcher:
        return None
    candidates, matches = matcher.candidates, matcher.matches
    for number, comment in enumerate(comments, start=1):
        if any(matches(token) for token in candidates.findall(comment)):
            return number
    return None


def quoted_query(display: str) -> str:
    """The query as a reader reads it in a sentence: a query with its own quotation marks
    keeps them (as curly quotes) and gets no others; anything else is put in quotes once.
    ``"profoundly immoral"`` → ``“profoundly immoral”``; ``border`` → ``“border”``."""
    if '"' not in display:
        return f"“{display}”"
    parts = display.split('"')
    return "".join(
        part if i == 0 else ("“" if i % 2 else "”") + part for i, part in enumerate(parts)
    )


def query_label(query: str) -> str:
    """The query as the article page names it ("… for “border”"): as the search page read it,
    quoted once; "" without a query."""
    if not query:
        return ""
    return quoted_query(parse_query(query).display or query)


def plain_snippet(text: str, query: str | ParsedQuery = "") -> str:
    """Plain text (no markup, no entities): the passage around the first match, or the opening
    of the text; for feed summaries."""
    return html.unescape(strip_tags(str(snippet(text, _terms(query)))))

"""Snippets for search results: a window of the text around the first match, HTML-escaped, with
the matched words (and their inflections) in ``<mark>``. Nothing else in the output is markup, so
a scraped ``<script>`` or ``"><img onerror=…>`` stays text.

Independent of the search engine: it works on the text the database holds, so every haystack
backend gets the same safe snippets (never ``{% highlight %}``, which escapes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.lang.porter import stem

from .language import HighlightTerm

SNIPPET_CHARS = 260
LEAD_CHARS = 70
_TOKEN = re.compile(r"\w+(?:['’.]\w+)*")


_stem = lru_cache(maxsize=65536)(stem)


def _normal(word: str) -> str:
    return re.sub(r"\W", "", word.lower())


class _Matcher:
    def __init__(self, terms: Iterable[HighlightTerm]):
        self.words: set[str] = set()
        self.stems: set[str] = set()
        self.prefixes: list[str] = []
        for term in terms:
            text = _normal(term.text)
            if not text:
                continue
            if term.prefix:
                self.prefixes.append(text)
            else:
                self.words.add(text)
                self.stems.add(_stem(text))
        # A word can only share a stem with a term that starts with the same two letters.
        self.heads = {w[:2] for w in self.words}

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes)

    def matches(self, token: str) -> bool:
        word = _normal(token)
        return (
            word in self.words
            or (word[:2] in self.heads and _stem(word) in self.stems)
            or any(word.startswith(prefix) for prefix in self.prefixes)
        )


def snippet(text: str, terms: Iterable[HighlightTerm], *, size: int = SNIPPET_CHARS) -> SafeString:
    """Escaped HTML: about ``size`` characters of ``text`` around its first match, matches marked;
    the opening of the text when nothing matches."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 (an empty string)
    matcher = _Matcher(terms)
    first = next(
        (m for m in _TOKEN.finditer(text) if matcher.matches(m.group())), None
    ) if matcher else None
    start = 0
    if first is not None and first.start() > LEAD_CHARS:
        start = text.rfind(" ", 0, first.start() - LEAD_CHARS) + 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space > 0 else end
    parts: list[str] = ["… " if start > 0 else ""]
    position = start
    window = _TOKEN.finditer(text, start, end) if first is not None else ()
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

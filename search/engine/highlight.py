"""Snippets with the matched words in ``<mark>``: Whoosh escapes the text, then adds only the
marks (the text came from a scraped page: nothing in it may become markup)."""

from __future__ import annotations

import re

from django.utils.html import escape
from whoosh.highlight import ContextFragmenter, HtmlFormatter

SNIPPET_CHARS = 240


class MarkFormatter(HtmlFormatter):
    """``<mark>word</mark>`` and nothing else (no class attributes)."""

    template = "<%(tag)s>%(t)s</%(tag)s>"

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")


WINDOW_BEFORE, WINDOW_AFTER = 300, 1200


def _window(hit, fieldname: str, text: str) -> str:
    """The part of ``text`` around the first likely match (a prefix of a query stem), so the
    highlighter analyses ~1,500 characters instead of the whole body (profiled: re-analysing
    each shown body was the largest part of highlighting). The highlighter still decides what
    matches; this only chooses where it looks."""
    if len(text) <= WINDOW_BEFORE + WINDOW_AFTER:
        return text
    pattern = getattr(hit.results, "_clippings_window", None)
    if pattern is None:
        stems = {
            (word.decode() if isinstance(word, bytes) else word)
            for name, word in hit.results.q.iter_all_terms() if name == fieldname
        }
        prefixes = sorted({re.escape(s[: max(3, len(s) - 1)]) for s in stems if s}, key=len)
        pattern = re.compile(r"\b(?:" + "|".join(prefixes) + ")", re.IGNORECASE) if prefixes \
            else False
        hit.results._clippings_window = pattern
    found = pattern.search(text) if pattern else None
    if found is None:
        return text[: WINDOW_BEFORE + WINDOW_AFTER]
    start = max(0, found.start() - WINDOW_BEFORE)
    return text[start : found.start() + WINDOW_AFTER]


def configure(results) -> None:
    results.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
    results.formatter = MarkFormatter()


def snippet(hit, fieldname: str, text: str) -> str:
    """Escaped HTML: the best fragments with the matches marked, else the text's opening."""
    if not text:
        return ""
    marked = hit.highlights(fieldname, text=_window(hit, fieldname, text), top=2)
    if marked:
        return marked
    opening = text[:SNIPPET_CHARS]
    if len(text) > SNIPPET_CHARS:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return escape(opening)

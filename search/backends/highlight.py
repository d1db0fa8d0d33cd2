"""Snippets with the matched words in ``<mark>``: Whoosh escapes the text, then adds only the
marks (the text came from a scraped page: nothing in it may become markup)."""

from __future__ import annotations

from django.utils.html import escape
from whoosh.highlight import ContextFragmenter, HtmlFormatter

SNIPPET_CHARS = 240


class MarkFormatter(HtmlFormatter):
    """``<mark>word</mark>`` and nothing else (no class attributes)."""

    template = "<%(tag)s>%(t)s</%(tag)s>"

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")


def configure(results) -> None:
    results.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
    results.formatter = MarkFormatter()


def snippet(hit, fieldname: str, text: str) -> str:
    """Escaped HTML: the best fragments with the matches marked, else the text's opening."""
    if not text:
        return ""
    marked = hit.highlights(fieldname, text=text, top=2)
    if marked:
        return marked
    opening = text[:SNIPPET_CHARS]
    if len(text) > SNIPPET_CHARS:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return escape(opening)

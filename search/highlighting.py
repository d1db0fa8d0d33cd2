"""The search terms on an article page and in exports, marked exactly as the search page marks
them: the query is parsed by ``search.querying.parse_query`` and words are matched by its snippet
code (stems, prefixes), so an article highlights what the search matched.

Here the marks are numbered (``id="match-N"``) so that "next / previous match" can walk them, and
plain-text snippets are made for CSV and feeds. The marked HTML comes from escaped text: the only
markup in it is the ``<mark>`` tags, which is what makes numbering them safe.
"""

from __future__ import annotations

import html
import itertools
import re

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from search.querying import parse_query
from search.querying.snippets import highlight, snippet

_MARK = re.compile(r"<mark>")


def highlight_paragraphs(paragraphs: list[str], query: str) -> tuple[list[SafeString], int]:
    """Each paragraph escaped, the query's words marked ``<mark class="hit" id="match-N">``
    with ``N`` running across the paragraphs; and the number of marks."""
    terms = parse_query(query or "").highlight_terms
    counter = itertools.count()
    marked = []
    for paragraph in paragraphs:
        escaped = str(highlight(paragraph, terms))  # escaped text with bare <mark> tags
        numbered = _MARK.sub(lambda _: _numbered_mark(next(counter)), escaped)
        marked.append(mark_safe(numbered))  # noqa: S308 (escaped above; only marks added)
    return marked, next(counter)


def _numbered_mark(number: int) -> str:
    return f'<mark class="hit" id="match-{number}" data-match="{number}">'


def plain_snippet(text: str, query: str = "") -> str:
    """Plain text (no markup, no entities): the passage around the first match, or the opening
    of the text; for CSV cells, JSON and feed summaries."""
    terms = parse_query(query or "").highlight_terms
    return html.unescape(strip_tags(str(snippet(text, terms))))

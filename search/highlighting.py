"""The search terms on an article page and in exports, matched exactly as the search page
matches them: the query is parsed by ``search.querying.parse_query`` and each word is tested by
the search page's snippet matcher (stems, prefixes), so an article marks what the search found.

Here every match in the whole text is marked, numbered (``id="match-N"``) so that "next /
previous match" can walk them; and plain-text snippets are made for CSV, JSON and feeds. Each
piece of text is escaped before the ``<mark>`` tags are put around matches, so scraped markup
stays text.
"""

from __future__ import annotations

import html
import itertools

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from search.querying import parse_query
from search.querying.snippets import _TOKEN, _Matcher, snippet


def highlight_paragraphs(paragraphs: list[str], query: str) -> tuple[list[SafeString], int]:
    """Each paragraph whole and escaped, the query's words marked
    ``<mark class="hit" id="match-N">`` with ``N`` running across the paragraphs; and the
    number of marks."""
    matcher = _Matcher(parse_query(query or "").highlight_terms)
    counter = itertools.count()
    marked = [_mark_all(paragraph, matcher, counter) for paragraph in paragraphs]
    return marked, next(counter)


def _mark_all(text: str, matcher: _Matcher, counter) -> SafeString:
    if not matcher:
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if not matcher.matches(match.group()):
            continue
        number = next(counter)
        parts.append(escape(text[position : match.start()]))
        parts.append(
            f'<mark class="hit" id="match-{number}" data-match="{number}">'
            f"{escape(match.group())}</mark>"
        )
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


def plain_snippet(text: str, query: str = "") -> str:
    """Plain text (no markup, no entities): the passage around the first match, or the opening
    of the text; for feed summaries."""
    terms = parse_query(query or "").highlight_terms
    return html.unescape(strip_tags(str(snippet(text, terms))))

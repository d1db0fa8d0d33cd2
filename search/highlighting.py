"""Search terms in article text: which words a query asks for, where they occur, and how to mark
them in HTML without ever trusting the text.

Pure functions (Django only for ``escape``/``mark_safe``). Every piece of the text is escaped
before the ``<mark>`` tags are put around the matches, so a scraped ``<script>`` stays text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Query syntax that is not a word to look for.
OPERATORS = {"and", "or", "not", "to"}
MAX_TERMS = 20
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[\w’']+", re.UNICODE)
# Light English inflections, so that a search for "election" also marks "elections".
_SUFFIX = r"(?:s|es|ed|d|ing|'s|’s)?"


def query_terms(query: str) -> list[str]:
    """The words and quoted phrases of a search query, lower-cased, without operators, field
    prefixes (``headline:``), exclusions (``-word``) or wildcards; longest first."""
    terms: list[str] = []
    for phrase, token in _TOKEN.findall(query or ""):
        if phrase:
            words = _WORD.findall(phrase)
            candidate = " ".join(words)
        else:
            if token.startswith("-") or token.lower() in OPERATORS:
                continue
            token = token.split(":", 1)[1] if ":" in token else token
            words = _WORD.findall(token)
            candidate = " ".join(words)
        candidate = candidate.strip().lower()
        if len(candidate) >= 2 and candidate not in terms:
            terms.append(candidate)
    terms.sort(key=len, reverse=True)
    return terms[:MAX_TERMS]


def terms_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """One case-insensitive pattern matching any of the terms as whole words (phrases allow any
    run of spaces and punctuation between their words)."""
    alternatives = []
    for term in terms:
        words = [re.escape(word) for word in term.split()]
        if words:
            alternatives.append(r"\W+".join(words) + _SUFFIX)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def highlight(
    text: str, pattern: re.Pattern | None, *, first_index: int = 0
) -> tuple[SafeString, int]:
    """``text`` escaped, with each match wrapped in ``<mark class="hit" id="match-N">``.

    Returns the HTML and the number of matches; ``first_index`` numbers the first match, so the
    paragraphs of one page can share a single sequence of ids.
    """
    if pattern is None:
        return escape(text), 0
    pieces: list[str] = []
    position = count = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        number = first_index + count
        pieces.append(
            f'<mark class="hit" id="match-{number}" data-match="{number}">'
            f"{escape(match.group(0))}</mark>"
        )
        position = match.end()
        count += 1
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces)), count  # noqa: S308 (every piece of text is escaped above)


def highlight_paragraphs(paragraphs: list[str], query: str) -> tuple[list[SafeString], int]:
    """Each paragraph escaped and highlighted; match ids run across the paragraphs."""
    pattern = terms_pattern(query_terms(query))
    html, total = [], 0
    for paragraph in paragraphs:
        marked, count = highlight(paragraph, pattern, first_index=total)
        html.append(marked)
        total += count
    return html, total


def snippet(text: str, query: str = "", *, words: int = 40) -> str:
    """Plain text: about ``words`` words of ``text``, starting a little before the first match
    of the query when there is one, with "…" where text was cut."""
    tokens = text.split()
    if not tokens:
        return ""
    start = 0
    pattern = terms_pattern(query_terms(query))
    if pattern is not None:
        match = pattern.search(text)
        if match:
            start = max(0, len(text[: match.start()].split()) - 8)
    piece = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return prefix + piece + suffix

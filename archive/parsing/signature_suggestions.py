"""Propose outlet signatures: lines frequent in one outlet's articles and rare elsewhere. Pure
Python; ``manage.py suggest_signatures`` feeds it the stored articles.

An outlet's pages share debris no other outlet prints ("Click here for reprint permission",
"Enlarge this image toggle caption"). Counting, per article, the distinct lines (compared by
:func:`~.furniture.template_key`) of the outlet's articles and of everyone else's finds them: a
line in at least ``min_share`` of the outlet's articles (and ``min_articles`` of them) and in at
most ``max_other_share`` of the others' is proposed. Each proposal is written as a signature line:
the line itself, or a ``re:`` pattern when it holds digits ("© 2019 Example Media" ->
``re:^©\\s*\\d+\\s+Example\\s+Media$``) so that next year's pages match too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .furniture import template_key

MIN_ARTICLES = 3
MIN_SHARE = 0.2
MAX_OTHER_SHARE = 0.01
MAX_WORDS = 40  # longer lines are prose, not debris
MIN_CHARS = 8  # "Share", "Menu": every outlet has them; too short to name one


@dataclass(frozen=True)
class Suggestion:
    signature: str  # the line to add to the outlet's signatures
    example: str  # the line as found in an article
    articles: int  # articles of the outlet that hold it
    share: float  # of the outlet's articles
    other_articles: int  # articles of other outlets that hold it
    other_share: float


def _lines(lines: Iterable[str]) -> dict[str, str]:
    """{template key: first text} of an article's lines that could be debris."""
    found: dict[str, str] = {}
    for line in lines:
        text = line.strip()
        if len(text) < MIN_CHARS or len(text.split()) > MAX_WORDS:
            continue
        found.setdefault(template_key(text), text)
    return found


def signature_line(text: str) -> str:
    """The line as a signature: a plain phrase, or an anchored pattern with its numbers free."""
    if not re.search(r"\d", text):
        return text
    parts = re.split(r"(\d+)", text)
    pattern = "".join(r"\d+" if part.isdigit() else re.escape(part) for part in parts)
    return "re:^" + re.sub(r"(?:\\ )+", r"\\s+", pattern) + "$"


def suggest(
    articles: Iterable[tuple[bool, Iterable[str]]],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    max_other_share: float = MAX_OTHER_SHARE,
) -> tuple[list[Suggestion], int, int]:
    """``articles``: (belongs to the outlet, its lines) for every article of the corpus.
    Returns (suggestions, the outlet's article count, the others' article count), the
    suggestions most frequent first."""
    ours: Counter[str] = Counter()
    theirs: Counter[str] = Counter()
    example: dict[str, str] = {}
    own_total = other_total = 0
    for own, lines in articles:
        found = _lines(lines)
        if own:
            own_total += 1
            ours.update(found.keys())
            for key, text in found.items():
                example.setdefault(key, text)
        else:
            other_total += 1
            theirs.update(found.keys())
    suggestions = []
    for key, count in ours.items():
        share = count / own_total
        other_share = theirs[key] / other_total if other_total else 0.0
        if count < min_articles or share < min_share \
                or other_share > max_other_share:
            continue
        suggestions.append(Suggestion(signature_line(example[key]), example[key], count, share,
                                      theirs[key], other_share))
    suggestions.sort(key=lambda s: (-(s.share - s.other_share), -s.articles, s.example))
    return suggestions, own_total, other_total

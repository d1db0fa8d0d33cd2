"""The advanced-search form's boxes written as one query in the search box's language.

Pure Python: ``compose_query({"all": "border wall", "phrase": "civil rights", ...})`` returns
``border wall "civil rights" ...``; the search page then runs it like anything typed in the box,
so the URL (``?q=…``) stays the one state of a search. ``static/js/search.js`` writes the same
query into the box as the reader types (kept in step by ``tests/search_page/test_advanced.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: (box name, label) in the form's order; the date boxes are the search form's own from / to.
BOXES = (
    ("all", "All of these words"),
    ("phrase", "This exact phrase"),
    ("any", "Any of these words"),
    ("none", "None of these words"),
    ("headline", "Words in the headline"),
    ("outlet", "Outlet"),
    ("byline", "Byline"),
)
PREFIX = "adv_"
_QUOTES = re.compile(r"[\"“”„]")
_OPERATORS = {"AND", "OR", "NOT"}


def _words(text: str) -> list[str]:
    """Plain words: quotes dropped, operators lower-cased so they stay words."""
    words = [w.lstrip("-") for w in _QUOTES.sub(" ", text or "").split()]
    return [w.lower() if w in _OPERATORS else w for w in words if w]


def _quoted(text: str) -> str:
    return '"' + " ".join(_QUOTES.sub(" ", text).split()) + '"'


def _field(name: str, text: str) -> str:
    words = _words(text)
    if not words:
        return ""
    return f"{name}:{words[0]}" if len(words) == 1 else f"{name}:{_quoted(' '.join(words))}"


def compose_query(boxes: Mapping[str, str]) -> str:
    """The query for the boxes that are filled (keys as in ``BOXES``); "" when none is."""
    parts: list[str] = []
    parts.extend(_words(boxes.get("all", "")))
    phrase = " ".join(_QUOTES.sub(" ", boxes.get("phrase", "") or "").split())
    if phrase:
        parts.append(_quoted(phrase))
    any_words = _words(boxes.get("any", ""))
    if len(any_words) == 1:
        parts.append(any_words[0])
    elif any_words:
        parts.append("(" + " OR ".join(any_words) + ")")
    parts.extend(f"-{word}" for word in _words(boxes.get("none", "")))
    for name in ("headline", "outlet", "byline"):
        text = boxes.get(name, "")
        if name == "headline" and len(_words(text)) > 1:
            parts.extend(f"headline:{word}" for word in _words(text))
        elif clause := _field(name, text):
            parts.append(clause)
    return " ".join(parts)


def advanced_boxes(querydict) -> dict[str, str] | None:
    """The advanced boxes submitted in ``querydict`` (``adv_all=…``), or None if there are none."""
    names = {f"{PREFIX}{name}" for name, _ in BOXES}
    if not names & set(querydict.keys()):
        return None
    return {name: str(querydict.get(f"{PREFIX}{name}", ""))[:500] for name, _ in BOXES}

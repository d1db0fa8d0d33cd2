"""Which words of a text a search's terms match, as the search page matches them: exactly, by
their Porter stem, or by a prefix (``prosecut*``); and the regular expression that finds the only
tokens of a text that could match (``Matcher.candidates``). ``search.highlighting`` marks what
these find.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterable
from functools import lru_cache

from whoosh.lang.porter import stem

from search.querying.tree import HighlightTerm

TOKEN = re.compile(r"\w+(?:['’.]\w+)*")


_stem = lru_cache(maxsize=65536)(stem)


_NON_WORD = re.compile(r"\W")
_JOINERS = str.maketrans("", "", "'.")  # the only ASCII non-word characters of a TOKEN
_ASCII_WORD = string.ascii_letters + string.digits + "_"  # what ``\w`` matches in ASCII
MEMO_WORDS = 10_000  # words a matcher remembers its answer for


def _normal(word: str) -> str:
    return _NON_WORD.sub("", word.lower())


def _token_normal(token: str) -> str:
    """``_normal`` of a ``TOKEN`` match: an ASCII token holds no non-word character but its
    joiners, deleted without a regular expression."""
    lower = token.lower()
    return lower.translate(_JOINERS) if lower.isascii() else _NON_WORD.sub("", lower)


class Matcher:
    """Whether a word of the text matches one of the terms; each distinct word of the texts it
    has looked at is answered once (at most ``MEMO_WORDS`` remembered)."""

    def __init__(self, terms: Iterable[HighlightTerm]):
        self._memo: dict[str, bool] = {}
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
        # ... so a match starts with the first letter of a word or prefix (a token's own first
        # character, lower-cased: joiners never start one), and goes on with the second letter
        # of one (None: any second character, for a one-letter prefix)
        self.initials = {w[0] for w in self.words} | {p[0] for p in self.prefixes}
        self.seconds = None if any(len(p) == 1 for p in self.prefixes) else \
            {h[1] for h in self.heads if len(h) > 1} | {p[1] for p in self.prefixes}
        self._candidates = None

    @property
    def candidates(self) -> re.Pattern:
        """The ``TOKEN`` matches whose first character lower-cases to one of ``initials`` and
        whose second is one lower-casing to one of ``seconds`` (or a joiner, a character outside
        ASCII, or none), found by the regular expression engine: only those can match.
        Looking at every token of a text in Python was most of a snippet's time when the match
        is deep in a long text (or absent: a ``byline:`` search, a rare word); the second letter
        leaves a few of those with the first letter (in English, one in ten to one in twenty)."""
        if self._candidates is None:
            chars = initial_characters(self.initials)
            first = f"[{re.escape(chars)}]" if chars else "(?!)"
            # A token starts at a word character after neither a word character nor a joiner
            # that follows one (``TOKEN`` would have taken it into the token before). The
            # character class first, the look-behinds after it: 3x faster than the other way.
            # The joiners are never put in one class with "’": a class holding a character
            # beyond Latin-1 took ~0.15 ms to compile, and each search compiles its pattern.
            second = ""
            if self.seconds is not None:
                # Not an ASCII word character other than one of ``seconds``: a joiner or any
                # character outside ASCII may come next (the second letter comes after a
                # joiner; lower-casing is in context: a final "Σ" is "ς", not "σ").
                allowed = set(initial_characters(self.seconds))
                others = "".join(c for c in _ASCII_WORD if c not in allowed)
                second = f"(?![{others}])" if others else ""
            self._candidates = re.compile(
                f"(?s){first}(?<=\\w)(?<!\\w.)(?<!\\w['.].)(?<!\\w’.){second}"
                "\\w*(?:['.]\\w+|’\\w+)*")
        return self._candidates

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes)

    def matches(self, token: str) -> bool:
        found = self._memo.get(token)
        if found is None:
            if len(self._memo) >= MEMO_WORDS:
                self._memo.clear()
            found = self._memo[token] = self._matches(token)
        return found

    def _matches(self, token: str) -> bool:
        word = _token_normal(token)
        return (
            word in self.words
            or (word[:2] in self.heads and _stem(word) in self.stems)
            or any(word.startswith(prefix) for prefix in self.prefixes)
        )


_LOWERING_TO: dict[str, str] | None = None  # a character -> the others lower-casing to it


def initial_characters(initials: Iterable[str]) -> str:
    """Every character whose lower case starts with one of ``initials`` (``"k"``: k, K and the
    Kelvin sign), from a table of Unicode's case mappings made on the first call (0.15 s)."""
    global _LOWERING_TO
    if _LOWERING_TO is None:
        table: dict[str, list[str]] = {}
        for code in range(sys.maxunicode + 1):
            char = chr(code)
            lower = char.lower()[:1]
            if lower != char:
                table.setdefault(lower, []).append(char)
        _LOWERING_TO = {lower: "".join(chars) for lower, chars in table.items()}
    found = set()
    for initial in initials:
        if initial.lower()[:1] == initial:
            found.add(initial)
        found.update(_LOWERING_TO.get(initial, ""))
    return "".join(sorted(found))

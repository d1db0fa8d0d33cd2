"""Spelling suggestions from each segment's word list, checked against live documents only.

Whoosh's corrector walks an automaton over the whole spelling word list for every unknown word
(profiled on real text: 4–5 s for a query that found nothing). Here:

- each segment's spelling words are read once, from the file written beside the segment when it
  was committed (``words``: no list of the whole index is built when a new generation is
  searched), and kept per segment in a bounded cache (``words.CACHE``);
- a word already in the index (its stem matches a live document) is never looked up; each other
  word is looked up once: the words within ``MAX_EDITS`` edits among those of a similar length
  in every segment, found by rapidfuzz's bounded Levenshtein distance in C over the words
  whose letter signature allows it (``wordlist``), the ``CANDIDATES`` closest (then
  alphabetical) of each length kept;
- the best candidate is the closest, then the most frequent (documents holding its stem), then
  the first alphabetically, that a LIVE document holds (``live_words``): Whoosh keeps a hidden
  or merged article's words in its term dictionary until a merge (and our merges keep every
  spelling word of the merged segments), and those words must never be suggested. The stem is
  not enough: "quintrevoring" stems to "quintrevor", which a public article may hold while
  only a hidden one holds "quintrevoring". A segment built from documents proves a word it
  lists unless a deleted document of it holds the word too; other words are looked for in
  live documents' stored text.
"""

from __future__ import annotations

import re

from . import words as W
from .live_words import DELETED, DeletedWords, LiveWords

MAX_EDITS = 2
CANDIDATES = 24  # closest words checked against live documents per unknown word

_WORD = re.compile(r"(?<![\w:])([^\W\d_][\w'-]*)(?![\w:])")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


class Speller:
    """Per backend: suggestions from the segments' word lists (``words.WordCache``), checked
    against the searcher's live documents."""

    def __init__(self, cache: W.WordCache | None = None, deleted: DeletedWords | None = None):
        self.cache = W.CACHE if cache is None else cache
        self.deleted = DELETED if deleted is None else deleted

    def near(self, searcher, spell_field: str, word: str) -> list[tuple[str, int]]:
        """``(candidate, edits)`` within ``MAX_EDITS`` of ``word`` in any segment, closest
        first: of each length the ``CANDIDATES`` closest (then alphabetical), then the
        ``CANDIDATES`` closest of those."""
        by_length: dict[int, dict[str, int]] = {}
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            if reader.segment() is None or not reader.doc_count_all():
                continue
            segment_words = self.cache.get(reader, spell_field)
            for candidate, edits in segment_words.within(word, MAX_EDITS, limit=CANDIDATES):
                by_length.setdefault(len(candidate), {})[candidate] = edits
        found = []
        for length in sorted(by_length):
            ranked = sorted(by_length[length].items(), key=lambda item: (item[1], item[0]))
            found += ranked[:CANDIDATES]
        found.sort(key=lambda item: item[1])
        return found[:CANDIDATES]

    def suggest(self, searcher, fieldname: str, query_string: str) -> str | None:
        """The query with each unknown word replaced by the best live candidate, or None when
        every word is known (or nothing better exists)."""
        query_string = query_string.strip()
        if query_string.startswith("(") and query_string.endswith(")"):  # haystack auto_query
            query_string = query_string[1:-1]
        schema = searcher.schema
        if fieldname not in schema:
            return None
        fieldobj = schema[fieldname]
        spell_field = fieldobj.spelling_fieldname(fieldname)
        if spell_field not in schema:
            return None
        readers = [
            sub.reader()
            for sub, _ in searcher.leaf_searchers()
            if sub.reader().segment() is not None and sub.reader().doc_count_all()
        ]
        live = LiveWords(
            fieldname,
            fieldobj,
            readers,
            lambda reader: self.cache.get(reader, spell_field),
            self.deleted,
        )
        changed = False
        seen: dict[str, str] = {}

        def fix(match: re.Match) -> str:
            nonlocal changed
            word = match.group(1)
            if word in _OPERATORS:
                return word
            lower = word.lower()
            if lower in seen:  # one look-up per distinct word
                replacement = seen[lower]
            elif live.known(lower):
                replacement = seen[lower] = lower
            else:
                candidates = self.near(searcher, spell_field, lower)
                replacement = seen[lower] = _best(candidates, lower, live) or lower
            if replacement == lower:
                return word
            changed = True
            return replacement

        suggestion = _WORD.sub(fix, query_string)
        return suggestion if changed else None


def _best(candidates, word: str, live: LiveWords) -> str | None:
    """The closest candidate a live document holds; of equally close ones the one whose stem
    most documents hold, then the first alphabetically. Only the closest candidates' stems are
    counted, and the next distance is tried only when none of them is live."""
    tiers: dict[int, list[str]] = {}
    for candidate, edits in candidates:
        if candidate != word:
            tiers.setdefault(edits, []).append(candidate)
    for edits in sorted(tiers):
        for count, candidate in sorted((-live.count(c), c) for c in tiers[edits]):
            if count < 0 and live.holds(candidate):  # the word itself, in a live document
                return candidate
    return None


__all__ = ["Speller"]

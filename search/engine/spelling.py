"""Spelling suggestions from each segment's word list, checked against live documents only.

Whoosh's corrector walks an automaton over the whole spelling word list for every unknown word
(profiled on real text: 4–5 s for a query that found nothing). Here:

- each segment's spelling words are read once, from the file written beside the segment when it
  was committed (``words``: no list of the whole index is built when a new generation is
  searched), and kept per segment in a bounded cache (``words.CACHE``);
- a word already in the index (its stem matches a live document) is never looked up; each other
  word is looked up once: the words within ``MAX_EDITS`` edits among those of a similar length
  in every segment, found by rapidfuzz's bounded Levenshtein distance in C, the ``CANDIDATES``
  closest (then alphabetical) of each length kept;
- a candidate is kept only if its stem matches a LIVE document (its postings less the
  deleted documents): Whoosh keeps a hidden or merged article's words in its term dictionary
  until a merge (and our merges keep every spelling word of the merged segments), and those
  words must never be suggested. The best candidate is the closest, then the most frequent
  (live documents holding its stem), then the first alphabetically;
- the stem is not enough: "quintrevoring" stems to "quintrevor", which a public article may
  hold while only a hidden one holds "quintrevoring". The winner must itself be a word of a
  live document's stored text (at most ``HOLDERS_READ`` documents holding its stem are read);
  if not, the next candidate is tried.
"""

from __future__ import annotations

import re

from . import postings as P
from . import words as W
from .analysis import WORDS

MAX_EDITS = 2
CANDIDATES = 24  # closest words checked against live documents per unknown word
HOLDERS_READ = 50  # live documents holding a candidate's stem read to find the word itself

_WORD = re.compile(r"(?<![\w:])([^\W\d_][\w'-]*)(?![\w:])")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


class Speller:
    """Per backend: suggestions from the segments' word lists (``words.WordCache``), checked
    against the searcher's live documents."""

    def __init__(self, cache: W.WordCache | None = None):
        self.cache = W.CACHE if cache is None else cache

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
        live = _LiveCheck(searcher, fieldname, fieldobj)
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


class _LiveCheck:
    """Whether a word's stem matches a live document, and in how many (cached per query)."""

    def __init__(self, searcher, fieldname: str, fieldobj):
        self.fieldname = fieldname
        self.fieldobj = fieldobj
        self.segments = [
            (sub.reader(), P.deleted_mask(sub.reader())) for sub, _ in searcher.leaf_searchers()
            if sub.reader().doc_count_all()
        ]
        self._counts: dict[str, int] = {}

    def count(self, word: str) -> int:
        found = self._counts.get(word)
        if found is not None:
            return found
        stems = list(self.fieldobj.process_text(word, mode="index"))
        total = 0
        if len(stems) == 1:
            btext = self.fieldobj.to_bytes(stems[0])
            for reader, deleted in self.segments:
                if (self.fieldname, btext) not in reader:
                    continue
                if deleted is None:
                    total += reader.doc_frequency(self.fieldname, btext)
                else:
                    total += len(P.term_postings(reader, self.fieldname, btext, deleted))
        self._counts[word] = total
        return total

    def known(self, word: str) -> bool:
        return self.count(word) > 0

    def holds(self, word: str) -> bool:
        """Whether a live document's stored text holds ``word`` itself (not only a word of
        the same stem); False when none of the first ``HOLDERS_READ`` such documents does."""
        stems = list(self.fieldobj.process_text(word, mode="index"))
        if len(stems) != 1:
            return False
        btext = self.fieldobj.to_bytes(stems[0])
        budget = HOLDERS_READ
        for reader, deleted in self.segments:
            if budget <= 0:
                break
            if (self.fieldname, btext) not in reader:
                continue
            for docnum in P.term_postings(reader, self.fieldname, btext, deleted).ids[:budget]:
                budget -= 1
                text = reader.stored_fields(int(docnum)).get(self.fieldname)
                if isinstance(text, str) and _holds(text, word):
                    return True
        return False


def _holds(text: str, word: str) -> bool:
    if word not in text.lower():
        return False
    return any(token.lower() == word for token in WORDS.findall(text))


def _best(candidates, word: str, live: _LiveCheck) -> str | None:
    ranked = [
        (edits, -live.count(candidate), candidate)
        for candidate, edits in candidates if candidate != word
    ]
    ranked = sorted(item for item in ranked if item[1] < 0)  # live documents only
    for _, _, candidate in ranked:
        if live.holds(candidate):  # the word itself, not only its stem
            return candidate
    return None


__all__ = ["Speller"]

"""Query-language pieces Whoosh gets wrong for a stemmed field: fuzzy terms and spelling."""

from __future__ import annotations

import re

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin

_WORD = re.compile(r"(?<![\w:])([^\W\d_][\w'-]*)(?![\w:])")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


class StemmedFuzzyTerm(Q.FuzzyTerm):
    """``word~``: words within the edit distance of the word as typed, looked up in the
    spelling word list (unstemmed), then mapped to the stemmed terms the index holds. Stock
    Whoosh compares the stemmed query word with unstemmed words and returns terms the index does
    not have, so fuzzy queries matched nothing."""

    def _btexts(self, ixreader):
        fieldobj = ixreader.schema[self.fieldname]
        words = {self.text}
        words.update(
            ixreader.terms_within(self.fieldname, self.text, self.maxdist, self.prefixlength)
        )
        if fieldobj.analyzer is not None and fieldobj.spelling:
            terms = {t for word in words for t in fieldobj.process_text(word, mode="index")}
        else:
            terms = words
        return sorted(t for t in terms if (self.fieldname, t) in ixreader)


class StemmedFuzzyTermPlugin(FuzzyTermPlugin):
    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            # The word as typed (lower-cased), not stemmed: _btexts stems what it finds.
            return StemmedFuzzyTerm(
                self.fieldname or parser.fieldname, self.text.lower(), boost=self.boost,
                maxdist=self.maxdist, prefixlength=self.prefixlength,
            )


def suggest_spelling(reader, fieldname: str, query_string: str) -> str | None:
    """The query with each unknown word replaced by the closest indexed word, or None when
    every word is known (or nothing better exists)."""
    query_string = query_string.strip()
    if query_string.startswith("(") and query_string.endswith(")"):  # haystack's auto_query
        query_string = query_string[1:-1]
    fieldobj = reader.schema[fieldname]
    spell_field = fieldobj.spelling_fieldname(fieldname)
    corrector = reader.corrector(fieldname)
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS:
            return word
        lower = word.lower()
        if (spell_field, lower) in reader:
            return word
        suggestions = corrector.suggest(lower, limit=1)
        if not suggestions or suggestions[0] == lower:
            return word
        changed = True
        return suggestions[0]

    suggestion = _WORD.sub(fix, query_string)
    return suggestion if changed else None

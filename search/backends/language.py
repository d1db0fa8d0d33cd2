"""Query-language pieces Whoosh gets wrong for a stemmed field: fuzzy terms and spelling."""

from __future__ import annotations

import re

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin

_WORD = re.compile(r"(?<![\w:])([^\W\d_][\w'-]*)(?![\w:])")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


class StemmedFuzzyTerm(Q.FuzzyTerm):
    """``word~``: words within the edit distance in the spelling word list, mapped to the
    stemmed terms the index holds (stock Whoosh returns unstemmed words, which match nothing)."""

    def _btexts(self, ixreader):
        fieldobj = ixreader.schema[self.fieldname]
        found = {self.text}
        if fieldobj.spelling and fieldobj.separate_spelling():
            for word in ixreader.terms_within(
                self.fieldname, self.text, self.maxdist, prefix=self.prefixlength
            ):
                found.update(fieldobj.process_text(word, mode="index"))
        else:
            found.update(
                ixreader.terms_within(self.fieldname, self.text, self.maxdist, self.prefixlength)
            )
        return sorted(t for t in found if (self.fieldname, t) in ixreader)


class StemmedFuzzyTermPlugin(FuzzyTermPlugin):
    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        qclass = StemmedFuzzyTerm


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

"""Query-language pieces Whoosh gets wrong for a stemmed field: fuzzy terms (spelling
suggestions: ``spelling``)."""

from __future__ import annotations

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin
from whoosh.reading import SegmentReader

from . import words as W


class StemmedFuzzyTerm(Q.FuzzyTerm):
    """``word~``: words within the edit distance of the word as typed, looked up in the
    segment's spelling word list (unstemmed; ``words``, not Whoosh's automaton), then mapped to
    the stemmed terms the index holds. Stock Whoosh compares the stemmed query word with
    unstemmed words and returns terms the index does not have, so fuzzy queries matched
    nothing."""

    def _btexts(self, ixreader):
        fieldobj = ixreader.schema[self.fieldname]
        words = {self.text}
        if isinstance(ixreader, SegmentReader):  # the segment's word list (``words``)
            spell_field = fieldobj.spelling_fieldname(self.fieldname)
            found = W.CACHE.get(ixreader, spell_field).within(
                self.text, self.maxdist, self.prefixlength)
            words.update(word for word, _ in found)
        else:
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

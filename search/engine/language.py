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
        return [t for t in self.candidates(ixreader, {}) if (self.fieldname, t) in ixreader]

    def candidates(self, ixreader, stems: dict) -> list:
        """The sorted terms ``_btexts`` looks up in ``ixreader``, before the look-up: the
        array executor looks each up once (for its postings too) instead of twice. ``stems``:
        each word's terms, kept by the caller across segments (the same words come back from
        each segment's list; stemming them again was a tenth of a fuzzy search)."""
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
        if fieldobj.analyzer is None or not fieldobj.spelling:
            return sorted(words)
        terms = set()
        for word in words:
            known = stems.get(word)
            if known is None:
                known = stems[word] = tuple(fieldobj.process_text(word, mode="index"))
            terms.update(known)
        return sorted(terms)


class StemmedFuzzyTermPlugin(FuzzyTermPlugin):
    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            # The word as typed (lower-cased), not stemmed: _btexts stems what it finds.
            return StemmedFuzzyTerm(
                self.fieldname or parser.fieldname, self.text.lower(), boost=self.boost,
                maxdist=self.maxdist, prefixlength=self.prefixlength,
            )

"""The words a prefix, wildcard, fuzzy or term-range query expands to, per segment, for the array
executor (``executor``): at most ``budget.MAX_EXPANSION_TERMS`` in a segment, else
``QueryTooBroad``.

A query is expanded in every segment at once, the first time a segment asks, and each word one
segment's expansion lacks is recorded as absent from that segment: each word's idf needs its
document frequency in every segment, and a word the segment's own expansion did not list is not
in it, so no look-up in its term table is needed (at 1,000,000 articles, 92 segments times
hundreds of words, half a wildcard search's time). Not for a fuzzy term: its words come from
each segment's spelling list, and a segment may hold a term of them (an inflection's stem)
whose own list has no word near enough; Whoosh counts it in the idf, and so does the executor.

A fuzzy term (``language.StemmedFuzzyTerm``) gives its candidate terms unchecked; each is looked
up here through the executor's term-info cache, which its postings and idf then read, instead of
once by the query and again by the executor. Its words are stemmed once for all segments.
"""

from __future__ import annotations

from whoosh import query as Q
from whoosh.query import ranges

from .budget import MAX_EXPANSION_TERMS, QueryTooBroad


def expansion(executor, q, fieldname: str, seg) -> list:
    """The words ``q`` expands to in ``seg`` (see the module docstring)."""
    found = executor._expansions.get(id(q))
    if found is None:
        stems: dict = {}
        by_segment = {other.offset: expand(executor, q, fieldname, other, stems)
                      for other in executor.segments}
        if getattr(q, "candidates", None) is None:  # expanded from the term table itself
            every = set().union(*by_segment.values()) if by_segment else set()
            for other in executor.segments:
                for word in every.difference(by_segment[other.offset]):
                    executor._infos.setdefault((other.offset, fieldname, word), None)
        found = executor._expansions[id(q)] = (q, by_segment)  # q kept: its id stays its own
    words = found[1].get(seg.offset)
    return expand(executor, q, fieldname, seg, {}) if words is None else words


def expand(executor, q, fieldname: str, seg, stems: dict) -> list:
    """The non-empty words ``q`` expands to in ``seg``, at most ``MAX_EXPANSION_TERMS``."""
    candidates = getattr(q, "candidates", None)
    if candidates is None:
        found = q._btexts(seg.reader)
    else:
        field = executor.schema[fieldname]
        found = (word for word in candidates(seg.reader, stems)
                 if word and executor.indexed_bytes(field, fieldname, word, seg) is not None)
    words = []
    for btext in found:
        if btext:
            words.append(btext)
            if len(words) > MAX_EXPANSION_TERMS:
                raise QueryTooBroad(_too_broad(q))
    return words


def _too_broad(q) -> str:
    if isinstance(q, Q.FuzzyTerm):
        what = f"the fuzzy word '{q.text}~'"
    elif isinstance(q, ranges.TermRange):
        what = "the range"
    else:
        what = f"the wildcard '{q.text}*'" if isinstance(q, Q.Prefix) else \
            f"the wildcard '{q.text}'"
    return f"{what} matches more than {MAX_EXPANSION_TERMS:,} words"

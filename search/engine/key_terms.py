"""A document's key terms (more-like-this), exactly as Whoosh's ``Searcher.key_terms`` with its
default ``Bo1Model`` and ``normalize=False`` gives them, without its per-term index lookups.

Whoosh scores each of the document's terms by its collection frequency, read with one hash
lookup per term *per segment* in Python (``MultiReader.frequency``): 200 terms × 10 segments
was most of an article page's CPU (its related coverage). Here each segment's frequencies for
the field are read once into a dict (kept in ``segment_arrays.SegmentColumns`` with the segment's
other arrays; a segment's terms never change, deletions don't alter Whoosh's frequencies
either), so a document's terms cost a dict lookup per segment.

The document's own term weights come from Whoosh's ``Expander`` (its vector, or its stored
text analysed), and the scores, ties and order are computed as ``Expander.expanded_terms``
does, in the same floating-point operations, so the list is identical.
"""

from __future__ import annotations

import sys

from whoosh.classify import Bo1Model, Expander


class TermFrequencies:
    """One segment's collection frequency (total weight) of every term of a field."""

    __slots__ = ("weights", "nbytes")

    def __init__(self, reader, fieldname: str):
        self.weights = {btext: info.weight() for btext, info in reader.iter_field(fieldname)}
        # a rough size for the bounded cache: the dict plus its keys (floats are shared small)
        self.nbytes = sys.getsizeof(self.weights) + sum(
            sys.getsizeof(key) + 24 for key in self.weights)


def segment_frequencies(searcher, fieldname: str, columns) -> list[dict]:
    """Each leaf segment's ``{term bytes: frequency}`` for ``fieldname``, cached in
    ``columns`` (a ``segment_arrays.SegmentColumns``) by segment id."""
    found = []
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        segment = reader.segment()
        if segment is None:  # not a stored segment (an in-memory reader): not cached
            found.append(TermFrequencies(reader, fieldname).weights)
            continue
        key = (segment.segment_id(), "__termfreq__", fieldname)
        found.append(columns.get(key, lambda r=reader: TermFrequencies(r, fieldname)).weights)
    return found


def key_terms(searcher, docnum: int, fieldname: str, numterms: int,
              columns) -> list[tuple[str, float]]:
    """``searcher.key_terms([docnum], fieldname, numterms=numterms, normalize=False)``."""
    reader = searcher.reader()
    expander = Expander(reader, fieldname, model=Bo1Model)
    expander.add_document(docnum)
    if not expander.topN_weight:
        return []
    model = expander.model
    to_bytes = reader.schema[fieldname].to_bytes
    frequencies = segment_frequencies(searcher, fieldname, columns)
    top_total = expander.top_total
    scored, maxweight = [], 0
    for word, weight in expander.topN_weight.items():
        btext = to_bytes(word)
        cf, present = 0, False
        for segment in frequencies:  # summed in segment order, as MultiReader.frequency
            value = segment.get(btext)
            if value is not None:
                cf += value
                present = True
        if not present:
            continue
        score = model.score(weight, cf, top_total)
        if score > maxweight:
            maxweight = score
        scored.append((score, word))
    scored = [(score / maxweight, word) for score, word in scored]
    scored.sort(key=lambda x: (0 - x[0], x[1]))
    return [(word, score) for score, word in scored[:numterms]]

"""BM25F's parameters for one term, as Whoosh's scorer computes them, for the array executor
(``executor``): its idf over the search's own document frequencies, kept per searcher."""

from __future__ import annotations

from math import log

from whoosh import scoring

# Terms whose idf a searcher keeps (``bm25f_params``); more and the whole set is dropped.
MAX_IDF_CACHED = 100_000


def bm25f_params(weighting, searcher, fieldname: str, btext: bytes, doc_frequency) -> tuple:
    """``(idf, avgfl, B, K1)`` as Whoosh's ``BM25FScorer`` computes them. For ``BM25F`` itself
    they are read directly: building the scorer also runs its ``setup()``, which looks the term
    up in every segment for block-quality bounds the executor never uses (a tenth of an
    article page's related coverage). The idf is Whoosh's formula (``WeightingModel.idf``) over
    ``doc_frequency()``, the search's own look-ups of the term (``Executor.doc_frequency``)
    rather than a second set, kept per searcher (an index generation) as ``Searcher.idf``
    keeps Whoosh's, but apart from Whoosh's cache (the equivalence test compares the two), and
    bounded."""
    if type(weighting) is scoring.BM25F:
        parent = searcher.get_parent()
        cache = parent.__dict__.setdefault("_clippings_idf", {})
        idf = cache.get((fieldname, btext))
        if idf is None:
            if len(cache) >= MAX_IDF_CACHED:
                cache.clear()
            idf = cache[(fieldname, btext)] = \
                log(parent.doc_count_all() / (doc_frequency() + 1)) + 1
        return (idf, parent.avg_field_length(fieldname) or 1,
                weighting._field_B.get(fieldname, weighting.B), weighting.K1)
    scorer = weighting.scorer(searcher, fieldname, btext)
    return scorer.idf, scorer.avgfl, scorer.B, scorer.K1

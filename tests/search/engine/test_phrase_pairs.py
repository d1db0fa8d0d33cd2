"""Phrases answered from the hashed adjacent-pairs field (``search.engine.pairs``) give what
Whoosh's own phrase matcher gives (positions only, no pairs): the same hits, counts, facets,
order and scores, for generated two- and three-word phrases with stop words, proximity ``~N``
and field phrases; on an index written before the pairs field and on a segment merged from old
and new documents (answered the old way). The pairs path is shown to be the one taken, and the
check to fail when the pairs lookup is broken."""

from __future__ import annotations

import random
from collections import Counter
from zlib import crc32

import numpy as np
import pytest
from whoosh.formats import tokens

from search.engine import executor as ex
from search.engine import pairs
from search.engine.analysis import WordTable
from search.engine.schema import ANALYZER
from tests.search.engine import synthetic as S
from tests.search.engine.test_array_equivalence import _differences

# The most common words of the synthetic documents (Zipf): adjacent often enough to match.
COMMON = S.WORDS[:8]


def _phrase_word(rng: random.Random) -> str:
    return rng.choice(COMMON if rng.random() < 0.8 else S.WORDS[:40])


def _phrase(rng: random.Random) -> str:
    words = [_phrase_word(rng) for _ in range(rng.choice((2, 2, 3)))]
    if rng.random() < 0.3:  # a stop word inside: dropped by the analyzer, as in the index
        words.insert(rng.randrange(1, len(words)), rng.choice(S.STOP))
    text = f'"{" ".join(words)}"'
    roll = rng.random()
    if roll < 0.15:
        text += f"~{rng.randrange(2, 6)}"
    elif roll < 0.25:
        text = f"headline:{text}"
    return text


def _phrase_params(rng: random.Random) -> dict:
    roll = rng.random()
    if roll < 0.7:
        q = _phrase(rng)
    elif roll < 0.8:
        q = f"{_phrase(rng)} {_phrase_word(rng)}"
    elif roll < 0.9:
        q = f"{_phrase(rng)} OR {_phrase(rng)}"
    else:
        q = f"{_phrase_word(rng)} -{_phrase(rng)}"
    return {"q": q, "sort": rng.choice(["relevance", "relevance", "newest"]),
            "page": rng.choice((1, 1, 2))}


def _cases(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [_phrase_params(rng) for _ in range(count)]


@pytest.fixture
def counted_candidates(monkeypatch):
    """How often the executor took a phrase's candidates from the pairs, and found some."""
    calls = Counter()
    original = ex.phrase_candidates

    def counting(seg, pairs_field, fieldname, words):
        ids, found = original(seg, pairs_field, fieldname, words)
        calls["calls"] += 1
        calls["found"] += bool(len(ids))
        return ids, found

    monkeypatch.setattr(ex, "phrase_candidates", counting)
    return calls


@pytest.fixture
def phrase_index():
    backend = S.build_index(800, segments=3)
    spelling, backend.include_spelling = backend.include_spelling, False
    yield backend
    backend.use_executor, backend.include_spelling = True, spelling


def _covered(backend) -> list[bool]:
    with backend._reading() as searcher:
        views = ex.Executor(searcher, backend.segment_columns).segments
        return [pairs.covered_pairs_field(searcher.schema, "text", seg) is not None
                for seg in views]


def test_phrases_answer_the_same_from_pairs_as_from_positions(phrase_index, counted_candidates):
    assert _covered(phrase_index) == [True, True, True]
    assert _differences(phrase_index, _cases(160, seed=7)) == []
    # the pairs chose the candidates of the exact phrases, and often found some
    assert counted_candidates["calls"] > 150
    assert counted_candidates["found"] > 60


def test_a_broken_pairs_lookup_is_caught(phrase_index, monkeypatch):
    cases = [c for c in _cases(80, seed=11) if c["q"].count(" ") == 1 and "~" not in c["q"]
             and ":" not in c["q"] and c["q"].startswith('"')]
    assert len(cases) > 15
    assert _differences(phrase_index, cases) == []
    original = ex.phrase_candidates

    def reversed_pairs(seg, pairs_field, fieldname, words):  # "a b" looked up as "b a"
        return original(seg, pairs_field, fieldname, words[::-1])

    monkeypatch.setattr(ex, "phrase_candidates", reversed_pairs)
    assert _differences(phrase_index, cases) != []


def test_an_index_without_pairs_answers_from_positions(counted_candidates):
    backend = S.build_index(500, segments=2, pairs=False)
    backend.include_spelling = False
    assert _covered(backend) == [False, False]
    assert _differences(backend, _cases(40, seed=5)) == []
    assert counted_candidates["calls"] == 0


def test_a_segment_merged_from_old_and_new_documents_answers_from_positions(counted_candidates):
    backend = S.build_index(300, segments=2, pairs=False, delete_every=0)
    backend.include_spelling = False
    newer = S.documents(450, seed=2)[300:]  # other words, ids 301..450
    writer = backend.index.refresh().writer()
    for doc in newer:
        writer.add_document(**pairs.with_pairs(doc, "text", backend.schema))
    writer.commit(merge=False)
    backend.index = backend.index.refresh()
    assert _covered(backend) == [False, False, True]
    cases = _cases(40, seed=9)
    assert _differences(backend, cases) == []
    assert counted_candidates["calls"] > 0  # the new segment's phrases came from its pairs
    writer = backend.index.refresh().writer()
    writer.commit(optimize=True)
    backend.index = backend.index.refresh()
    assert _covered(backend) == [False]  # 150 of 450 documents have pairs: not used
    counted_candidates.clear()
    assert _differences(backend, cases) == []
    assert counted_candidates["calls"] == 0


@pytest.mark.parametrize("seed", range(5))
def test_the_writers_pairs_are_the_analyzers(seed):
    """The segment builder's pairs (every pair's bucket computed at once from the content
    field's word ids, ``pair_postings``) are the pairs Whoosh's own writer indexes through
    ``PairAnalyzer`` (the same buckets, the same counts), document by document — no pair across
    two documents: stop words and one-letter words dropped, punctuation, digits, accents and
    repeated words as the content field sees them."""
    rng = random.Random(seed)
    pool = [*S.WORDS[:30], *S.STOP, "x", "I", "U.S.", "3.5", "état", "budget,", "(border)", "--"]
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randrange(0, 80))) for _ in range(6)]
    field = pairs.PhrasePairs(ANALYZER)
    table = WordTable(ANALYZER)
    ids = [table.word_ids(text) for text in texts]
    term_hashes = np.array([crc32(t.encode("utf-8")) for t in table.terms], dtype=np.uint32)
    words = np.concatenate(ids)
    hashes = term_hashes[table.term_of_word()[words]] if len(words) else words
    sizes = np.array([len(i) for i in ids], dtype=np.int64)
    written = pairs.pair_postings(np.arange(len(texts)), sizes, hashes, list(range(len(texts))))
    for doc, text in enumerate(texts):
        expected = Counter(t.text.encode("ascii")
                           for t in tokens(text, field.analyzer, {"mode": "index"}))
        found = Counter({term: int(weights[list(docs).index(doc)])
                         for term, (docs, weights, _values) in written.items() if doc in docs})
        assert found == expected
        assert expected[pairs.MARKER.encode("ascii")] == 1
        kept = [t.text.encode("utf-8") for t in ANALYZER(text)]
        assert sum(expected.values()) == max(len(kept), 1)  # n words: n - 1 pairs, the marker
        for first, second in zip(kept, kept[1:], strict=False):
            assert expected[pairs.pair_bucket(first, second)] > 0

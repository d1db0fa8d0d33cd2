"""Same answers: the array executor (``search.engine.executor``) against Whoosh's own matchers
on the same index, for generated searches covering the whole query language with facets,
exclusions, date ranges, sorts and pages (through ``build_search``, as the page searches).

Identical hit sets and counts, identical facet counts, the same top-20 order with scores equal
within 1e-5. And the check is shown to fail when one vectorized operator is broken."""

from __future__ import annotations

import datetime as dt
import os
import random
from contextlib import contextmanager

import pytest
from whoosh import query as Q
from whoosh.searching import Searcher

from search.engine import executor as ex
from search.querying.builder import FACETS, build_search, effective_sort
from tests.search.engine import synthetic as S

QUERIES = int(os.environ.get('EQUIV_QUERIES', 520))
PAGE = 20


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(["xyzzyq", "glyphosate", "zorblaxian"])
    if roll < 0.1:
        return rng.choice(S.STOP)
    return rng.choice(S.WORDS[: rng.choice((10, 40, len(S.WORDS)))])


def _clause(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if roll < 0.35:
        return _word(rng)
    if roll < 0.47:
        words = " ".join(_word(rng) for _ in range(rng.choice((2, 2, 3))))
        slop = rng.choice(["", "", "", f"~{rng.randrange(1, 6)}"])
        return f'"{words}"{slop}'
    if roll < 0.55:
        return f"{_word(rng)[: rng.randrange(2, 5)]}*"
    if roll < 0.62:
        word = _word(rng)
        typo = word[:-1] + "x" if len(word) > 3 else word
        return f"{typo}~{rng.choice(['', '', '2'])}"
    if roll < 0.72:
        field = rng.choice(["headline", "byline", "outlet"])
        value = {"headline": _word(rng), "byline": rng.choice(S.AUTHORS).split()[0].lower(),
                 "outlet": rng.choice(["alpha", "beta", "gamma", "wire"])}[field]
        return f"{field}:{value}"
    if roll < 0.8 and depth < 2:
        return f"({_clause(rng, depth + 1)} OR {_clause(rng, depth + 1)})"
    if roll < 0.87:
        return f"{_word(rng)} OR {_word(rng)}"
    if roll < 0.93:
        return f"-{_word(rng)}"
    return f"NOT {_word(rng)}"


def _params(rng: random.Random) -> dict:
    params: dict = {}
    if rng.random() < 0.92:
        parts = [_clause(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        params["q"] = " ".join(parts)
    choices = {
        "outlet": S.OUTLETS, "year": [str(y) for y in range(2000, 2020)],
        "byline": S.AUTHORS, "person": S.PEOPLE, "organisation": S.ORGS, "place": S.PLACES,
        "kind": ["article", "comments"], "comments": ["yes", "no"], "story_size": ["1", "2"],
    }
    for _ in range(rng.choice((0, 0, 1, 2))):
        param = rng.choice(list(choices))
        key = param if rng.random() < 0.8 else f"not_{param}"
        params.setdefault(key, []).append(rng.choice(choices[param]))
    if rng.random() < 0.2:
        params["from"] = dt.date(2000 + rng.randrange(15), rng.randrange(1, 13), 1)
    if rng.random() < 0.2:
        params["to"] = dt.date(2005 + rng.randrange(15), rng.randrange(1, 13), 28)
    params["sort"] = rng.choice(["relevance", "relevance", "newest", "oldest"])
    params["page"] = rng.choice((1, 1, 1, 2, 5))
    return params


def _answer(backend, params: dict, *, arrays: bool) -> dict:
    backend.use_executor = arrays
    if not arrays:
        with _every_match_scored():
            return _page_count_facets(backend, params, arrays)
    return _page_count_facets(backend, params, arrays)


@contextmanager
def _every_match_scored():
    """Whoosh's searches scoring every match, without a limit or block-quality skipping: with a
    limit, Whoosh 2.7's top 20 for an Or within a constant-score range came from its first
    segment only (every match scored, its scores equal the arrays')."""
    original = Searcher.search

    def search(self, q, **kwargs):
        kwargs["optimize"] = False
        kwargs["limit"] = None
        return original(self, q, **kwargs)

    Searcher.search = search
    try:
        yield
    finally:
        Searcher.search = original


def _page_count_facets(backend, params: dict, arrays: bool) -> dict:
    sqs = build_search(params)
    start = (params["page"] - 1) * PAGE
    page = [(r.pk, r.score) for r in sqs[start : start + PAGE]]
    count = sqs.count()
    facets = (sqs.facet_counts() or {}).get("fields", {})
    return {"page": page, "count": count, "facets": facets, "all": _hit_set(backend, sqs, arrays)}


def _hit_set(backend, sqs, arrays: bool) -> set[int]:
    """Every matching document number: the executor's ids, or Whoosh's matchers' documents."""
    built = sqs.query.build_params()
    query = backend._whoosh_query(sqs.query.build_query(), built.get("narrow_queries"), None)
    if query is None:
        return set()
    with backend._reading() as searcher:
        if arrays:
            try:
                return set(ex.Executor(searcher, backend.segment_columns).run(query).ids.tolist())
            except ex.Unsupported:
                pass  # answered by Whoosh's matchers, as the backend does
        return set(searcher.docs_for_query(query))


def _leafwise(searcher, q) -> set[int]:
    """The documents of ``q`` from Whoosh's matchers leaf by leaf, combined as sets: the
    referee when Whoosh's compound matchers and the arrays disagree."""
    if isinstance(q, Q.And):
        positives = [_leafwise(searcher, s) for s in q.subqueries if not isinstance(s, Q.Not)]
        found = set.intersection(*positives) if positives else set(
            searcher.reader().all_doc_ids())
        for sub in q.subqueries:
            if isinstance(sub, Q.Not):
                found -= _leafwise(searcher, sub.query)
        return found
    if isinstance(q, Q.Or):
        return set().union(*(_leafwise(searcher, s) for s in q.subqueries))
    if isinstance(q, Q.AndNot):
        return _leafwise(searcher, q.a) - _leafwise(searcher, q.b)
    if isinstance(q, Q.Not):
        return set(searcher.reader().all_doc_ids()) - _leafwise(searcher, q.query)
    return set(searcher.docs_for_query(q))


def _whoosh_wrong(backend, params) -> bool:
    """Whether Whoosh's compound matchers miss or add documents that its own leaf matchers,
    combined as sets, do not (Whoosh 2.7's AndNot after an intersection keeps documents it
    should exclude)."""
    sqs = build_search(params)
    built = sqs.query.build_params()
    query = backend._whoosh_query(sqs.query.build_query(), built.get("narrow_queries"), None)
    with backend._reading() as searcher:
        referee = _leafwise(searcher, query)
        return referee != set(searcher.docs_for_query(query)) and referee == set(
            ex.Executor(searcher, backend.segment_columns).run(query).ids.tolist())


WHOOSH_WRONG: list[str] = []
TIE = 1e-9


def _same_order(new: list, old: list, *, ties: bool) -> bool:
    """The same documents in the same order; by relevance, two documents whose scores are equal
    (within ``TIE``: sums of the same terms added in another order) may change places, at the
    page's edge too."""
    if [pk for pk, _ in new] == [pk for pk, _ in old]:
        return True
    if not ties or len(new) != len(old):
        return False
    for i, ((pk_a, score_a), (pk_b, score_b)) in enumerate(zip(new, old, strict=True)):
        if pk_a == pk_b:
            continue
        tied = abs(score_a - score_b) < TIE and (
            i in (0, len(new) - 1)
            or any(abs(s - score_a) < TIE for j, (_, s) in enumerate(old) if j != i)
        )
        if not tied:
            return False
    return True


def _differences(backend, cases) -> list[str]:
    problems = []
    for params in cases:
        new = _answer(backend, params, arrays=True)
        old = _answer(backend, params, arrays=False)
        label = repr(params)
        if new["count"] != old["count"] or new["all"] != old["all"]:
            if _whoosh_wrong(backend, params):
                WHOOSH_WRONG.append(label)
            else:
                problems.append(f"hits differ {new['count']} != {old['count']}: {label}")
            continue
        if new["facets"] != old["facets"]:
            problems.append(f"facets differ: {label}")
        relevance = effective_sort(params) == "relevance"
        if not _same_order(new["page"], old["page"], ties=relevance):
            problems.append(f"order differs: {label}")
        elif relevance and any(
            abs(a - b) > 1e-5 for (_, a), (_, b) in zip(new["page"], old["page"], strict=True)
        ):
            problems.append(f"scores differ: {label}")
    return problems


@pytest.fixture
def synthetic_index():
    backend = S.build_index(800, segments=3)
    spelling, backend.include_spelling = backend.include_spelling, False  # compared elsewhere
    yield backend
    backend.use_executor, backend.include_spelling = True, spelling


def test_generated_queries_answer_the_same_through_arrays_and_whoosh(synthetic_index):
    rng = random.Random(16)
    cases = [_params(rng) for _ in range(QUERIES)]
    # the executor really answers (Whoosh's matchers are only a fallback)
    answered = []
    original = ex.Executor.run

    def counting_run(self, query):
        matches = original(self, query)
        answered.append(len(matches))
        return matches

    ex.Executor.run = counting_run
    try:
        problems = _differences(synthetic_index, cases)
    finally:
        ex.Executor.run = original
    assert problems[:10] == []
    # Whoosh's own AndNot is wrong now and then; the arrays agree with its leaf matchers then
    assert len(WHOOSH_WRONG) <= QUERIES // 20, WHOOSH_WRONG
    assert len(answered) >= QUERIES  # every generated search went through the arrays
    assert sum(1 for n in answered if n) > QUERIES // 2  # and most found something


def test_the_check_fails_when_one_vectorized_operator_is_broken(synthetic_index, monkeypatch):
    rng = random.Random(3)
    cases = [p for p in (_params(rng) for _ in range(200)) if " OR " in p.get("q", "")][:40]
    assert cases
    assert _differences(synthetic_index, cases) == []

    def broken_union(parts):  # the union forgets to add the scores of documents in both
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return ex.P.EMPTY_IDS, ex.P.EMPTY_WEIGHTS
        import numpy as np

        ids = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        unique, first = np.unique(ids, return_index=True)
        return unique, scores[first]

    monkeypatch.setattr(ex, "_union", broken_union)
    assert _differences(synthetic_index, cases) != []


def test_shapes_left_to_whoosh_are_named_and_still_answered(synthetic_index):
    """What the executor does not handle goes to Whoosh's matchers, with the same answer."""
    assert len(ex.UNSUPPORTED_SHAPES) == 5
    searcher = synthetic_index.index.searcher()
    try:
        for shape in (
            Q.Or([Q.Term("text", "budget"), Q.Term("text", "border")], minmatch=2),
            Q.DisjunctionMax([Q.Term("text", "budget"), Q.Term("text", "border")]),
            Q.Regex("text", "bud.*"),
        ):
            with pytest.raises(ex.Unsupported):
                ex.Executor(searcher, ex.SegmentColumns()).run(shape)
        supported = Q.And([Q.Term("text", "budget"), Q.Not(Q.Term("text", "border"))])
        ex.Executor(searcher, ex.SegmentColumns()).run(supported)  # no fallback needed
    finally:
        searcher.close()
    assert {f.param for f in FACETS} >= {"outlet", "year"}


def test_a_fuzzy_words_idf_counts_a_segment_whose_list_has_no_word_near_it():
    """``loss~`` finds "lose" in the first segment only; the second holds the stem "lose" through
    "losing", two edits too far to be listed there. Whoosh's idf for "lose" counts both
    segments' documents, and so must the executor's (a segment's expansion does not say which
    terms it lacks for a fuzzy word)."""
    backend = S.build_segments([["they lose ground"], ["losing streak", "loss report"]])
    query = backend.parser.parse("loss~")
    with backend._reading() as searcher:
        assert searcher.doc_frequency("text", "lose") == 2
        whoosh = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
        arrays = ex.Executor(searcher, backend.segment_columns).run(query)
    assert len(whoosh) == 2
    assert dict(zip(arrays.ids.tolist(), arrays.scores.tolist(), strict=True)) == \
        pytest.approx(whoosh, abs=1e-9)

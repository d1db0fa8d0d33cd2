"""Issue 13's query cost budget in the engine: the pathological searches stay under a second of
CPU on a 10,000-document archive (a generous bound: a cost budget, not a benchmark), the empty
search is newest-first from the date column (never Whoosh's ``Every`` over every term), and a
wildcard, fuzzy word or range expanding past ``MAX_EXPANSION_TERMS`` words is refused with
``QueryTooBroad`` and a message for the person."""

from __future__ import annotations

import time

import pytest
from haystack.query import SearchQuerySet
from whoosh import query as Q

from search.engine import budget, expansion
from tests.search.engine import synthetic as S

pytestmark = pytest.mark.django_db

CPU_SECONDS = 1.0


def cpu_of(client, url: str) -> tuple[float, int]:
    start = time.process_time()
    response = client.get(url)
    return time.process_time() - start, response.status_code


def test_pathological_searches_stay_within_a_second_of_cpu(client, monkeypatch):
    S.build_index(10_000, segments=4)
    every_calls = []
    original = Q.Every.matcher
    monkeypatch.setattr(Q.Every, "matcher",
                        lambda self, *a, **k: every_calls.append(self) or original(self, *a, **k))
    client.get("/search/?q=budget")  # the first search opens the index
    for url in (
        "/search/?q=" + "a+" * 500,
        "/search/?q=" + "x~+" * 40,
        "/search/",
        "/search/?per_story=on",
        "/search/?q=budget&per_story=on",
        "/search/?q=" + "+OR+".join(S.WORDS[:40]),
    ):
        seconds, status = cpu_of(client, url)
        assert status == 200, url
        assert seconds < CPU_SECONDS, (url, seconds)
    assert every_calls == []  # Whoosh's Every matcher never ran


def test_the_empty_search_is_newest_first_over_every_document():
    S.build_index(300, segments=2)
    results = list(SearchQuerySet().order_by("-published")[:20])
    assert SearchQuerySet().count() == len(S.documents(300)) - len(S.documents(300)[::17])
    dates = [r.published for r in results]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("text, says", [
    ("b*", "the wildcard 'b*' matches more than"),
    ("headline:[a TO z]", "the range matches more than"),
])
def test_a_query_expanding_past_the_budget_is_refused_with_a_message(monkeypatch, text, says):
    S.build_index(300, segments=1)
    monkeypatch.setattr(expansion, "MAX_EXPANSION_TERMS", 3)
    with pytest.raises(budget.QueryTooBroad) as refused:
        SearchQuerySet().raw_search(text).count()
    assert says in str(refused.value)


def test_a_fuzzy_word_expanding_past_the_budget_is_refused(monkeypatch):
    S.build_index(300, segments=1)
    monkeypatch.setattr(expansion, "MAX_EXPANSION_TERMS", 1)
    with pytest.raises(budget.QueryTooBroad) as refused:
        SearchQuerySet().raw_search("rates~2").count()
    assert "the fuzzy word 'rates~'" in str(refused.value)
    monkeypatch.setattr(expansion, "MAX_EXPANSION_TERMS", 1000)
    assert SearchQuerySet().raw_search("rates~2").count() > 0  # within the budget: answered

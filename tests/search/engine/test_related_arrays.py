"""More-like-this (an article page's related coverage) answered on the arrays gives what
Whoosh's ``Searcher.more_like`` gives: the same documents in the same order with the same
scores, the same count, the document itself and other models left out. And the comparison
is shown to fail when the arrays get one thing wrong."""

from __future__ import annotations

import pytest

from archive.models import Article
from search.engine import executor as ex
from search.engine import whoosh as engine
from tests.search.engine import synthetic as S

TOP = 15


@pytest.fixture
def synthetic_index():
    backend = S.build_index(400, segments=3)
    yield backend
    backend.use_executor = True


def _related(backend, identifier: str, *, arrays: bool):
    backend.use_executor = arrays
    found = backend.more_like_this(identifier, models=[Article], start_offset=0, end_offset=TOP)
    return [(r.pk, round(r.score, 6)) for r in found["results"]], found["hits"]


def _differences(backend) -> tuple[list[str], int]:
    problems, compared = [], 0
    for n in range(1, 400, 7):
        identifier = f"archive.article.{n}"
        if n % 8 == 0 or n % 17 == 0:  # comment blocks; deleted documents
            continue
        new, old = _related(backend, identifier, arrays=True), _related(backend, identifier,
                                                                        arrays=False)
        if not old[1] and not new[1]:
            continue  # not in the index (the generator skipped it)
        compared += 1
        if new != old:
            problems.append(f"{identifier}: {new} != {old}")
    return problems, compared


def test_related_coverage_is_the_same_on_the_arrays_as_in_whoosh(synthetic_index):
    answered = []
    original = engine.related_top

    def counting(*args, **kwargs):
        result = original(*args, **kwargs)
        answered.append(result[0])
        return result

    engine.related_top = counting
    try:
        problems, compared = _differences(synthetic_index)
    finally:
        engine.related_top = original
    assert problems == []
    assert compared > 40 and len(answered) == compared  # every one answered on the arrays
    assert all(hits > TOP for hits in answered)  # and each found more than one page
    pks, _ = _related(synthetic_index, "archive.article.5", arrays=True)
    assert "5" not in [pk for pk, _ in pks]
    assert all(int(pk) % 8 for pk, _ in pks)  # articles only, no comment blocks


def test_the_check_fails_when_the_arrays_drop_a_match(synthetic_index, monkeypatch):
    original = ex.Executor.run

    def forgetful(self, query):  # drops the first match of every search: counts differ
        matches = original(self, query)
        return ex.Matches(matches.ids[1:], matches.scores[1:])

    monkeypatch.setattr(ex.Executor, "run", forgetful)
    problems, compared = _differences(synthetic_index)
    assert compared and len(problems) == compared

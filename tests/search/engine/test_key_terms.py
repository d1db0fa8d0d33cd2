"""A document's key terms (the more-like-this query of an article's related coverage) from the
cached per-segment frequencies equal Whoosh's ``Searcher.key_terms``: the same words, weights
and order, on a multi-segment index with deletions. And the comparison fails when the cached
frequencies are wrong."""

from __future__ import annotations

import pytest

from search.engine import key_terms as K
from search.engine.segment_arrays import SegmentColumns
from tests.search.engine import synthetic as S

NUMTERMS = 12


@pytest.fixture
def synthetic_index():
    return S.build_index(400, segments=3)


def _differences(backend) -> tuple[list[str], int]:
    field = backend.content_field_name
    columns = SegmentColumns()
    problems, compared = [], 0
    with backend.index.searcher() as searcher:
        assert len(searcher.leaf_searchers()) > 1
        for n in range(1, 400, 3):
            docnum = searcher.document_number(id=f"archive.article.{n}")
            if docnum is None:  # comment blocks and deleted documents
                continue
            ours = K.key_terms(searcher, docnum, field, NUMTERMS, columns)
            whoosh = searcher.key_terms([docnum], field, numterms=NUMTERMS, normalize=False)
            compared += 1
            if ours != whoosh:
                problems.append(f"{n}: {ours} != {whoosh}")
    return problems, compared


def test_key_terms_are_whooshs(synthetic_index):
    problems, compared = _differences(synthetic_index)
    assert problems == []
    assert compared > 80


def test_the_check_fails_when_a_segment_is_forgotten(synthetic_index, monkeypatch):
    original = K.segment_frequencies
    monkeypatch.setattr(K, "segment_frequencies",
                        lambda *args: original(*args)[1:])  # the first segment's counts lost
    problems, compared = _differences(synthetic_index)
    assert compared and len(problems) > compared // 2

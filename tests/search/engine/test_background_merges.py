"""A large tier merge runs in a forked process and a later commit swaps it in: the index then
reads as a fresh build, documents deleted while the merge ran included (``background_merges``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from haystack import connections

from archive.models import Article
from archive.signals import announce_changes
from bench.corpusgen.stories import make_story
from search.engine import background_merges, merging
from tests.factories import make_article

from .batch_index import amend_and_hide, assert_same, prepared_documents, reference_index


def _commit_articles(on_commit, start: int, count: int) -> None:
    with on_commit():
        for sid in range(start, start + count):
            story = make_story(11, sid)
            make_article(
                title=story.headline,
                body="\n\n".join(story.paragraphs),
                published=story.published,
                source="Reuters",
                comments=["First!"] if sid % 4 == 0 else None,
            )


def _leftovers(index_path: Path) -> list[Path]:
    return list(index_path.parent.glob(f".{index_path.name}-merge-*"))


@pytest.mark.django_db
def test_a_background_merge_keeps_deletions_made_while_it_ran(
    tmp_path, search_index, monkeypatch, on_commit
):
    monkeypatch.setattr(merging, "MERGE_FACTOR", 100)  # six segments, nothing merged
    for start in range(0, 30, 5):
        _commit_articles(on_commit, start, 5)
    with on_commit():  # a deletion before the merge starts: the merge drops it
        Article.objects.filter(pk=Article.objects.order_by("pk")[5].pk).update(
            status=Article.Status.HIDDEN
        )
        announce_changes([Article.objects.order_by("pk")[5].pk])
    backend = connections["default"].get_backend()
    storage, indexname = backend.storage, backend.index.indexname
    monkeypatch.setattr(merging, "MERGE_FACTOR", 3)
    monkeypatch.setattr(merging, "SMALLEST_TIER", 4)
    monkeypatch.setattr(background_merges, "MIN_DOCS", 1)
    _commit_articles(on_commit, 30, 5)  # seven segments of one tier: merged in the background
    reading = background_merges.busy(storage, indexname)
    assert len(reading) == 7
    # Edits and a hide delete documents of segments the merge is reading (after it started),
    # some after the one it dropped in the same segment (their numbers move down by one).
    amend_and_hide(on_commit, amended=8, hidden=12)
    background_merges.finish_merges()
    assert not background_merges.busy(storage, indexname)
    assert not _leftovers(search_index)
    backend.index = backend.index.refresh()
    segments = backend.index._segments()
    assert reading.isdisjoint(s.segment_id() for s in segments)
    # First the merged segment: 34 articles (the one hidden before left out) and 9 comment
    # blocks, of which the seven other edited articles, the hidden one and the three comment
    # blocks of these eight are deleted.
    assert (segments[0].doc_count_all(), segments[0].deleted_count()) == (43, 11)
    reference = reference_index(tmp_path / "reference", backend.schema, prepared_documents())
    assert_same(backend.index, reference, merged=True)


@pytest.mark.django_db
def test_a_background_merge_of_segments_gone_meanwhile_is_dropped(
    search_index, monkeypatch, on_commit
):
    monkeypatch.setattr(merging, "MERGE_FACTOR", 3)
    monkeypatch.setattr(merging, "SMALLEST_TIER", 4)
    monkeypatch.setattr(background_merges, "MIN_DOCS", 1)
    for start in range(0, 15, 5):
        _commit_articles(on_commit, start, 5)
    backend = connections["default"].get_backend()
    storage, indexname = backend.storage, backend.index.indexname
    assert background_merges.busy(storage, indexname)
    # Another process merged or cleared them first (and deleted their files).
    writer = backend.index.refresh().writer()
    writer._close_segment()
    writer._commit_toc([])
    writer._finish()
    merging.commit_segments(backend.index.refresh().writer(), [], merge=False, wait=True)
    assert not background_merges.busy(storage, indexname)
    assert not _leftovers(search_index)
    assert backend.index.refresh().doc_count_all() == 0

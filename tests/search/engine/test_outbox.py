"""The index outbox: a row per change in the change's own transaction, drained after the commit
with retries, and what a crash leaves pending is finished by the next write, ``ingest``,
``process_index_queue`` or ``sync_index``, never lost."""

import pytest
from django.db import transaction
from haystack import connections
from haystack.query import SearchQuerySet

from archive.models import Article
from search.indexing import outbox
from search.indexing.sync import expected_identifiers
from search.models import IndexOutbox
from tests.factories import make_article
from tests.helpers import CORPUS, run_command

pytestmark = pytest.mark.django_db


def indexed_ids() -> set[str]:
    return connections["default"].get_backend().indexed_identifiers()


def in_sync() -> bool:
    return indexed_ids() == expected_identifiers()[0]


def hits(q: str) -> int:
    return SearchQuerySet().auto_query(q).count()


def test_the_row_is_written_in_the_changes_transaction_and_deleted_once_indexed(on_commit):
    with on_commit():
        article = make_article(title="Levee report", body="The levee held.")
        assert list(IndexOutbox.objects.values_list("article_id", flat=True)) == [article.pk]
        assert hits("levee") == 0  # nothing reaches the index before the commit
    assert hits("levee") == 1
    assert not IndexOutbox.objects.exists()


def test_a_rolled_back_change_leaves_no_row_and_no_document(on_commit):
    with on_commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            make_article(title="Phantom levee", body="Never committed.")
            raise RuntimeError
        assert not IndexOutbox.objects.exists()
    assert hits("phantom") == 0 and indexed_ids() == set()


def test_a_crash_after_the_commit_is_finished_by_the_next_write(on_commit):
    # The test's transaction never commits, so callbacks not captured never run: exactly a
    # process killed between its commit and its index write.
    lost = make_article(title="Levee report", body="The levee held.")
    assert IndexOutbox.objects.filter(article_id=lost.pk).exists() and hits("levee") == 0
    with on_commit():
        make_article(title="Harbour news", body="Boats.")  # any later write drains everything
    assert hits("levee") == 1 and hits("harbour") == 1
    assert in_sync() and not IndexOutbox.objects.exists()


def test_a_crash_before_a_hide_is_indexed_leaves_no_ghost_after_the_next_pass(on_commit):
    with on_commit():
        article = make_article(title="Fox levee", body="The levee held.")
    article.status = Article.Status.HIDDEN
    article.save()  # committed, never indexed: a ghost until the next pass
    assert hits("levee") == 1
    run = run_command("process_index_queue")
    assert run.ok, run.stderr
    assert "Indexed 1 articles" in run.stdout
    assert hits("levee") == 0 and in_sync()


def test_ingest_finishes_what_a_killed_ingest_committed_but_never_indexed(sources):
    first = run_command("ingest", str(CORPUS))  # callbacks never run: killed after each commit
    assert first.ok and IndexOutbox.objects.count() == 5 and indexed_ids() == set()
    again = run_command("ingest", str(CORPUS))
    assert again.ok, again.stderr
    assert "5 unchanged" in again.stdout  # the files are in the database already...
    assert "Indexed 5 articles left pending" in again.stdout  # ...and now in the index too
    assert in_sync() and len(indexed_ids()) >= 5 and not IndexOutbox.objects.exists()


def test_process_index_queue_dry_run_reports_without_indexing(sources):
    make_article(title="Levee report", body="The levee held.")
    run = run_command("process_index_queue", dry_run=True)
    assert run.ok and run.stdout.startswith("1 pending index writes (1 articles)")
    assert IndexOutbox.objects.count() == 1 and hits("levee") == 0


def test_a_failing_index_write_is_retried_then_succeeds(on_commit, monkeypatch):
    real = outbox.reindex_articles
    failures = iter([OSError("disk full"), OSError("index locked")])

    def flaky(ids, **kwargs):
        error = next(failures, None)
        if error:
            raise error
        return real(ids, **kwargs)

    monkeypatch.setattr(outbox, "reindex_articles", flaky)
    monkeypatch.setattr(outbox.time, "sleep", lambda s: None)
    monkeypatch.setattr(outbox, "RETRY_DELAYS", (0, 0, 0))
    with on_commit():
        make_article(title="Levee report", body="The levee held.")
    assert hits("levee") == 1 and not IndexOutbox.objects.exists()


def test_an_article_that_keeps_failing_stays_queued_with_its_error_and_others_go_on(
        on_commit, monkeypatch):
    bad = make_article(title="Bad levee", body="Breaks the indexer.")
    real = outbox.reindex_articles

    def fails_on_bad(ids, **kwargs):
        if bad.pk in set(ids):
            raise ValueError("cannot prepare")
        return real(ids, **kwargs)

    monkeypatch.setattr(outbox, "reindex_articles", fails_on_bad)
    monkeypatch.setattr(outbox, "RETRY_DELAYS", (0,))
    with on_commit():
        good = make_article(title="Good harbour", body="Boats.")
    assert hits("harbour") == 1
    row = IndexOutbox.objects.get()
    assert (row.article_id, row.attempts) == (bad.pk, 1)
    assert "ValueError: cannot prepare" in row.last_error
    assert good.pk not in IndexOutbox.objects.values_list("article_id", flat=True)
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.drain()
    assert IndexOutbox.objects.get().attempts == outbox.MAX_ATTEMPTS  # given up on, not looping
    assert outbox.drain().rows == 0
    monkeypatch.setattr(outbox, "reindex_articles", real)
    failed = run_command("process_index_queue", dry_run=True)
    assert f"1 failed {outbox.MAX_ATTEMPTS} times" in failed.stdout
    assert run_command("process_index_queue", retry_failed=True).ok
    assert hits("levee") == 1 and not IndexOutbox.objects.exists()


def test_a_drain_waits_for_the_writer_lock_and_leaves_rows_when_it_cannot_have_it(
        on_commit, monkeypatch):
    import threading

    make_article(title="Levee report", body="The levee held.")
    taken, release = threading.Event(), threading.Event()

    def hold():
        with outbox.index_writer_lock() as acquired:
            assert acquired
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    try:
        result = outbox.drain(lock_timeout=0.2)
        assert result.locked and IndexOutbox.objects.count() == 1 and hits("levee") == 0
    finally:
        release.set()
        holder.join()
    assert outbox.drain().rows == 1 and hits("levee") == 1


def test_sync_index_finishes_pending_writes_and_repairs_stale_content(indexed):
    article = Article.objects.published().first()
    # A change that reached the database and never the index (QuerySet.update sends no signal).
    Article.objects.filter(pk=article.pk).update(body="Zorblaxian dirigibles everywhere.")
    pending = make_article(title="Pending levee", body="The levee held.")
    assert hits("zorblaxian") == 0 and hits("levee") == 0
    dry = run_command("sync_index", dry_run=True)
    assert "1 pending index writes" in dry.stdout
    assert "1 missing" in dry.stdout or "1 articles with stale documents" in dry.stdout
    assert hits("zorblaxian") == 0
    fixed = run_command("sync_index", verbosity=2)
    assert fixed.ok, fixed.stderr
    assert f"stale search.article.{article.pk}" in fixed.stdout
    assert hits("zorblaxian") == 1 and hits("levee") == 1
    assert not IndexOutbox.objects.filter(article_id=pending.pk).exists()
    assert "in sync" in run_command("sync_index").stdout


def test_sync_index_quick_compares_ids_only(indexed):
    article = Article.objects.published().first()
    Article.objects.filter(pk=article.pk).update(body="Zorblaxian dirigibles everywhere.")
    quick = run_command("sync_index", quick=True)
    assert "in sync" in quick.stdout and "(ids only)" in quick.stdout
    assert hits("zorblaxian") == 0


def test_hiding_a_story_member_re_indexes_the_others_story_size(indexed, on_commit):
    from archive.curation import status
    from newsroom.models import StoryMembership
    from search.indexing.sync import stale_articles

    first = Article.objects.get(file_name__startswith="000_")
    story = first.story_membership.story_id
    mates = set(StoryMembership.objects.filter(story_id=story).values_list("article_id",
                                                                            flat=True))
    assert len(mates) >= 2 and stale_articles() == set()
    with on_commit():  # an UPDATE without signals, queued for the hidden article only
        status.hide(articles=Article.objects.filter(pk=first.pk), reason="test")
    assert stale_articles() == set()  # the others' story size follows

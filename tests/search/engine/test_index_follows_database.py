"""The index follows the database: saves, hides, merges, deletes, comment blocks, rollbacks."""

import pytest
from django.db import transaction
from haystack import connections
from haystack.query import SearchQuerySet

from archive.models import Article, CommentBlock
from archive.signals import announce_changes, batched_changes
from tests.factories import make_article
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def indexed_ids() -> set[str]:
    return connections["default"].get_backend().indexed_identifiers()


def expected_ids() -> set[str]:
    articles = {f"archive.article.{pk}" for pk in
                Article.objects.published().values_list("pk", flat=True)}
    blocks = {f"archive.commentblock.{pk}" for pk in CommentBlock.objects.filter(
        is_hidden=False, article__in=Article.objects.published()).values_list("pk", flat=True)}
    return articles | blocks


def hits(q: str) -> int:
    return SearchQuerySet().auto_query(q).count()


def test_save_edit_hide_and_delete_update_search_at_once(on_commit):
    with on_commit():
        article = make_article(title="Levee report", body="The levee held.")
    assert hits("levee") == 1
    with on_commit():
        article.body = "The dam held."
        article.save()
    assert hits("levee") == 1 and hits("dam") == 1  # title still says levee
    with on_commit():
        article.status = Article.Status.HIDDEN
        article.save()
    assert hits("dam") == 0
    assert indexed_ids() == expected_ids() == set()
    with on_commit():
        article.status = Article.Status.PUBLISHED
        article.save()
    assert hits("dam") == 1
    with on_commit():
        article.delete()
    assert hits("dam") == 0 and indexed_ids() == set()


def test_merged_and_hidden_articles_are_never_indexed(on_commit):
    with on_commit():
        kept = make_article(title="Kept", body="syndicated flood story")
        merged = make_article(title="Copy", body="syndicated flood story", comments=["flood!"])
        hidden = make_article(title="Hidden", body="secret flood story",
                              status=Article.Status.HIDDEN)
        merged.merged_into = kept
        merged.save()
    assert [r.pk for r in SearchQuerySet().auto_query("flood").models(Article)] == [str(kept.pk)]
    assert f"archive.article.{hidden.pk}" not in indexed_ids()
    assert indexed_ids() == expected_ids()
    assert SearchQuerySet().auto_query("secret").count() == 0


def test_comment_block_changes_reindex_the_article(on_commit):
    with on_commit():
        article = make_article(title="Story", body="text", comments=["first comment"])
    block = article.comment_blocks.get()
    assert SearchQuerySet().auto_query("first").narrow('kind:"comments"').count() == 1
    assert SearchQuerySet().models(Article).filter(has_comments="yes").count() == 1
    with on_commit():
        block.is_hidden = True
        block.save()
    assert SearchQuerySet().auto_query("first").count() == 0
    assert [r.has_comments for r in SearchQuerySet().models(Article)] == ["no"]
    with on_commit():
        block.is_hidden = False
        block.comments = ["second thoughts", "third"]
        block.save()
    assert SearchQuerySet().auto_query("second").count() == 1
    assert [r.comment_count for r in SearchQuerySet().models(Article)] == [2]
    with on_commit():
        block.delete()
    assert indexed_ids() == expected_ids() == {f"archive.article.{article.pk}"}


def test_a_rolled_back_save_leaves_no_ghost_document(on_commit):
    with on_commit(), pytest.raises(RuntimeError), transaction.atomic():
        make_article(title="Ghost", body="phantom words")
        raise RuntimeError("boom")
    assert hits("phantom") == 0
    assert indexed_ids() == set()


def test_update_callers_queue_reindex_and_bulk_indexing_batches(on_commit):
    with on_commit():
        first = make_article(title="One", body="harbour")
        second = make_article(title="Two", body="harbour")
    with on_commit():
        Article.objects.filter(pk=first.pk).update(status=Article.Status.HIDDEN)
        announce_changes([first.pk])
    assert [r.pk for r in SearchQuerySet().auto_query("harbour")] == [str(second.pk)]
    with on_commit() as callbacks, batched_changes() as touched:
        for n in range(5):
            make_article(title=f"Bulk {n}", body="harbour")
    assert len(touched) == 5
    assert len(callbacks) == 1  # one batch, not one callback per save
    assert hits("harbour") == 6


def test_rebuild_update_and_sync_index_commands(indexed):
    backend = connections["default"].get_backend()
    backend.clear()
    assert indexed_ids() == set()
    run = run_command("update_index", verbosity=0)
    assert run.ok, run.stderr
    assert indexed_ids() == expected_ids()
    backend.clear()
    assert run_command("rebuild_index", interactive=False, verbosity=0).ok
    assert indexed_ids() == expected_ids()
    # sync_index repairs a drifted index and reports what it would do with --dry-run
    backend.remove_identifiers([f"archive.article.{Article.objects.first().pk}"])
    dry = run_command("sync_index", dry_run=True)
    assert "1 missing" in dry.stdout and indexed_ids() != expected_ids()
    fixed = run_command("sync_index")
    assert fixed.ok and indexed_ids() == expected_ids()
    again = run_command("sync_index")
    assert "in sync" in again.stdout


def test_a_saved_html_page_and_a_manifest_row_are_searchable_by_their_article_only(
        on_commit, tmp_path):
    """Saved pages go through the same pipeline as text files, index included: the article's
    words are found, the page's scripts and menus are not."""
    prose = " ".join(f"Sentence {n}: the quayside aquarium reopened to visitors today."
                     for n in range(12))
    page = (f"<html><head><title>Aquarium reopens</title><script>var zzscripted = 1;</script>"
            f"</head><body><nav><a href='/'>Zzmenuword</a></nav><article><h1>Aquarium reopens"
            f"</h1><p>{prose}</p></article></body></html>")
    (tmp_path / "aquarium.html").write_text(page, encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(
        '{"title": "Lighthouse sold", "text": "Lighthouse sold\\n\\nThe old lighthouse on the '
        'point was sold to a trust on Monday, the council said."}\n', encoding="utf-8")
    with on_commit():
        run = run_command("ingest", str(tmp_path), str(tmp_path / "rows.jsonl"))
    assert run.ok, run.stderr
    assert hits("quayside aquarium") == 1 and hits("lighthouse trust") == 1
    assert hits("zzscripted") == 0 and hits("zzmenuword") == 0
    assert indexed_ids() == expected_ids()

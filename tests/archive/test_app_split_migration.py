"""Splitting the one ``search`` app into archive / newsroom / search keeps every byte of data.

A database at the schema from before the split (``search`` 0002, every model in the ``search``
app) is filled through the historical models, then migrated forward. Afterwards the articles,
their history, permalinks, the curators' groups and their grants, the newsroom's rows and the
search results are all there, and no table was created or dropped."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from haystack import connections
from haystack.query import SearchQuerySet

from archive.models import Article, CommentBlock, Source
from newsroom.models import Entity, Story, StoryMembership

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_SPLIT = [("newsroom", None), ("archive", None), ("search", "0002_lean_intelligence_indexes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def _fill_old_schema(apps) -> dict:
    """Rows written as the code before the split wrote them: app label ``search``."""
    source = apps.get_model("search", "Source").objects.create(
        name="Reuters", slug="reuters", signatures="Reuters")
    article_model = apps.get_model("search", "Article")
    article = article_model.objects.create(
        headline="Zorblaxian dam removal begins", title="Zorblaxian dam removal begins",
        slug="zorblaxian-dam-removal-begins", source=source,
        published=datetime.date(2018, 4, 6), body="Crews began removing the zorblaxian dam.",
        raw=b"Zorblaxian dam removal begins\n\nCrews began removing the zorblaxian dam.\n",
        raw_sha256="a" * 64, file_name="dam.txt", status="published")
    alias = article_model.objects.create(
        headline="Dam removal", title="Dam removal", slug="dam-removal", body="Copy.",
        raw=b"Copy.", raw_sha256="b" * 64, file_name="dam-copy.txt", status="hidden",
        merged_into=article)
    apps.get_model("search", "CommentBlock").objects.create(
        article=article, heading="Join the discussion", position=3,
        comments=["A reader on the zorblaxian dam."], comment_count=1)
    apps.get_model("search", "HistoricalArticle").objects.create(
        id=article.pk, headline=article.headline, title=article.title, slug=article.slug,
        body=article.body, raw_sha256=article.raw_sha256, file_name=article.file_name,
        status="published", created_at=timezone.now(), history_date=timezone.now(),
        history_type="~", history_change_reason="edited before the split")
    story = apps.get_model("search", "Story").objects.create(title="Dam removal", size=1,
                                                             lead=article)
    apps.get_model("search", "StoryMembership").objects.create(story=story, article=article)
    apps.get_model("search", "Entity").objects.create(name="Zorblax Power", kind="organisation",
                                                      slug="zorblax-power")
    # The curators' grants as they were: permissions on the ``search`` content types.
    old_type = ContentType.objects.get(app_label="search", model="article")
    editor = Group.objects.get(name="Editor")
    assert editor.permissions.filter(content_type=old_type, codename="change_article").exists()
    curator = User.objects.create_user("curator", password="x", is_staff=True)
    curator.groups.add(editor)
    return {"article": article.pk, "alias": alias.pk, "story": story.pk,
            "content_type": old_type.pk, "tables": set(connection.introspection.table_names())}


def test_the_split_keeps_articles_history_permalinks_groups_and_search(client, settings):
    call_command("migrate", verbosity=0)  # the groups exist, with their grants
    try:
        before = _fill_old_schema(_migrate(BEFORE_SPLIT))
    finally:
        _migrate(_latest())
    call_command("migrate", verbosity=0)  # post_migrate: the roles are kept up to date

    # Every table kept; the only new ones are those of later migrations (archive 0004: template
    # lines; search 0004: saved searches and alert mails, issue 15; search 0005: the index
    # outbox, issue 13).
    tables = set(connection.introspection.table_names())
    assert before["tables"] <= tables
    assert tables - before["tables"] <= {
        "archive_templateline", "search_savedsearch", "search_alertmail", "search_alertitem",
        "search_indexoutbox",
    }
    article = Article.objects.get(pk=before["article"])
    assert article.source == Source.objects.get(slug="reuters")
    assert bytes(article.raw).startswith(b"Zorblaxian dam removal begins")
    assert CommentBlock.objects.get(article=article).comments == [
        "A reader on the zorblaxian dam."]
    assert [h.history_change_reason for h in article.history.all()] == ["edited before the split"]
    assert StoryMembership.objects.get(article=article).story_id == before["story"]
    assert Story.objects.get(pk=before["story"]).lead == article
    assert Entity.objects.filter(slug="zorblax-power").exists()

    # The content type moved (same row, so permissions and admin log entries follow).
    moved = ContentType.objects.get(pk=before["content_type"])
    assert (moved.app_label, moved.model) == ("archive", "article")
    assert not ContentType.objects.filter(app_label="search", model="article").exists()
    curator = User.objects.get(username="curator")
    assert curator.has_perm("archive.change_article")
    assert curator.has_perm("newsroom.change_story")
    assert not curator.has_perm("archive.delete_article")

    # Permalinks: the article, and the merged alias redirecting to it.
    response = client.get(f"/articles/{article.pk}/{article.slug}/")
    assert response.status_code == 200
    assert "Zorblaxian dam removal begins" in response.content.decode()
    alias = client.get(f"/articles/{before['alias']}/dam-removal/")
    assert alias.status_code == 301
    assert alias["Location"].startswith(f"/articles/{article.pk}/")

    # The index is rebuilt with the new document ids by sync_index, as `make run` does.
    call_command("sync_index", verbosity=0)
    hits = SearchQuerySet().auto_query("zorblaxian").models(Article)
    assert [(hit.app_label, hit.pk) for hit in hits] == [("archive", str(article.pk))]
    indexed = connections["default"].get_backend().indexed_identifiers()
    assert f"archive.article.{article.pk}" in indexed
    assert not any(ident.startswith("search.") for ident in indexed)

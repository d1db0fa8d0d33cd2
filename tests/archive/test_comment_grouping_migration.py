"""archive 0003: comment blocks stored one line a comment are regrouped into comments (a reader's
numbered list is one), on a populated database, and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("archive", "0002_article_identity_is_its_path")]
AFTER = [("archive", "0003_comment_blocks_group_numbered_lists")]
LINES = ["First reader.", "My list:", "1. One", "2. Two", "3. Three", "Last reader."]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaves():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def test_blocks_are_regrouped_and_can_be_split_again():
    apps = _migrate(BEFORE)
    article = apps.get_model("archive", "Article").objects.create(
        headline="H", title="H", slug="h", body="Body.", raw=b"H\n\nBody.", raw_sha256="c" * 64,
        file_name="h.txt", status="published")
    block_model = apps.get_model("archive", "CommentBlock")
    block = block_model.objects.create(article=article, heading="Comments", position=3,
                                       comments=LINES, comment_count=len(LINES))
    try:
        apps = _migrate(AFTER)
        block = apps.get_model("archive", "CommentBlock").objects.get(pk=block.pk)
        assert block.comments == ["First reader.", "My list:", "1. One\n2. Two\n3. Three",
                                  "Last reader."]
        assert block.comment_count == 4
        apps = _migrate(BEFORE)
        block = apps.get_model("archive", "CommentBlock").objects.get(pk=block.pk)
        assert block.comments == LINES and block.comment_count == 6
    finally:
        _migrate(_leaves())

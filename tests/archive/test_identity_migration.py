"""The migration to articles known by their path keeps every article, its id and so its
permalink; the next ingest of the folder gives such an article its full name."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.models import Article
from tests.helpers import run_command

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("archive", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def test_articles_keep_their_ids_and_names_and_are_found_again_under_their_path(tmp_path,
                                                                               client):
    old = _migrate(BEFORE)
    raw = b"Kept headline\n\nThe article that was ingested before issue 13.\n"
    row = old.get_model("archive", "Article").objects.create(
        headline="Kept headline", title="Kept headline", slug="kept-headline",
        body="The article that was ingested before issue 13.", raw=raw,
        raw_sha256=hashlib.sha256(raw).hexdigest(), file_name="x.txt", status="published")
    _migrate(_latest())

    article = Article.objects.get()
    assert (article.pk, article.file_name, article.slug) == (row.pk, "x.txt", "kept-headline")
    assert client.get(f"/articles/{row.pk}/kept-headline/").status_code == 200

    (tmp_path / "2018").mkdir()
    (tmp_path / "2018" / "x.txt").write_bytes(raw)
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "x.txt").write_bytes(b"Another x\n\nA different file of that name.\n")
    long_name = "n" * 200 + "/" + "m" * 100 + ".txt"  # longer than the 255 of before
    (tmp_path / ("n" * 200)).mkdir()
    (tmp_path / long_name).write_bytes(b"Long name\n\nA file with a long name.\n")
    run = run_command("ingest", str(tmp_path))
    assert run.ok, run.stderr
    assert dict(Article.objects.values_list("file_name", "pk"))["2018/x.txt"] == row.pk
    assert set(Article.objects.values_list("file_name", flat=True)) == {
        "2018/x.txt", "2019/x.txt", long_name}
    assert client.get(f"/articles/{row.pk}/kept-headline/").status_code == 200

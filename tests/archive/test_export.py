"""`manage.py export_articles`: JSON Lines for backups and checking."""

import json

import pytest

from archive.models import Article
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

FIELDS = {"id", "permalink", "headline", "headline_derived", "published", "source", "byline",
          "body", "boilerplate", "comments", "raw_sha256", "file"}


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_exports_every_published_article_with_the_documented_fields(seeded):
    rows = records(run_command("export_articles").stdout)
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= FIELDS
        stored = Article.objects.get(pk=row["id"])
        assert row["raw_sha256"] == stored.raw_sha256
        assert row["permalink"].endswith(stored.get_absolute_url())
    wt = next(r for r in rows if r["file"].startswith("002_"))
    assert wt["published"] == "2018-03-22" and wt["source"] == "The Washington Times"
    assert wt["headline"] == "" and wt["headline_derived"] is True
    assert wt["comments"][-1] == "Sounds treasonous to me."
    assert all(set(b) == {"kind", "text"} for b in wt["boilerplate"])


def test_hidden_articles_only_with_include_hidden(seeded):
    Article.objects.filter(file_name__startswith="003_").update(status="hidden")
    assert len(records(run_command("export_articles").stdout)) == 4
    rows = records(run_command("export_articles", include_hidden=True).stdout)
    assert len(rows) == 5 and {r["status"] for r in rows} == {"published", "hidden"}


def test_output_file_is_written_atomically(seeded, tmp_path):
    target = tmp_path / "backup.jsonl"
    run = run_command("export_articles", output=str(target))
    assert run.ok and "Exported 5 articles" in run.stdout
    assert len(records(target.read_text(encoding="utf-8"))) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["backup.jsonl"]  # no temporary left behind


def test_output_into_a_missing_folder_is_a_clear_error(seeded, tmp_path):
    run = run_command("export_articles", output=str(tmp_path / "nope" / "x.jsonl"))
    assert not run.ok and "is not a folder" in str(run.error)

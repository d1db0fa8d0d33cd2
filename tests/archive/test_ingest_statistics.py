"""An ingest that writes leaves the database's planner statistics behind it, so that the search
page's look-ups by key are planned as look-ups by key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import CommentBlock
from tests.helpers import CORPUS, run_command

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner and statistics")
def test_comment_hits_are_looked_up_by_key_after_an_ingest(sources):
    assert run_command("ingest", str(CORPUS)).ok
    hits = CommentBlock.objects.visible().select_related("article").filter(pk__in=range(1, 21))
    plan = _plan(hits)
    # Without statistics SQLite walks every public article through the status index, whatever
    # the tables' sizes: it takes the equality on an indexed column for a selective one.
    assert "article_status" not in plan, plan
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        assert {"search_article", "search_commentblock"} <= {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_postgresql_has_statistics_of_the_articles_after_an_ingest(sources):
    assert run_command("ingest", str(CORPUS)).ok
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'search_article'")
        assert cursor.fetchone()[0] > 0


def test_a_run_that_changes_nothing_does_not_analyze(sources):
    assert run_command("ingest", str(CORPUS)).ok
    with CaptureQueriesContext(connection) as queries:
        assert run_command("ingest", str(CORPUS)).ok
    assert not any("ANALYZE" in q["sql"] for q in queries)


def test_a_dry_run_does_not_analyze(sources):
    with CaptureQueriesContext(connection) as queries:
        assert run_command("ingest", str(CORPUS), "--dry-run").ok
    assert not any("ANALYZE" in q["sql"] for q in queries)

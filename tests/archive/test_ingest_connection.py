"""The ingest's bulk-write connection settings hold for the ingest only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.ingestion import connection as bulk

pytestmark = pytest.mark.django_db


def _pragma(name):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        row = cursor.fetchone()
    return None if row is None else row[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_sqlite_gets_the_bulk_pragmas_during_the_block_and_its_own_after():
    before = {name: _pragma(name) for name in bulk.SQLITE_BULK_PRAGMAS}
    with bulk.bulk_write_settings():
        assert _pragma("cache_size") == bulk.SQLITE_BULK_PRAGMAS["cache_size"]
        assert _pragma("wal_autocheckpoint") == bulk.SQLITE_BULK_PRAGMAS["wal_autocheckpoint"]
    assert {name: _pragma(name) for name in bulk.SQLITE_BULK_PRAGMAS} == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_settings_are_put_back_when_the_ingest_fails():
    before = _pragma("cache_size")
    with pytest.raises(RuntimeError), bulk.bulk_write_settings():
        raise RuntimeError("a failing ingest")
    assert _pragma("cache_size") == before


def test_only_sqlite_is_sent_pragmas():
    with CaptureQueriesContext(connection) as queries, bulk.bulk_write_settings():
        pass
    sent = [q["sql"] for q in queries if "PRAGMA" in q["sql"]]
    if connection.vendor == "sqlite":
        assert sent
    else:
        assert sent == []  # PostgreSQL keeps its own settings (and has no PRAGMA)

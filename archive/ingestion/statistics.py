"""The query planner's statistics, refreshed after an ingest has written articles.

Without them SQLite's planner takes every equality on an indexed column for a selective one: it
reads "status = 'published' AND id IN (20 ids)" through the status index, walking every public
article (0.3 s at 100,000 articles) instead of looking 20 rows up by key, and joins a search
page's comment hits the same way. ``ANALYZE`` records how many rows each index value covers.
SQLite's ``analysis_limit`` keeps it to a sample (about 50 ms at 100,000 articles); PostgreSQL's
``ANALYZE`` samples on its own, and its autovacuum would get there too, later.
"""

from __future__ import annotations

from django.db import connections

# Rows SQLite samples per index (its documentation suggests 100 to 1,000).
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_planner_statistics(using: str = "default") -> None:
    """Re-collect the statistics of every table of ``using``'s database."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

"""Insert and look up many plain rows in few statements, for the tables ingest fills by the
hundred thousand.

``Model.objects.bulk_create`` builds a model instance per row and prepares each field of each
row through the SQL compiler: profiled on ingest with intelligence, 190,000 such rows a 2,000
articles (LSH bands, mentions, quotes) took about half of the writer's time. The rows of these
tables are plain values with no signals, history or defaults to apply, so they go in as
multi-row ``INSERT … VALUES (…), (…)`` statements through Django's cursor (the same SQL on
SQLite and PostgreSQL, parameters passed separately, never formatted into the statement).
Looking up 40,000 band keys a batch with ``filter(key__in=…)`` spent most of its time preparing
each value of the ``IN`` list; ``select_where_in`` passes them as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from django.db import connections, router

# Parameters per statement at most (PostgreSQL allows 65,535; SQLite its compiled-in limit).
MAX_PARAMETERS = 30_000


def max_parameters(connection) -> int:
    """Parameters one statement may carry on this connection."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return max(1, min(MAX_PARAMETERS, limit))
    return min(MAX_PARAMETERS, connection.features.max_query_params or MAX_PARAMETERS)


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (one value per name in ``fields``, foreign keys by ``<name>_id`` or
    attribute name) into ``model``'s table; returns how many."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, max_parameters(connection) // len(fields))
    table = quote(model._meta.db_table)
    total = 0
    batch: list = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == per_statement:
                total += _insert(cursor, table, columns, one, batch)
                batch = []
        if batch:
            total += _insert(cursor, table, columns, one, batch)
    return total


def _insert(cursor, table: str, columns: str, one: str, batch: list) -> int:
    values = ", ".join([one] * len(batch))
    cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 - names only
                   [value for row in batch for value in row])
    return len(batch)


def select_where_in(model, fields: Sequence[str], field: str,
                    values: Sequence) -> Iterator[tuple]:
    """``(fields…)`` of ``model``'s rows whose ``field`` is one of ``values`` (in any order)."""
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    column = quote(model._meta.get_field(field).column)
    table = quote(model._meta.db_table)
    values = list(values)
    per_statement = max_parameters(connection)
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE {column} IN ({marks})",  # noqa: S608
                chunk,
            )
            yield from cursor.fetchall()

"""Insert and look up many plain rows in few statements, for the tables ingest fills by the
hundred thousand.

``Model.objects.bulk_create`` builds a model instance per row and prepares each field of each
row through the SQL compiler: profiled on ingest with intelligence, 190,000 such rows a 2,000
articles (LSH bands, mentions, quotes) took about half of the writer's time. The rows of these
tables are plain values with no signals, history or defaults to apply, so they go in as
multi-row ``INSERT … VALUES (…), (…)`` statements on PostgreSQL (one round trip for thousands of
rows) and one ``executemany`` on SQLite, through Django's cursor, parameters passed separately,
never formatted into the statement.
Looking up 40,000 band keys a batch with ``filter(key__in=…)`` spent most of its time preparing
each value of the ``IN`` list; ``select_where_in`` passes them all as one parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from django.db import connections, router

# Parameters per multi-row INSERT at most (PostgreSQL allows 65,535 a statement).
MAX_PARAMETERS = 30_000


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (one value per name in ``fields``, foreign keys by ``<name>_id`` or
    attribute name) into ``model``'s table; returns how many."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = quote(model._meta.db_table)
    rows = list(rows)
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # SQLite runs one prepared statement per row in C: no network round trip to save,
            # and Django rewrites the placeholders of a statement once, not per row.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", rows)  # noqa: S608
            return len(rows)
        per_statement = max(1, MAX_PARAMETERS // len(fields))
        for start in range(0, len(rows), per_statement):
            _insert(cursor, table, columns, one, rows[start : start + per_statement])
    return len(rows)


def _insert(cursor, table: str, columns: str, one: str, batch: list) -> int:
    values = ", ".join([one] * len(batch))
    cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 - names only
                   [value for row in batch for value in row])
    return len(batch)


def select_where_in(model, fields: Sequence[str], field: str,
                    values: Sequence) -> Iterator[tuple]:
    """``(fields…)`` of ``model``'s rows whose ``field`` is one of ``values`` (in any order).

    The values travel as one parameter, however many there are: a JSON array on SQLite
    (``json_each``), an array on PostgreSQL (``= ANY``)."""
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    column = quote(model._meta.get_field(field).column)
    table = quote(model._meta.db_table)
    values = list(values)
    if not values:
        return
    # Only quoted table and column names are formatted into the statement.
    if connection.vendor == "sqlite":
        where = f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        parameter = json.dumps(values)
    else:
        where, parameter = f"{column} = ANY(%s)", values
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {where}", [parameter])  # noqa: S608
        yield from cursor.fetchall()

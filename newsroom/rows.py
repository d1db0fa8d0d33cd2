"""Insert and look up many plain rows in few statements, for the tables ingest fills by the
hundred thousand.

``Model.objects.bulk_create`` builds a model instance per row and prepares each field of each
row through the SQL compiler: profiled on ingest with intelligence, 190,000 such rows a 2,000
articles (LSH bands, mentions, quotes) took about half of the writer's time. The rows of these
tables are plain values with no signals, history or defaults to apply, so they go in with
``COPY … FROM STDIN`` on PostgreSQL (one stream for the lot: measured on 760,000 band rows, a
fifth of the client's CPU and two thirds of the server's that multi-row ``INSERT`` statements
took) and one ``executemany`` on SQLite, through Django's cursor; values are never formatted into
a statement (on PostgreSQL they travel in COPY's data stream, escaped by ``copy_text``).
Looking up 40,000 band keys a batch with ``filter(key__in=…)`` spent most of its time preparing
each value of the ``IN`` list; ``select_where_in`` passes them all as one parameter, and
``one_parameter`` does the same inside a queryset (``filter(name__in=one_parameter(…))``).
"""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from django.db import connections, router
from django.db.models.expressions import RawSQL


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (one value per name in ``fields``, foreign keys by ``<name>_id`` or
    attribute name) into ``model``'s table; returns how many. Values: ``None``, ``int``,
    ``str`` or ``bytes``."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    table = quote(model._meta.db_table)
    rows = list(rows)
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            data = io.StringIO(copy_text_of(rows, len(fields)))
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", data)  # names only
            return len(rows)
        # SQLite: as many rows a statement as it may bind (``VALUES (…), (…)``), then the
        # rest one prepared statement per row (``executemany``). On the 37,000 band rows of a
        # batch, the large statement takes about a fifth less time than a statement per row
        # (statements of 250 or 1,000 rows take more). Its size never varies, so the
        # connection's statement cache holds one per table (a few MB each), not one per batch.
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, _sqlite_parameters(connection) // len(fields))
        whole = len(rows) - len(rows) % per_statement
        if whole:
            values = ", ".join([one] * per_statement)
            many = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608 - names only
            for start in range(0, whole, per_statement):
                cursor.execute(many, list(chain.from_iterable(rows[start:start + per_statement])))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}",  # noqa: S608
                           rows[whole:])
    return len(rows)


def _sqlite_parameters(connection) -> int:
    """Parameters a SQLite statement may hold: the library's own limit (32,766 since SQLite
    3.32 unless built otherwise; Django assumes the old default, 999)."""
    connection.ensure_connection()
    return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


# COPY's text format: a backslash, a tab, a new line and a carriage return are escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format (``\\N`` is NULL; bytes go as ``bytea`` hex)."""
    kind = type(value)  # exact types, most frequent first (a bool is refused, not copied as 1)
    if kind is int:
        return str(value)
    if kind is str:
        if "\x00" in value:
            raise ValueError("PostgreSQL text cannot hold a NUL character")
        return value.translate(_COPY_ESCAPES)
    if value is None:
        return "\\N"
    if kind is bytes:
        return "\\\\x" + value.hex()  # COPY unescapes the backslash; bytea reads the hex
    raise TypeError(f"cannot copy a {kind.__name__} value")


def copy_text_of(rows: list[Sequence], width: int) -> str:
    """``rows`` as COPY's text format. Rows of integers only (the LSH bands, the bulk of it) are
    formatted in one pass of C code rather than value by value."""
    if set(map(type, chain.from_iterable(rows))) <= {int}:
        line = "\t".join(["%d"] * width) + "\n"
        return "".join(map(line.__mod__, map(tuple, rows)))
    return "".join(map(copy_line, rows))


def copy_line(row: Sequence) -> str:
    return "\t".join(map(copy_text, row)) + "\n"


def select_where_in(model, fields: Sequence[str], field: str,
                    values: Sequence) -> Iterator[tuple]:
    """``(fields…)`` of ``model``'s rows whose ``field`` is one of ``values`` (in any order).

    The values travel as one parameter, however many there are: a JSON array on SQLite
    (``json_each``), an array on PostgreSQL (``= ANY``; integers as one comma-separated text)."""
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
    elif all(type(value) is int for value in values):
        # Integers as one text the server splits: psycopg2 would quote each list item in
        # Python (a third of the writer's time on the band look-up).
        where = f"{column} = ANY(string_to_array(%s, ',')::bigint[])"
        parameter = ",".join(map(str, values))
    else:
        where, parameter = f"{column} = ANY(%s)", values
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {where}", [parameter])  # noqa: S608
        yield from cursor.fetchall()


def one_parameter(model, values: Sequence) -> RawSQL | list:
    """The right-hand side of an ``__in`` filter on ``model``'s table holding ``values`` as
    one parameter (``filter(name__in=one_parameter(Entity, names))``), as ``select_where_in``
    passes them: Django prepares each value of a plain list on its own, which cost about as
    much as the query itself for the thousands of names a batch looks up. Values: all ``int``
    or all ``str``. No values: the empty list itself (Django answers it without a query; an
    empty array would have no type on PostgreSQL)."""
    connection = connections[router.db_for_read(model)]
    values = list(values)
    if not values:
        return values
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])
    if all(type(value) is int for value in values):
        return RawSQL("SELECT unnest(string_to_array(%s, ',')::bigint[])",
                      [",".join(map(str, values))])
    return RawSQL("SELECT unnest(%s::text[])", [values])

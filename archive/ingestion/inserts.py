"""New model instances and their history rows inserted in few statements, each column's values
prepared as Django prepares them, the columns taken from ``Model._meta``.

``bulk_create_with_history`` (django-simple-history) calls ``bulk_create`` twice: the SQL
compiler prepares every value of every row on its own (``pre_save``, ``get_db_prep_save``, a
placeholder each), and a historical instance is built per row only to be taken apart again;
profiled on 10,000 new articles, that was most of the ingest writer's CPU.
:func:`insert_with_history` writes the same rows. The columns are the model's and its history
model's concrete fields (never a list kept by hand). A value goes through its field's own
``get_db_prep_save`` unless it is of the one type the field would send unchanged (a ``str`` into
a ``CharField``, an ``int`` into an integer field or a foreign key). A history row reuses its
instance's prepared values. The instances get their primary keys back (``RETURNING``) and leave
the "adding" state, as after ``bulk_create``. Values are never formatted into a statement: only
quoted table and column names are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.conf import settings
from django.db import NotSupportedError, connections, models, router, transaction
from django.db.models import Field
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object, get_history_model_for_model

# Fields whose ``get_db_prep_save`` returns a value of this exact type (or None) unchanged on
# every backend: such values are passed as they are. Exact classes only: a subclass may prepare.
_AS_IS = {
    models.CharField: str, models.TextField: str, models.SlugField: str, models.URLField: str,
    models.EmailField: str, models.BooleanField: bool, models.IntegerField: int,
    models.BigIntegerField: int, models.SmallIntegerField: int, models.PositiveIntegerField: int,
    models.PositiveBigIntegerField: int, models.PositiveSmallIntegerField: int,
    models.AutoField: int, models.BigAutoField: int, models.SmallAutoField: int,
}


def unchanged_type(field: Field) -> type | None:
    """The type of the values ``field`` sends to the database as they are (None too), if any."""
    if type(field) is models.ForeignKey:
        return unchanged_type(field.target_field)
    return _AS_IS.get(type(field))


class _Column:
    """One column of an INSERT: which field, whether its ``pre_save`` must run (``auto_now``,
    file fields…), and the type of the values that need no preparing."""

    __slots__ = ("field", "attname", "pre_save", "as_is")

    def __init__(self, field: Field) -> None:
        if field.generated or field.has_db_default():
            raise NotSupportedError(f"{field} is not written by archive.ingestion.inserts")
        self.field = field
        self.attname = field.attname
        self.pre_save = type(field).pre_save is not Field.pre_save
        self.as_is = unchanged_type(field)

    def value(self, obj, connection):
        value = self.field.pre_save(obj, True) if self.pre_save else getattr(obj, self.attname)
        return self.prepare(value, connection)

    def prepare(self, value, connection):
        if self.as_is is not None and (value is None or type(value) is self.as_is):
            return value
        if hasattr(value, "resolve_expression"):
            raise NotSupportedError(f"{self.field}: expressions are not written here")
        return self.field.get_db_prep_save(value, connection)


class _Plan:
    """The INSERT of a model's new rows (its auto-incremented primary key left to the
    database), and of their history rows."""

    def __init__(self, model: type[models.Model]) -> None:
        opts = model._meta
        if any(parent._meta.concrete_model is not model for parent in opts.all_parents):
            raise NotSupportedError("multi-table inheritance is not written here")
        self.model = model
        self.pk = opts.pk
        if not self.pk.db_returning:
            raise NotSupportedError(f"{model.__name__}: its primary key is not auto-incremented")
        self.columns = [_Column(f) for f in opts.concrete_fields if f is not self.pk]
        self._specs = [(c.field, c.attname, c.pre_save, c.as_is, c.prepare) for c in self.columns]
        self.history = _HistoryPlan(self) if hasattr(opts, "simple_history_manager_attribute") \
            else None

    def row(self, obj, connection) -> tuple:
        """The instance's values for ``columns``, prepared (``_Column.value``, inlined: this
        runs for every value of every row)."""
        values = []
        for field, attname, pre_save, as_is, prepare in self._specs:
            value = field.pre_save(obj, True) if pre_save else getattr(obj, attname)
            if as_is is None or (value is not None and type(value) is not as_is):
                value = prepare(value, connection)
            values.append(value)
        return tuple(values)


class _HistoryPlan:
    """A "+" history row for each new instance, as ``bulk_history_create`` writes it: the
    tracked fields' values (the instance's, already prepared), then the history fields (date,
    user, change reason, type) of a historical instance made once per user and reason."""

    def __init__(self, plan: _Plan) -> None:
        self.model = history = get_history_model_for_model(plan.model)
        if hasattr(history, "history_relation"):
            raise NotSupportedError("history relations are not written here")
        tracked = {f.attname for f in history.tracked_fields}
        by_attname = {column.attname: n for n, column in enumerate(plan.columns)}
        self.columns: list[_Column] = []
        self.sources: list[tuple[str, int | None]] = []  # ("row", n), ("pk"|"attr"|"stamp", None)
        for field in history._meta.concrete_fields:
            if field is history._meta.pk:
                continue
            column = _Column(field)
            source = by_attname.get(field.attname)
            if field.attname in tracked and field.attname == plan.pk.attname:
                self.sources.append(("pk", None))
            elif field.attname in tracked and source is not None and \
                    type(field) is type(plan.columns[source].field):
                self.sources.append(("row", source))
            elif field.attname in tracked:
                self.sources.append(("attr", None))
            else:
                self.sources.append(("stamp", None))
            self.columns.append(column)
        self.date = next(n for n, c in enumerate(self.columns) if c.attname == "history_date")
        self._stamps: dict = {}

    def row(self, obj, values: tuple, connection) -> tuple:
        user = getattr(obj, "_history_user", self.model.get_default_history_user(obj))
        date = getattr(obj, "_history_date", timezone.now())
        reason = get_change_reason_from_object(obj) or None
        stamp = self._stamp(user, reason, connection)
        row = []
        for column, (source, n) in zip(self.columns, self.sources, strict=True):
            if source == "row":
                row.append(values[n])
            elif source == "pk":
                row.append(column.prepare(obj.pk, connection))
            elif source == "attr":
                row.append(column.prepare(getattr(obj, column.attname), connection))
            else:
                row.append(stamp[column.attname])
        row[self.date] = self.columns[self.date].prepare(date, connection)
        return tuple(row)

    def _stamp(self, user, reason, connection) -> dict:
        key = (getattr(user, "pk", user), reason, connection.alias)
        if key not in self._stamps:
            instance = self.model(history_date=timezone.now(), history_user=user,
                                  history_change_reason=reason, history_type="+")
            self._stamps[key] = {
                column.attname: column.value(instance, connection)
                for column, (source, _) in zip(self.columns, self.sources, strict=True)
                if source == "stamp"
            }
        return self._stamps[key]


_plans: dict[type[models.Model], _Plan] = {}


def _plan_for(model: type[models.Model]) -> _Plan:
    if model not in _plans:
        _plans[model] = _Plan(model)
    return _plans[model]


def insert_with_history(objs: Sequence[models.Model], model: type[models.Model]) -> None:
    """Insert new ``objs`` (instances of ``model``, no primary key yet) and, if the model keeps
    history, a "+" history row each: the rows ``bulk_create_with_history(objs, model)`` writes,
    in one statement per table (or per few thousand rows). Sets each instance's primary key;
    sends no signals, as ``bulk_create`` sends none."""
    if not objs:
        return
    plan = _plan_for(model)
    using = router.db_for_write(model)
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:
        raise NotSupportedError(f"{connection.vendor} returns no rows from an INSERT")
    rows = []
    for obj in objs:
        if obj._is_pk_set():
            raise ValueError(f"{obj!r} already has a primary key")
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        rows.append(plan.row(obj, connection))
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        keys = _insert(cursor, connection, plan.model, plan.columns, rows, returning=plan.pk)
        for obj, (key,) in zip(objs, keys, strict=True):
            setattr(obj, plan.pk.attname, key)
            obj._state.adding = False
            obj._state.db = using
        if plan.history is not None and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            history = [plan.history.row(obj, row, connection)
                       for obj, row in zip(objs, rows, strict=True)]
            _insert(cursor, connection, plan.history.model, plan.history.columns, history)


def _insert(cursor, connection, model, columns: list[_Column], rows: list[tuple],
            returning: Field | None = None) -> list[tuple]:
    """``INSERT … VALUES (…), (…) [RETURNING pk]``, as few statements as the backend's limit on
    parameters allows; the returned rows in the order of ``rows``."""
    quote = connection.ops.quote_name
    for column in columns:  # (a BinaryField asks for one: "%s" but on MySQL)
        placeholder = getattr(column.field, "get_placeholder", None)
        if placeholder is not None and placeholder(None, None, connection) != "%s":
            raise NotSupportedError(f"{column.field}: its placeholder is not written here")
    names = ", ".join(quote(column.field.column) for column in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    suffix = ""
    if returning is not None:
        suffix, _ = connection.ops.return_insert_columns([returning])
    per_statement = max(1, _max_parameters(connection) // len(columns))
    returned = []
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        sql = (f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608 - names only
               f"VALUES {', '.join([one] * len(chunk))} {suffix}")
        cursor.execute(sql, [value for row in chunk for value in row])
        if returning is not None:
            returned.extend(connection.ops.fetch_returned_insert_rows(cursor))
    return returned


def _max_parameters(connection) -> int:
    """Parameters a statement may hold: SQLite's own limit (Django assumes the old default, 999;
    SQLite 3.32+ allows 32,766 unless built otherwise), PostgreSQL's 65,535 (psycopg2 formats
    them into the statement, but stay within what the protocol could bind)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 65_535

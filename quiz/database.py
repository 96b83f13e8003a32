"""Database connection settings that SQLAlchemy leaves to us, and the driver-level path for the
statements of the quiz's hot path."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, g
from sqlalchemy import event
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError

from .caches import LRUCache


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers work beside one writer; the busy timeout makes writers queue
    instead of failing when several gunicorn workers write at once."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_give_back)


@dataclass(frozen=True)
class _DriverForm:
    sql: str
    order: tuple[str, ...] | None  # parameter names in order, for a driver that takes them by position
    fixed: dict  # the values written into the statement itself
    convert: dict[str, Callable]  # per parameter, SQLAlchemy's conversion for this driver


class DriverStatement:
    """A Core statement compiled once per dialect and run straight through the database driver.

    For the few statements every quiz request runs: SQLAlchemy's handling of each execution
    (compiled cache lookup, execution context, result wrapping) costs more than the query.
    Parameters get the same conversions SQLAlchemy would give them (a JSON list to text, a
    datetime to SQLite's text); rows come back as the driver returns them. Only statements
    without expanding parameters (IN lists) can be run this way."""

    def __init__(self, statement, column_keys: Sequence[str] | None = None) -> None:
        self._statement = statement
        self._column_keys = column_keys  # an INSERT's columns
        self._forms: LRUCache[str, _DriverForm] = LRUCache(max_size=2)  # SQLite's, PostgreSQL's

    def _form(self, dialect: Dialect) -> _DriverForm:
        if (form := self._forms.get(dialect.name)) is None:
            compiled = self._statement.compile(dialect=dialect, column_keys=self._column_keys)
            convert = {name: converter for name, bind in compiled.binds.items()
                       if (converter := bind.type.dialect_impl(dialect).bind_processor(dialect))}
            given = {name for name, bind in compiled.binds.items() if bind.required}
            fixed = {name: value for name, value in compiled.construct_params(dict.fromkeys(given)).items()
                     if name not in given}
            form = self._forms.put(dialect.name,
                                   _DriverForm(str(compiled), compiled.positiontup, fixed, convert))
        return form

    @staticmethod
    def _arguments(form: _DriverForm, rows: Iterable[Mapping]) -> Iterator[tuple | dict]:
        """Each row's parameters as the driver takes them."""
        last: dict[str, tuple[object, object]] = {}  # per parameter: its last value, converted
        for params in rows:
            values = {**form.fixed, **params}
            for name, converter in form.convert.items():
                value = values[name]
                # A value the row before had too (the same timestamp) is converted once.
                if (seen := last.get(name)) is None or seen[0] is not value:
                    seen = last[name] = (value, converter(value))
                values[name] = seen[1]
            yield values if form.order is None else tuple(values[name] for name in form.order)

    def execute(self, cursor, dialect: Dialect, params: Mapping) -> None:
        form = self._form(dialect)
        cursor.execute(form.sql, next(self._arguments(form, [params])))

    def executemany(self, cursor, dialect: Dialect, rows: Sequence[Mapping]) -> None:
        form = self._form(dialect)
        cursor.executemany(form.sql, list(self._arguments(form, rows)))


@contextmanager
def driver_cursor(engine: Engine) -> Iterator:
    """A cursor on the pooled connection this app context's driver statements share (taken
    on first use, given back when the context ends), outside the session's transaction.
    Whatever the block has not committed with `cursor.connection.commit()` is rolled back
    when it ends. The driver's errors are raised as SQLAlchemy raises them (a full disk is
    still an `OperationalError` the error handlers know)."""
    driver_error = engine.dialect.loaded_dbapi.Error
    connection = g.get("driver_connection")
    if connection is None:
        connection = g.driver_connection = engine.raw_connection()
    cursor = connection.cursor()
    try:
        yield cursor
    except driver_error as error:
        raise DBAPIError.instance(None, None, error, driver_error, dialect=engine.dialect) from error
    finally:
        cursor.close()
        try:
            connection.rollback()  # after a commit, nothing to do
        except driver_error:  # the connection is broken: the pool replaces it
            connection.invalidate()
            _give_back()


def _give_back(_error: BaseException | None = None) -> None:
    if (connection := g.pop("driver_connection", None)) is not None:
        connection.close()  # back to the pool

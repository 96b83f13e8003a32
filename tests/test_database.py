"""Statements run straight through the driver (quiz/database.py): the values they write are the
ones SQLAlchemy would have written, what a block leaves uncommitted is rolled back when it
ends, the driver's errors arrive as SQLAlchemy's, and the one connection an app context's
blocks share goes back to the pool when the context ends."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import DBAPIError, IntegrityError

from quiz import database, models
from quiz.database import DriverStatement, driver_cursor
from quiz.extensions import db

_attempts = models.Attempt.__table__
_SET_VERSIONS_AND_TIME = DriverStatement(
    update(_attempts).where(_attempts.c.id == bindparam("attempt_id"))
    .values(version_ids=bindparam("version_ids"), updated_at=bindparam("when")))


@pytest.fixture
def attempt_id(app):
    with app.app_context():
        attempt = models.Attempt(version_ids=[1, 2])
        db.session.add(attempt)
        db.session.commit()
        return attempt.id


def test_a_json_list_and_a_datetime_are_stored_as_sqlalchemy_stores_them(app, attempt_id):
    when = datetime(2026, 11, 26, 10, 30, 15, 123456)
    with app.app_context():
        with driver_cursor(db.engine) as cursor:
            _SET_VERSIONS_AND_TIME.execute(cursor, db.engine.dialect,
                                           {"attempt_id": attempt_id, "version_ids": [3, 5, 8], "when": when})
            cursor.connection.commit()
        attempt = db.session.get(models.Attempt, attempt_id)
        assert attempt.version_ids == [3, 5, 8]
        assert attempt.updated_at == when


def test_rows_written_without_a_commit_are_rolled_back_when_the_block_ends(app, attempt_id):
    with app.app_context():
        with driver_cursor(db.engine) as cursor:
            _SET_VERSIONS_AND_TIME.execute(cursor, db.engine.dialect,
                                           {"attempt_id": attempt_id, "version_ids": [9], "when": datetime(2030, 1, 1)})
        # Rolled back already: the session's own connection can write the same row at once.
        db.session.execute(update(_attempts).where(_attempts.c.id == attempt_id).values(display_name="kept"))
        db.session.commit()
        assert db.session.scalar(select(models.Attempt.version_ids)) == [1, 2]


def test_an_app_contexts_blocks_share_one_connection_given_back_when_it_ends(app, attempt_id):
    with app.app_context():
        for _ in range(3):
            with driver_cursor(db.engine) as cursor:
                cursor.execute("SELECT 1")
        assert db.engine.pool.checkedout() == 1
        database._give_back()  # what the end of the context runs
        assert db.engine.pool.checkedout() == 0
        with driver_cursor(db.engine) as cursor:  # a later block takes one again
            cursor.execute("SELECT 1")
        assert db.engine.pool.checkedout() == 1
    with app.app_context():
        assert db.engine.pool.checkedout() == 0


def test_the_drivers_errors_are_sqlalchemys_and_nothing_of_the_block_is_kept(app, attempt_id):
    answer = models.Answer.__table__
    duplicate = DriverStatement(answer.insert(), column_keys=["attempt_id", "question_id", "version_id",
                                                              "option_ids", "created_at", "updated_at"])
    row = {"attempt_id": attempt_id, "question_id": "q", "version_id": 1, "option_ids": ["a"],
           "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)}
    with app.app_context():
        with pytest.raises(IntegrityError):  # the (attempt, question) pair is unique
            with driver_cursor(db.engine) as cursor:
                duplicate.executemany(cursor, db.engine.dialect, [row, row])
        with pytest.raises(DBAPIError) as raised:  # SQLite: OperationalError; PostgreSQL: ProgrammingError
            with driver_cursor(db.engine) as cursor:
                cursor.execute("SELECT * FROM no_such_table")
        assert isinstance(raised.value.orig, db.engine.dialect.loaded_dbapi.Error)
        with driver_cursor(db.engine) as cursor:  # the shared connection still works
            cursor.execute("SELECT count(*) FROM answer")
            assert cursor.fetchone() == (0,)  # nothing of the pair kept
        assert db.session.scalar(select(models.Answer.id)) is None


class _RecordingCursor:
    """Takes what a driver's cursor would be handed, for dialects this run has no server for."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def execute(self, sql: str, params) -> None:
        self.calls.append((sql, params))


def test_one_statement_is_compiled_for_each_database_in_its_drivers_form():
    statement = DriverStatement(select(models.Attempt.id).where(models.Attempt.token == bindparam("token"),
                                                                models.Attempt.id > 0))
    cursor = _RecordingCursor()
    for dialect in (SQLiteDialect_pysqlite(), PGDialect_psycopg(), SQLiteDialect_pysqlite()):
        statement.execute(cursor, dialect, {"token": "abc"})
    (sqlite_sql, sqlite_params), (pg_sql, pg_params), again = cursor.calls
    assert "token = ?" in sqlite_sql and sqlite_params == ("abc", 0)  # by position
    assert "token = %(token)s" in pg_sql and pg_params == {"token": "abc", "id_1": 0}  # by name
    assert again == (sqlite_sql, sqlite_params)


class _CountingStatement:
    def __init__(self, statement) -> None:
        self.statement, self.compiled = statement, []

    def compile(self, dialect, **kwargs):
        self.compiled.append(dialect.name)
        return self.statement.compile(dialect=dialect, **kwargs)


def test_a_statement_is_compiled_once_for_each_database():
    counting = _CountingStatement(select(models.Attempt.id).where(models.Attempt.token == bindparam("token")))
    statement, cursor = DriverStatement(counting), _RecordingCursor()
    for dialect in (SQLiteDialect_pysqlite(), PGDialect_psycopg()) * 3:
        statement.execute(cursor, dialect, {"token": "abc"})
    assert sorted(counting.compiled) == ["postgresql", "sqlite"]

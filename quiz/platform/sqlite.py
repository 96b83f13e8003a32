"""Database connection settings that SQLAlchemy leaves to us: SQLite's pragmas, set on every
new connection once this module is imported (create_app imports it). PostgreSQL's pre-ping is
an engine option (`config.engine_options`)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


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

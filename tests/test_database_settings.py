"""The connection settings SQLAlchemy leaves to us (quiz/database.py)."""

from __future__ import annotations

from flask import Flask

from quiz import database
from quiz.extensions import db
from tests.apps import make_app


def test_sqlite_connections_use_wal_a_busy_timeout_foreign_keys_and_normal_sync(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'settings.sqlite3'}")  # SQLite, whatever the suite runs on
    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            read = {pragma: connection.execute(f"PRAGMA {pragma}").fetchone()[0]
                    for pragma in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")}
        finally:
            connection.close()
            db.engine.dispose()
    assert read == {"journal_mode": "wal", "busy_timeout": 10000, "foreign_keys": 1, "synchronous": 1}


def _configured(url: str, **config) -> dict:
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI=url, **config)
    database.init_app(app)
    return app.config


def test_postgresql_connections_are_checked_before_use_unless_configured_otherwise():
    assert _configured("postgresql+psycopg://quiz@db/quiz")["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}
    chosen = {"pool_size": 3}
    assert _configured("postgresql+psycopg://quiz@db/quiz",
                       SQLALCHEMY_ENGINE_OPTIONS=chosen)["SQLALCHEMY_ENGINE_OPTIONS"] is chosen
    assert "SQLALCHEMY_ENGINE_OPTIONS" not in _configured("sqlite:///quiz.sqlite3")

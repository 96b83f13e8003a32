"""The connection settings SQLAlchemy leaves to us (quiz/database.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from quiz import create_app
from quiz.platform.extensions import db
from tests.apps import TEST_DATABASE_URL, make_app
from tests.takers import Taker


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


def _app(url: str, **config):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                       "SQLALCHEMY_DATABASE_URI": url, **config})


def _engine_pre_pings(url: str, **config) -> bool:
    """Whether the real app's pool checks each connection before handing it out."""
    with _app(url, **config).app_context():
        return db.engine.pool._pre_ping


def test_postgresql_connections_are_checked_before_use_unless_configured_otherwise(tmp_path):
    assert _engine_pre_pings("postgresql+psycopg://quiz@db/quiz") is True
    assert _engine_pre_pings("postgresql+psycopg://quiz@db/quiz",
                             SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 3}) is False  # chosen: kept
    assert _engine_pre_pings(f"sqlite:///{tmp_path / 'quiz.sqlite3'}") is False


def test_a_database_server_that_cannot_be_reached_is_answered_with_the_retry_page(tmp_path):
    """While PostgreSQL restarts, nothing listens on its socket: a save is answered 503 "NOT
    saved, try again" with what was sent kept on the page, not a 500."""
    app = _app(f"postgresql+psycopg://quiz@/quiz?host={tmp_path}&port=5432",  # no server there
               WTF_CSRF_ENABLED=False)
    client = app.test_client()
    response = client.post("/start", data={"name": "Ada"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Not saved: the server is busy" in response.get_data(as_text=True)
    assert client.get("/").status_code == 503


def _restart_cuts_every_connection() -> None:
    """What a PostgreSQL restart does to the app's pooled connections."""
    engine = create_engine(TEST_DATABASE_URL, poolclass=NullPool)
    with engine.connect() as connection:
        ended = connection.scalar(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    engine.dispose()
    assert ended >= 1


postgresql_only = pytest.mark.skipif(not TEST_DATABASE_URL,
                                     reason="PostgreSQL only: runs under `make test-postgres`")


@postgresql_only
def test_after_a_postgresql_restart_the_next_requests_are_served(app, taker):
    """A restart ends every connection the pool holds; pre-ping finds them dead and connects
    again, so no request fails on a connection that was cut."""
    taker.start()
    assert taker.client.get(f"/a/{taker.token}/section/1").status_code == 200
    _restart_cuts_every_connection()
    for _ in range(3):
        assert taker.client.get(f"/a/{taker.token}/section/1").status_code == 200


@postgresql_only
def test_a_connection_cut_during_a_request_is_answered_with_the_retry_page(app):
    """Without pre-ping (or when the restart comes between the ping and the query) the cut
    connection fails the request: 503 "NOT saved, try again", and the next one is served."""
    unchecked = _app(TEST_DATABASE_URL, SQLALCHEMY_ENGINE_OPTIONS={})
    taker = Taker(unchecked.test_client(), unchecked)
    taker.start()
    _restart_cuts_every_connection()
    response = taker.client.get(f"/a/{taker.token}/section/1")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert taker.client.get(f"/a/{taker.token}/section/1").status_code == 200
    with unchecked.app_context():
        db.engine.dispose()

"""The test app and the database it runs on, for conftest.py's fixtures and the tests that build
an app of their own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine

from quiz import create_app
from quiz.domain.bank import load_bank
from quiz.domain.bank.plain import Bank
from quiz.platform.extensions import db

ROOT = Path(__file__).resolve().parent.parent
BANK_DIR = ROOT / "questions"



@cache
def offered_bank() -> Bank:
    """What a new attempt gets: the shipped bank without the retired questions it keeps so that
    past reports still show them."""
    return load_bank(BANK_DIR).offered()


# `make test-postgres` points the suite at a throwaway PostgreSQL cluster.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def drop_every_table() -> None:
    """Drop every table in the database, not only the models' ones: a shared PostgreSQL test
    database may hold alembic_version or tables of an older schema from an interrupted run."""
    leftovers = MetaData()
    leftovers.reflect(bind=db.engine)
    leftovers.drop_all(bind=db.engine)


def make_app(database_url: str):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-0123456789",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SERVER_NAME": "quiz.test",
    })


def _drop_every_table_at(url: str) -> None:
    engine = create_engine(url)
    try:
        leftovers = MetaData()
        leftovers.reflect(bind=engine)
        leftovers.drop_all(bind=engine)
    finally:
        engine.dispose()


@contextmanager
def empty_database(directory: Path) -> Iterator[str]:
    """The URL of an empty database for gunicorn servers (devserver/live_server.py): a SQLite
    file in `directory`, or the PostgreSQL one when TEST_DATABASE_URL points at it
    (`make test-postgres`). Emptied again afterwards."""
    url = TEST_DATABASE_URL or f"sqlite:///{directory / 'shared.sqlite3'}"
    _drop_every_table_at(url)
    try:
        yield url
    finally:
        _drop_every_table_at(url)


def startup_refusal(capsys, settings: dict) -> str:
    """Build the app with `settings`; it must stop with exit status 3 and one line on stderr,
    which is returned."""
    with pytest.raises(SystemExit) as stopped:
        create_app(settings)
    assert stopped.value.code == 3
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]

"""Shared fixtures: an app on a fresh database per test, a client, a CLI runner,
and helpers that read CSRF tokens from real pages the way a browser does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine

from quiz import create_app, store
from quiz.bank import load_bank
from quiz.extensions import db
from tests.takers import Taker, csrf_from, form_token  # noqa: F401  (csrf_from, form_token: shared)

ROOT = Path(__file__).resolve().parent.parent
BANK_DIR = ROOT / "questions"


@pytest.fixture(scope="session")
def real_bank():
    return load_bank(BANK_DIR)


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


def _create_and_seed(app, bank) -> None:
    with app.app_context():
        drop_every_table()
        db.create_all()
        store.save_bank(bank)
        db.session.remove()


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory, real_bank) -> Path:
    """A SQLite file with the schema and the real bank, built once and copied for each test."""
    path = tmp_path_factory.mktemp("seed") / "seed.sqlite3"
    app = make_app(f"sqlite:///{path}")
    _create_and_seed(app, real_bank)
    with app.app_context():
        db.engine.dispose()  # checkpoints the WAL into the main file
    return path


@pytest.fixture
def app(tmp_path, real_bank, request):
    store.clear_caches()  # ids and revisions restart with each fresh database
    if TEST_DATABASE_URL:
        app = make_app(TEST_DATABASE_URL)
        _create_and_seed(app, real_bank)
    else:
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("seeded_sqlite"), target)
        app = make_app(f"sqlite:///{target}")
    yield app
    with app.app_context():
        db.session.remove()
        if TEST_DATABASE_URL:
            db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def taker(client, app):
    return Taker(client, app)


@pytest.fixture
def second_taker(app):
    return Taker(app.test_client(), app)


def _drop_every_table_at(url: str) -> None:
    engine = create_engine(url)
    try:
        leftovers = MetaData()
        leftovers.reflect(bind=engine)
        leftovers.drop_all(bind=engine)
    finally:
        engine.dispose()


@pytest.fixture
def shared_database(tmp_path):
    """An empty database for gunicorn servers (tests/live_server.py): a SQLite file, or the
    PostgreSQL one when TEST_DATABASE_URL points at it (`make test-postgres`)."""
    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    _drop_every_table_at(url)
    yield url
    _drop_every_table_at(url)

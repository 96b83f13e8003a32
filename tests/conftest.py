"""Shared fixtures: an app on a fresh database per test, a client, a CLI runner,
and helpers that read CSRF tokens from real pages the way a browser does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz.domain import caches
from quiz.domain.bank import load_bank
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests import apps
from tests.apps import BANK_DIR, TEST_DATABASE_URL, drop_every_table, empty_database, make_app
from tests.instructors import Auth, add_instructor
from tests.takers import Taker


@pytest.fixture(scope="session")
def real_bank():
    return load_bank(BANK_DIR)


@pytest.fixture(scope="session")
def offered_bank():
    return apps.offered_bank()


def _create_and_seed(app, bank) -> None:
    with app.app_context():
        drop_every_table()
        db.create_all()
        bank_store.save_bank(bank)
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
    caches.clear_caches()  # ids and revisions restart with each fresh database
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


@pytest.fixture
def shared_database(tmp_path):
    """An empty database for gunicorn servers (see tests.apps.empty_database)."""
    with empty_database(tmp_path) as url:
        yield url


@pytest.fixture
def instructor(app):
    """An instructor account (tests.instructors.EMAIL / PASSWORD)."""
    return add_instructor(app)


@pytest.fixture
def auth(client, instructor):
    return Auth(client)


@pytest.fixture
def signed_in(client, auth):
    """A client with an instructor signed in."""
    response = auth.login()
    assert response.status_code == 302
    return client

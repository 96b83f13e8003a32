"""Shared fixtures: an app on a fresh database per test, a client, a CLI runner,
and helpers that read CSRF tokens from real pages the way a browser does."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from quiz import create_app, store
from quiz.bank import load_bank
from quiz.extensions import db

ROOT = Path(__file__).resolve().parent.parent
BANK_DIR = ROOT / "questions"


@pytest.fixture(scope="session")
def real_bank():
    return load_bank(BANK_DIR)


def _database_url(tmp_path: Path) -> str:
    # `make test-postgres` points the suite at a throwaway PostgreSQL cluster.
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def app(tmp_path, real_bank):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-0123456789",
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path),
        "SERVER_NAME": "quiz.test",
    })
    with app.app_context():
        db.drop_all()
        db.create_all()
        store.save_bank(real_bank)
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                     r'type="hidden" name="csrf_token" value="([^"]+)"|'
                     r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return next(g for g in match.groups() if g)


def form_token(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return csrf_from(response.get_data(as_text=True))

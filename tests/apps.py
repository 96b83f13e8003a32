"""The test app and the database it runs on, for conftest.py's fixtures and the tests that build
an app of their own."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import MetaData

from quiz import create_app
from quiz.extensions import db

ROOT = Path(__file__).resolve().parent.parent
BANK_DIR = ROOT / "questions"

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



"""Schema migrations: an empty database upgraded with Alembic (Flask-Migrate) matches the
models exactly, and the deploy commands (`flask --app quiz db upgrade`, `bank load`) can run
again and again without changing or duplicating anything.

Runs on a fresh SQLite file, and also on PostgreSQL when TEST_DATABASE_URL points at one
(`make test-postgres`)."""

from __future__ import annotations

import logging
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text

from quiz import ROOT, create_app
from quiz.platform import models
from quiz.platform.extensions import db
from tests.apps import drop_every_table


def _databases() -> list:
    params = [pytest.param(None, id="sqlite")]
    url = os.environ.get("TEST_DATABASE_URL")
    if url and not url.startswith("sqlite"):
        params.append(pytest.param(url, id=url.split(":", 1)[0]))
    return params


@pytest.fixture
def keep_logging():
    """migrations/env.py runs logging.config.fileConfig, which replaces the root handlers and
    levels: put them back for the tests that follow."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    loggers = {name: logger.disabled for name, logger in logging.root.manager.loggerDict.items()
               if isinstance(logger, logging.Logger)}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, logger in logging.root.manager.loggerDict.items():
        if isinstance(logger, logging.Logger):
            logger.disabled = loggers.get(name, False)


@pytest.fixture(params=_databases())
def empty_app(request, tmp_path, keep_logging):
    """An app on a database with no tables at all (not even alembic_version)."""
    url = request.param or f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        drop_every_table()
        assert inspect(db.engine).get_table_names() == []
    yield app
    with app.app_context():
        db.session.remove()
        drop_every_table()
        db.engine.dispose()


def _script() -> ScriptDirectory:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def _current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _schema_diff() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "compare_server_default": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_of_an_empty_database_matches_the_models(empty_app):
    with empty_app.app_context():
        upgrade()
        assert _current_revision() == _script().get_current_head()
        tables = set(inspect(db.engine).get_table_names())
        assert tables == set(db.metadata.tables) | {"alembic_version"}
        assert _schema_diff() == [], "the models changed: run `flask --app quiz db migrate -m ...`"


def test_there_is_one_head_and_downgrade_removes_every_table(empty_app):
    assert len(_script().get_heads()) == 1, "migrations have branched: merge the heads"
    with empty_app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        assert _current_revision() is None
        upgrade()  # and back again
        assert _schema_diff() == []


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (models.Area, models.Question, models.QuestionVersion, models.Option,
                          models.NextStep, models.Resource, models.Topic)}


def test_deploy_commands_can_run_twice_without_duplicating_questions(empty_app, real_bank):
    runner = empty_app.test_cli_runner()

    def deploy():
        upgraded = runner.invoke(args=["db", "upgrade"])
        assert upgraded.exit_code == 0, upgraded.output
        loaded = runner.invoke(args=["bank", "load"])
        assert loaded.exit_code == 0, loaded.output
        return loaded.output

    first = deploy()
    n = len(real_bank.questions)
    assert f"Loaded {n} questions: {n} added, 0 changed (new version), 0 unchanged." in first
    with empty_app.app_context():
        after_first = _counts()
        assert after_first["Question"] == after_first["QuestionVersion"] == n
        assert after_first["Area"] == len(real_bank.areas)

    second = deploy()
    assert f"Loaded {n} questions: 0 added, 0 changed (new version), {n} unchanged." in second
    with empty_app.app_context():
        db.session.remove()
        assert _counts() == after_first
        assert _current_revision() == _script().get_current_head()
        ids = db.session.scalars(select(models.Question.id)).all()
        assert len(ids) == len(set(ids)) == n
        assert _schema_diff() == []


def test_existing_instructors_get_their_own_session_token(empty_app):
    """The session-token migration on a database that already has accounts: each gets a
    distinct token (old cookies, which named the row id, stop working) and stays enabled."""
    with empty_app.app_context():
        upgrade(revision="e2d803ddf0b2-1")
        with db.engine.begin() as connection:
            for email in ("a@example.org", "b@example.org"):
                connection.execute(text("INSERT INTO instructor (email, password_hash, created_at) "
                                        "VALUES (:email, 'x', CURRENT_TIMESTAMP)"), {"email": email})
        upgrade()
        rows = db.session.execute(select(models.Instructor.session_token, models.Instructor.disabled)).all()
        assert len(rows) == 2 and len({token for token, _ in rows}) == 2
        assert all(len(token) >= 40 and disabled is False for token, disabled in rows)
        assert _schema_diff() == []

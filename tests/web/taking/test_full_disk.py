"""A full disk, for real: SQLite refuses to grow the database past `PRAGMA max_page_count`,
with "database or disk is full", exactly as when the file system runs out of space. A taker's
save then answers 507 with a page that says the page was NOT saved and keeps what they
entered, ready to send again; once there is room, sending it again saves it."""

from __future__ import annotations

import re
import shutil
import sqlite3

import psycopg.errors
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from quiz.domain import caches
from quiz.platform import errors, models
from quiz.platform.extensions import db
from quiz.web.taking.section_form import field_name
from tests.apps import make_app
from tests.factories import best_option
from tests.takers import Taker

UNLIMITED = 1_073_741_823  # SQLite's default max_page_count


@pytest.fixture
def disk(tmp_path, seeded_sqlite):
    """A SQLite app (whatever TEST_DATABASE_URL says) whose database can be made full."""
    caches.clear_caches()
    path = tmp_path / "full.sqlite3"
    shutil.copyfile(seeded_sqlite, path)
    app = make_app(f"sqlite:///{path}")
    limit = {"pages": UNLIMITED}
    with app.app_context():
        event.listen(db.engine, "connect",
                     lambda connection, _: connection.execute(f"PRAGMA max_page_count={limit['pages']}"))

    class Disk:
        def fill(self):
            """Cap the database at its present size, then fill every page at the end of the
            answer table and its indexes with the smallest rows there are."""
            with app.app_context():
                filler = models.Attempt(version_ids=[])
                db.session.add(filler)
                db.session.commit()
                filler_id = filler.id
                version_id = db.session.scalar(select(models.QuestionVersion.id).limit(1))
                db.engine.dispose()
            connection = sqlite3.connect(path)
            limit["pages"] = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count={limit['pages']}")
            number, chunk = 0, 1000
            while chunk:
                try:
                    with connection:
                        connection.executemany(
                            "INSERT INTO answer (attempt_id, question_id, version_id, option_ids, "
                            "created_at, updated_at) VALUES (?, ?, ?, '[]', '', '')",
                            [(filler_id, str(number + i), version_id) for i in range(chunk)])
                    number += chunk
                except sqlite3.OperationalError as full:
                    assert "database or disk is full" in str(full)
                    chunk //= 10
            connection.close()

        def free(self):
            limit["pages"] = UNLIMITED
            with app.app_context():
                db.engine.dispose()

    yield app, Disk()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def answers_of(app, token):
    with app.app_context():
        attempt = db.session.scalar(select(models.Attempt).where(models.Attempt.token == token))
        return {a.question_id: a.option_ids for a in attempt.answers}


def test_a_save_on_a_full_disk_says_not_saved_and_keeps_the_answers(disk):
    app, space = disk
    client = app.test_client()
    taker = Taker(client, app)
    taker.start()  # the attempt exists before the disk fills (starting needs room too)
    section = taker.sections()[0]
    chosen = {q.id: best_option(q) for q in section.questions}  # as the form posts them
    csrf = taker.csrf(1)
    space.fill()

    response = taker.submit(1, chosen, csrf=csrf)
    assert response.status_code == 507
    assert response.headers["Retry-After"] == "60"
    html = response.get_data(as_text=True)
    assert "was NOT saved" in html and "Try saving again" in html
    assert answers_of(app, taker.token) == {}
    kept = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    assert sorted((n, v) for n, v in kept if n.startswith("q-")) == sorted(  # each to the input that posted it
        (question.kind.input_name(question, field_name(question), value), value)
        for question in section.questions for value in chosen[question.id])
    assert re.search(r'<form method="post" action="/a/[^"]+/section/1">', html)

    space.free()
    data: dict[str, list[str]] = {}
    for name, value in kept:
        data.setdefault(name, []).append(value)
    again = client.post(taker.section_url(1), data=data)
    assert again.status_code == 303
    assert answers_of(app, taker.token) == {q.id: list(q.kind.best_answer(q)) for q in section.questions}


def test_a_save_while_the_database_stays_locked_says_not_saved(disk):
    app, _ = disk
    client = app.test_client()
    taker = Taker(client, app)
    taker.start()
    section = taker.sections()[0]
    csrf = taker.csrf(1)
    with app.app_context():
        event.listen(db.engine, "connect",
                     lambda connection, _: connection.execute("PRAGMA busy_timeout=100"))
        db.engine.dispose()
    holder = sqlite3.connect(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock, and keeping it
    try:
        response = taker.submit(1, {q.id: best_option(q) for q in section.questions}, csrf=csrf)
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    assert "was NOT saved" in response.get_data(as_text=True)
    assert answers_of(app, taker.token) == {}


@pytest.mark.parametrize("failure, status", [
    (psycopg.errors.DiskFull("could not extend file: No space left on device"), 507),
    (psycopg.errors.UndefinedTable("no such table"), None),
])
def test_which_database_failures_pass(failure, status):
    assert errors._passing_failure(OperationalError("INSERT", {}, failure)) == status

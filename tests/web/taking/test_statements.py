"""What the database is asked on the quiz's hot path: a submit reads its attempt and its
answers (two reads whose cost does not grow with the square of the bank) and stores what the
page changed with one upsert, however many questions the page has; a page
sent back unchanged writes nothing. All of it runs in the request's session, so a save after
another write of the same request neither waits for a lock nor fails."""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import contextmanager

import psycopg
from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from quiz.platform.extensions import db
from quiz.web.taking import attempts
from tests.takers import answer_pairs


@contextmanager
def statements_run(app):
    """The statements the database driver runs while the block runs, in order, upper case
    (SQLite: one per row of an executemany)."""
    seen: list[str] = []
    traced = []

    def record(statement) -> None:
        if (text := " ".join(str(statement).split()).upper()).startswith(WORK):
            seen.append(text)

    def trace(dbapi_connection, *_) -> None:
        traced.append(dbapi_connection)
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.set_trace_callback(record)
        else:
            dbapi_connection.cursor_factory = _recording_cursor(record)

    with app.app_context():
        engine = db.engine
        engine.dispose()  # every connection from now on is a traced one
    event.listen(engine, "checkout", trace)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", trace)
        for dbapi_connection in traced:
            if isinstance(dbapi_connection, sqlite3.Connection):
                dbapi_connection.set_trace_callback(None)
            else:
                dbapi_connection.cursor_factory = psycopg.Cursor


WORK = ("SELECT", "INSERT", "UPDATE", "DELETE")


def _recording_cursor(record):
    class RecordingCursor(psycopg.Cursor):
        def execute(self, query, *args, **kwargs):
            record(query)
            return super().execute(query, *args, **kwargs)

        def executemany(self, query, *args, **kwargs):
            record(query)
            return super().executemany(query, *args, **kwargs)
    return RecordingCursor


def _updated_at(taker, question_id: str):
    with taker.app.app_context():
        return {a.question_id: a.updated_at for a in taker.attempt().answers}.get(question_id)


def test_a_submit_reads_the_attempt_once_and_writes_only_what_changed(taker, app):
    taker.start()
    section = taker.sections()[0]
    kept, *changed, cleared = section.questions
    best = {q.id: answer_pairs(q, q.kind.best_answer(q)) for q in section.questions}
    csrf = [("csrf_token", taker.csrf(1)), ("next", "1")]
    first = csrf + best[kept.id] + best[cleared.id]
    assert taker.client.post(taker.section_url(1), data=MultiDict(first)).status_code == 303
    kept_at = _updated_at(taker, kept.id)

    second = csrf + [p for q in section.questions if q is not cleared for p in best[q.id]]
    with statements_run(app) as statements:
        response = taker.client.post(taker.section_url(1), data=MultiDict(second))

    assert response.status_code == 303 and response.location.endswith("/section/2")
    reads = [s for s in statements if s.startswith("SELECT") and " FROM ATTEMPT" in s]
    upserts = [s for s in statements if s.startswith("INSERT INTO ANSWER")]
    assert len(reads) == 1, statements
    # One statement, run for every changed question's row.
    assert {s.split(" VALUES")[0] for s in upserts} == {upserts[0].split(" VALUES")[0]}, statements
    assert "ON CONFLICT" in upserts[0], statements
    assert [s for s in statements if s.startswith("DELETE FROM ANSWER")], statements
    # Nothing is read back after the answers are written: the redirect needs nothing more.
    last_write = max(i for i, s in enumerate(statements) if s.startswith(("INSERT", "DELETE")))
    assert not [s for s in statements[last_write:] if s.startswith("SELECT")], statements
    stored = taker.stored()
    assert set(stored) == {kept.id, *(q.id for q in changed)}
    assert _updated_at(taker, kept.id) == kept_at  # sent as stored: not written again


def test_a_page_sent_back_unchanged_writes_nothing(taker, app):
    taker.start()
    section = taker.sections()[0]
    first, *_ = section.questions
    pairs = [("csrf_token", taker.csrf(1)), ("previous", "1")] + answer_pairs(first, first.kind.best_answer(first))
    assert taker.client.post(taker.section_url(1), data=MultiDict(pairs)).status_code == 303
    with app.app_context():
        touched = taker.attempt().updated_at

    with statements_run(app) as statements:
        response = taker.client.post(taker.section_url(1), data=MultiDict(pairs))

    assert response.status_code == 303
    assert_reads_the_attempt_then_its_answers(statements)
    with app.app_context():
        assert taker.attempt().updated_at == touched
    assert list(taker.stored()) == [first.id]


def assert_reads_the_attempt_then_its_answers(statements: list[str]) -> None:
    """Two reads and nothing else: the attempt by its token, then its answers by its id - not
    one join, which repeated the attempt's version ids (one per question) on every answer."""
    assert len(statements) == 2, statements
    assert statements[0].startswith("SELECT ATTEMPT.ID") and " FROM ANSWER" not in statements[0], statements
    assert statements[1].startswith("SELECT ANSWER.") and "ATTEMPT.VERSION_IDS" not in statements[1], statements


def test_a_section_page_is_two_reads_once_its_sections_are_cached(taker, app):
    taker.start()
    question = taker.sections()[1].questions[0]
    chosen = question.kind.best_answer(question)
    assert taker.submit(2, dict([(question.id, [v for _, v in answer_pairs(question, chosen)])])
                        ).status_code == 303
    taker.client.get(taker.section_url(2))

    with statements_run(app) as statements:
        response = taker.client.get(taker.section_url(2))

    assert response.status_code == 200
    assert_reads_the_attempt_then_its_answers(statements)
    html = response.get_data(as_text=True)
    for value in question.kind.form_values(question, chosen):  # the stored answer is shown
        assert re.search(rf'value="{re.escape(value)}"\s*(checked|selected)', html), value


def test_a_session_write_then_a_save_in_one_request_neither_waits_nor_fails(taker, app):
    """A write of the session holds SQLite's write lock (PostgreSQL: the attempt's row lock)
    until it commits; save_section runs on the session's own connection, so it goes straight
    on (a save on a connection of its own waited 10 s here and failed "database is locked")."""
    taker.start()
    section = taker.sections()[0]
    question = section.questions[0]
    with app.test_request_context():
        snapshot = attempts.snapshot(taker.token)
        taker.attempt().display_name = "Kim"
        db.session.flush()  # written, not committed: the lock is held
        started = time.monotonic()
        attempts.save_section(snapshot, section, {question.id: question.kind.best_answer(question)})
        waited = time.monotonic() - started
    assert waited < 2
    assert question.id in taker.stored()
    with app.app_context():
        assert taker.attempt().display_name == "Kim"  # committed with the save

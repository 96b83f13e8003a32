"""The CSRF check as a taker meets it: a form's token is accepted in its own session until it
expires, and refused when it is missing, forged, expired or another session's - with nothing
stored. The tokens are Flask-WTF's own (CSRFProtect, generate_csrf, validate_csrf)."""

from __future__ import annotations

import time

import flask_wtf.csrf
import pytest
from sqlalchemy import func, select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.factories import best_option
from tests.takers import csrf_from


@pytest.fixture
def report_url(taker):
    taker.start()
    taker.answer_all(best_option)
    assert taker.finish().status_code == 303
    return f"/report/{taker.token}"


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock tokens are signed and aged by forward."""
    offset = {"seconds": 0}
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + offset["seconds"])

    def advance(seconds: float) -> None:
        offset["seconds"] += seconds
    return advance


def token_on(client, url: str) -> str:
    return csrf_from(client.get(url).get_data(as_text=True))


def attempts(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.Attempt))


def retake(client, csrf: str | None, previous_url: str):
    data = {"previous": previous_url.rsplit("/", 1)[1]}
    if csrf is not None:
        data["csrf_token"] = csrf
    return client.post("/start", data=data)


def refused(app, response, before: int) -> bool:
    return response.status_code == 400 and attempts(app) == before


def test_templates_get_flask_wtfs_own_token(app):
    assert app.jinja_env.globals["csrf_token"] is flask_wtf.csrf.generate_csrf


def test_a_token_is_accepted_in_its_session_until_its_time_limit(app, client, report_url, clock):
    token = token_on(client, report_url)
    clock(app.config["WTF_CSRF_TIME_LIMIT"] - 5)
    assert retake(client, token, report_url).status_code == 303
    clock(10)  # signed more than the time limit ago
    before = attempts(app)
    response = retake(client, token, report_url)
    assert refused(app, response, before)
    assert "The form had expired" in response.get_data(as_text=True)
    assert retake(client, token_on(client, report_url), report_url).status_code == 303


def test_each_session_is_served_its_own_token_and_refused_the_others(app, client, report_url):
    mine = token_on(client, report_url)
    other = app.test_client()
    theirs = token_on(other, report_url)  # the report link is shareable; the session is not
    assert theirs != mine
    before = attempts(app)
    response = retake(other, mine, report_url)
    assert refused(app, response, before)
    assert "opened in another session" in response.get_data(as_text=True)
    assert retake(other, theirs, report_url).status_code == 303


def test_a_missing_or_forged_token_is_refused(app, client, report_url):
    token = token_on(client, report_url)
    payload, timestamp, signature = token.rsplit(".", 2)
    forged = f"{payload}.{timestamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    before = attempts(app)
    for sent in (None, "", forged, token[:-1]):
        assert refused(app, retake(client, sent, report_url), before), sent
    assert retake(client, token, report_url).status_code == 303


def test_a_token_signed_with_another_key_is_refused(app, client, report_url):
    token = token_on(client, report_url)
    app.config["WTF_CSRF_SECRET_KEY"] = "a different CSRF key 0123456789"
    before = attempts(app)
    assert refused(app, retake(client, token, report_url), before)
    assert retake(client, token_on(client, report_url), report_url).status_code == 303


def test_a_session_without_a_token_gets_one_it_can_post(app, report_url):
    fresh = app.test_client()
    page = fresh.get(report_url).get_data(as_text=True)
    assert retake(fresh, csrf_from(page), report_url).status_code == 303

"""The signed CSRF token is reused for a minute per session: the same token on every page in that
minute, still refused in another session, still expiring."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import func, select

from quiz import csrf_tokens, models
from quiz.extensions import db
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
    """Stops the clocks of the reuse window, the tokens' signatures and their ages, for the test
    to move forward by hand. They start past the reuse window of any token signed before (the
    report_url fixture takes real time: seconds on a busy machine, which made "the same token
    for a minute" fail when its minute had started in the fixture)."""
    offset = {"seconds": csrf_tokens.REUSE_SECONDS + 1}
    start_monotonic, start_time = time.monotonic(), time.time()
    monkeypatch.setattr(time, "monotonic", lambda: start_monotonic + offset["seconds"])
    monkeypatch.setattr(time, "time", lambda: start_time + offset["seconds"])

    def advance(seconds: float) -> None:
        offset["seconds"] += seconds
    return advance


def token_on(client, url: str) -> str:
    return csrf_from(client.get(url).get_data(as_text=True))


def attempts(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.Attempt))


def retake(client, csrf: str, previous_url: str):
    return client.post("/start", data={"csrf_token": csrf, "previous": previous_url.rsplit("/", 1)[1]})


def test_the_same_signed_token_is_served_for_a_minute_then_a_new_one(client, report_url, clock):
    first = token_on(client, report_url)
    clock(59)  # Flask-WTF alone would sign again with a new timestamp: a different string
    assert token_on(client, report_url) == first
    clock(2)
    second = token_on(client, report_url)
    assert second != first
    assert retake(client, first, report_url).status_code == 303  # both are valid
    assert retake(client, second, report_url).status_code == 303


def test_each_session_is_served_its_own_token_and_refused_the_others(app, client, report_url):
    mine = token_on(client, report_url)
    other = app.test_client()
    theirs = token_on(other, report_url)  # the report link is shareable; the session is not
    assert theirs != mine
    assert token_on(client, report_url) == mine and token_on(other, report_url) == theirs
    before = attempts(app)
    response = retake(other, mine, report_url)
    assert response.status_code == 400
    assert "opened in another session" in response.get_data(as_text=True)
    assert attempts(app) == before
    assert retake(other, theirs, report_url).status_code == 303


def test_a_reused_token_still_expires(app, client, report_url, clock):
    token = token_on(client, report_url)
    clock(30)
    assert token_on(client, report_url) == token
    clock(app.config["WTF_CSRF_TIME_LIMIT"] - 30 + 1)  # the token was signed over an hour ago
    before = attempts(app)
    assert retake(client, token, report_url).status_code == 400
    assert attempts(app) == before
    assert retake(client, token_on(client, report_url), report_url).status_code == 303


def test_a_session_without_a_token_gets_one_it_can_post(app, report_url):
    fresh = app.test_client()
    page = fresh.get(report_url).get_data(as_text=True)
    assert re.search(r'<input type="hidden" name="csrf_token" value="[^"]+">', page)
    assert retake(fresh, csrf_from(page), report_url).status_code == 303


def test_a_signature_is_checked_once_then_only_the_age_and_the_session(app, client, report_url,
                                                                      clock, monkeypatch):
    csrf_tokens._verified.clear()  # forget the posts that finished the attempt
    checked = []
    check_in_full = csrf_tokens._check_in_full
    monkeypatch.setattr(csrf_tokens, "_check_in_full", lambda *args: checked.append(args) or check_in_full(*args))
    token = token_on(client, report_url)
    assert retake(client, token, report_url).status_code == 303
    assert retake(client, token, report_url).status_code == 303
    assert len(checked) == 1

    other = app.test_client()  # a checked token is still refused in another session
    token_on(other, report_url)
    response = retake(other, token, report_url)
    assert response.status_code == 400 and "opened in another session" in response.get_data(as_text=True)

    payload, timestamp, signature = token.rsplit(".", 2)
    forged = f"{payload}.{timestamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    assert retake(client, forged, report_url).status_code == 400  # not the checked token
    assert retake(client, forged, report_url).status_code == 400

    clock(app.config["WTF_CSRF_TIME_LIMIT"] + 1)  # a checked token still expires
    before = attempts(app)
    response = retake(client, token, report_url)
    assert response.status_code == 400
    assert attempts(app) == before

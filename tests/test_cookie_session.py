"""The session cookie, checked once and then remembered: a remembered cookie still expires, a
changed byte or another key is still refused, and a request that never needs the session
leaves it unread."""

from __future__ import annotations

import time

import pytest

from quiz import cookie_session
from tests.auth.test_sessions import is_signed_in, replay, stolen_cookie
from tests.factories import best_option


@pytest.fixture
def cookie(app, signed_in) -> str:
    cookie = stolen_cookie(signed_in)
    assert is_signed_in(replay(app, cookie)) and is_signed_in(replay(app, cookie))  # now remembered
    return cookie


def test_a_remembered_cookie_still_expires(app, cookie, monkeypatch):
    lifetime = app.permanent_session_lifetime.total_seconds()
    now = time.time()
    monkeypatch.setattr(cookie_session.time, "time", lambda: now + lifetime - 60)
    assert is_signed_in(replay(app, cookie))
    monkeypatch.setattr(cookie_session.time, "time", lambda: now + lifetime + 60)
    assert not is_signed_in(replay(app, cookie))


def test_a_changed_byte_is_refused_though_the_genuine_cookie_is_remembered(app, cookie):
    payload, timestamp, signature = cookie.rsplit(".", 2)
    flipped = "A" if payload[-1] != "A" else "B"
    assert not is_signed_in(replay(app, f"{payload[:-1]}{flipped}.{timestamp}.{signature}"))
    assert not is_signed_in(replay(app, f"{payload}.{timestamp}.{signature[:-1]}"))
    assert is_signed_in(replay(app, cookie))


def test_a_new_secret_key_refuses_the_remembered_cookie(app, cookie):
    app.secret_key = "another-secret-key-0123456789abcdef"
    assert not is_signed_in(replay(app, cookie))


def test_only_requests_that_read_the_session_vary_on_the_cookie(taker):
    """Flask adds "Vary: Cookie" when the session was read; the downloads and static files do
    not need it, so they no longer read it (Flask-Login's hook used to, on every response)."""
    taker.start()
    taker.answer_all(best_option)
    taker.finish()
    client = taker.client
    assert "Cookie" in client.get(f"/report/{taker.token}").vary  # its form's CSRF token
    for url in (f"/report/{taker.token}.json", f"/report/{taker.token}.csv", "/static/style.css"):
        response = client.get(url)
        assert response.status_code == 200 and "Cookie" not in response.vary, url

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


@pytest.mark.parametrize("look", [
    lambda s: s["a"], lambda s: s.get("a"), lambda s: "a" in s, lambda s: len(s) == 1,
    lambda s: bool(s), lambda s: dict(s) == {"a": 1}, lambda s: list(s) == ["a"],
    lambda s: dict(s.items()) == {"a": 1}, lambda s: s.setdefault("a", 2) == 1,
    lambda s: s.pop("a") == 1, lambda s: s == {"a": 1}, lambda s: not s.permanent,
])
def test_any_look_into_the_session_reads_the_cookie_first_and_only_once(look):
    reads = []
    session = cookie_session.LazyCookieSession(lambda: reads.append("read") or {"a": 1})
    assert not session.has_been_read and reads == []
    assert look(session)
    assert session.has_been_read and reads == ["read"]
    session.get("a"), len(session)
    assert reads == ["read"]


def test_reading_the_cookie_does_not_count_as_a_change():
    session = cookie_session.LazyCookieSession(lambda: {"a": 1})
    assert session["a"] == 1 and not session.modified


def test_a_write_keeps_what_the_cookie_held_and_marks_the_session_modified():
    session = cookie_session.LazyCookieSession(lambda: {"a": 1})
    session["b"] = 2
    assert dict(session) == {"a": 1, "b": 2} and session.modified


def test_the_cookie_is_decoded_only_by_requests_that_look_into_the_session(taker, monkeypatch):
    taker.start()
    decoded = []
    contents = cookie_session.CookieSessionInterface._contents
    monkeypatch.setattr(cookie_session.CookieSessionInterface, "_contents",
                        lambda *args: decoded.append(1) or contents(*args))
    assert taker.client.get("/static/style.css").status_code == 200
    assert decoded == []
    assert taker.client.get(taker.section_url(1)).status_code == 200  # its form's CSRF token
    assert decoded == [1]

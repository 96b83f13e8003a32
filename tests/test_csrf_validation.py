"""quiz.csrf_tokens.validate_csrf against Flask-WTF's own: the same verdict and the same message
in every case, whether the token's signature is checked now or was checked before."""

from __future__ import annotations

import time

import pytest
from flask import render_template_string, session
from itsdangerous import URLSafeTimedSerializer
from wtforms import ValidationError

from quiz import caches, csrf_tokens
from quiz.config import settings
from tests.apps import make_app

RAW = "a" * 40
LIMIT = settings("instance")["WTF_CSRF_TIME_LIMIT"]  # as the app is configured


@pytest.fixture
def clock(monkeypatch):
    """A frozen wall clock (tokens' signatures and ages) that the test moves by hand."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(time, "time", lambda: now["t"])

    def set_to(seconds: float) -> None:
        now["t"] = seconds
    return now, set_to


@pytest.fixture
def app():
    caches.clear_caches()  # tokens signed or checked by earlier tests, under other clocks
    return make_app("sqlite://")


def signed(app, raw: str = RAW, key: str | None = None) -> str:
    return URLSafeTimedSerializer(key or app.secret_key, salt="wtf-csrf-token").dumps(raw)


def outcome(check, app, data, session_raw, **kwargs) -> str:
    with app.test_request_context():
        if session_raw is not None:
            session["csrf_token"] = session_raw
        try:
            check(data, **kwargs)
        except ValidationError as error:
            return error.args[0]
        return "valid"


def both(app, data, session_raw, **kwargs) -> tuple[str, str]:
    """(ours, Flask-WTF's) for the same token and session."""
    return (outcome(csrf_tokens.validate_csrf, app, data, session_raw, **kwargs),
            outcome(csrf_tokens._check_in_full, app, data, session_raw, **kwargs))


@pytest.mark.parametrize("case, session_raw, age", [
    ("valid", RAW, 0),
    ("valid at the limit", RAW, LIMIT),
    ("expired", RAW, LIMIT + 1),
    ("another session's token", "b" * 40, 0),
    ("no token in the session", None, 0),
])
def test_a_token_checked_before_gets_flask_wtfs_verdict(app, clock, case, session_raw, age):
    now, set_to = clock
    start = now["t"]
    token = signed(app)
    assert outcome(csrf_tokens.validate_csrf, app, token, RAW) == "valid"  # checked, remembered
    assert (app.secret_key, token) in csrf_tokens._verified
    set_to(start + age)
    ours, theirs = both(app, token, session_raw)
    assert ours == theirs, case
    assert (ours == "valid") == case.startswith("valid")


def test_a_missing_or_forged_token_gets_flask_wtfs_message(app, clock):
    token = signed(app)
    assert outcome(csrf_tokens.validate_csrf, app, token, RAW) == "valid"
    for data in ("", None, token[:-1] + ("A" if token[-1] != "A" else "B"), signed(app, key="another key")):
        ours, theirs = both(app, data, RAW)
        assert ours == theirs != "valid", data


def test_a_time_limit_passed_by_a_form_is_kept(app, clock):
    now, set_to = clock
    token = signed(app)
    assert outcome(csrf_tokens.validate_csrf, app, token, RAW) == "valid"
    set_to(now["t"] + 11)
    assert both(app, token, RAW, time_limit=10) == ("The CSRF token has expired.",) * 2
    assert both(app, token, RAW, time_limit=20) == ("valid",) * 2


def test_a_token_checked_under_one_key_is_checked_again_under_another(app, clock):
    token = signed(app)
    assert outcome(csrf_tokens.validate_csrf, app, token, RAW) == "valid"
    other = make_app("sqlite://")
    other.secret_key = "a different secret key 0123456789"
    assert both(other, token, RAW) == ("The CSRF token is invalid.",) * 2
    other.config["WTF_CSRF_SECRET_KEY"] = app.secret_key  # the key CSRF tokens are signed with
    assert both(other, token, RAW) == ("valid",) * 2


def test_templates_and_imported_macros_get_the_reused_token(app, clock):
    with app.test_request_context():
        session["csrf_token"] = RAW
        assert app.jinja_env.globals["csrf_token"] is csrf_tokens.csrf_token
        first = render_template_string("{{ csrf_token() }}")
    clock[1](clock[0]["t"] + 5)  # Flask-WTF alone would sign again: another timestamp
    with app.test_request_context():
        session["csrf_token"] = RAW
        assert render_template_string("{{ csrf_token() }}") == first


def test_the_reuse_window_ends_at_reuse_seconds(app, monkeypatch):
    moment = {"t": 1000.0}
    monkeypatch.setattr(time, "monotonic", lambda: moment["t"])
    tokens = []
    for seconds in (0, csrf_tokens.REUSE_SECONDS - 0.001, csrf_tokens.REUSE_SECONDS):
        moment["t"] = 1000.0 + seconds
        monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0 + moment["t"])
        with app.test_request_context():
            session["csrf_token"] = RAW
            tokens.append(csrf_tokens.csrf_token())
    assert tokens[0] == tokens[1] != tokens[2]


@pytest.mark.parametrize("remembered", [False, True])
def test_a_forms_own_key_time_limit_and_session_field_are_kept(app, clock, remembered):
    """FlaskForm passes its own secret, time limit and field name; each is honoured whether
    the token's signature is checked now or was checked before."""
    now, set_to = clock
    start = now["t"]
    token = signed(app, key="a form's own secret key")
    options = {"secret_key": "a form's own secret key", "token_key": "form_csrf"}

    def check(**more) -> str:
        with app.test_request_context():
            session["form_csrf"] = RAW
            try:
                csrf_tokens.validate_csrf(token, **options, **more)
            except ValidationError as error:
                return error.args[0]
            return "valid"

    if remembered:
        assert check() == "valid"
    set_to(start + 11)
    assert check(time_limit=10) == "The CSRF token has expired."
    assert check(time_limit=20) == "valid"


def test_each_signing_key_gets_and_accepts_its_own_token(clock):
    """Two apps in one process with the same session token and different CSRF keys: each is
    served a token signed with its own key, and refuses the other's."""
    caches.clear_caches()
    apps = [make_app("sqlite://") for _ in range(2)]
    for index, app in enumerate(apps):
        app.config["WTF_CSRF_SECRET_KEY"] = f"CSRF key number {index} 0123456789"
    tokens = []
    for app in apps:
        with app.test_request_context():
            session["csrf_token"] = RAW
            tokens.append(csrf_tokens.csrf_token())
    assert tokens[0] != tokens[1]
    for app, own, other in ((apps[0], tokens[0], tokens[1]), (apps[1], tokens[1], tokens[0])):
        assert outcome(csrf_tokens.validate_csrf, app, own, RAW) == "valid"
        assert outcome(csrf_tokens.validate_csrf, app, other, RAW) == "The CSRF token is invalid."

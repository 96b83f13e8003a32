"""Every 429 says when to try again (issue 32: only the start page's did): the start page, a
resume code, a group code and signing in, each refused with `Retry-After` set to the throttle's
window, the page saying to wait a minute."""

from __future__ import annotations

import pytest

from quiz.platform.throttle import WINDOW
from tests.instructors import EMAIL
from tests.takers import form_token

WRONG = "ZZZZZ-ZZZZZ"


def start(client):
    return client.post("/start", data={"csrf_token": form_token(client, "/")})


def resume_code(client):
    return client.post("/resume", data={"csrf_token": form_token(client, "/"), "code": WRONG})


def group_code(client):
    return client.post("/join", data={"csrf_token": form_token(client, "/"), "group_code": "ZZZZ-ZZZZ"})


def sign_in(client):
    return client.post("/instructor/login", data={"csrf_token": form_token(client, "/instructor/login"),
                                                   "email": EMAIL, "password": "not the password"})


@pytest.mark.parametrize("setting, send, allowed_status", [
    ("START_ATTEMPTS_ALLOWED", start, 303),
    ("RESUME_FAILURES_ALLOWED", resume_code, 404),
    ("JOIN_FAILURES_ALLOWED", group_code, 404),
    ("LOGIN_FAILURES_ALLOWED", sign_in, 401),
])
def test_each_throttle_says_when_to_try_again(app, client, instructor, setting, send, allowed_status):
    app.config[setting] = 2
    assert [send(client).status_code for _ in range(2)] == [allowed_status] * 2
    refused = send(client)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(int(WINDOW.total_seconds())) == "60"
    assert "minute" in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"  # still a page of this site

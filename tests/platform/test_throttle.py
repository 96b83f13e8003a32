"""Throttles against guessing and flooding, counted in the database: wrong passwords per account
and per address, wrong resume codes per address, attempts started per address. Parallel requests cannot slip extra tries through:
each takes its slot before the check, and the database orders the slots."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import func, select

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.web.auth import routes as auth_routes
from quiz.web.taking import attempts
from quiz.web.taking import routes as taking_routes
from tests.instructors import EMAIL, Auth
from tests.takers import Taker, form_token
from tests.web.groups.groups_made import make_group

PARALLEL = 30
WRONG_CODE = "ABCDE-FGH23"


class CountedSlowly:
    """Wraps the checked function: counts calls, and holds each one long enough that every
    parallel request is in flight at once (the window a check-then-count throttle loses)."""

    def __init__(self, function):
        self.function, self.calls, self._lock = function, 0, threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._lock:
            self.calls += 1
        time.sleep(0.05)
        return self.function(*args, **kwargs)


def fire_together(app, url: str, page: str, data: dict) -> list[int]:
    """POST `data` from PARALLEL clients at the same moment; their status codes."""
    clients = [app.test_client() for _ in range(PARALLEL)]
    tokens = [form_token(client, page) for client in clients]
    ready = threading.Barrier(PARALLEL)

    def post(index: int) -> int:
        ready.wait()
        return clients[index].post(url, data={**data, "csrf_token": tokens[index]}).status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(post, range(PARALLEL)))


def slots(app, bucket: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(models.ThrottleSlot.bucket == bucket))


def test_parallel_wrong_passwords_get_at_most_five_checks(app, instructor, monkeypatch):
    checks = CountedSlowly(auth_routes._password_matches)
    monkeypatch.setattr(auth_routes, "_password_matches", checks)
    statuses = fire_together(app, "/instructor/login", "/instructor/login",
                             {"email": EMAIL, "password": "not the password"})
    allowed = app.config["LOGIN_FAILURES_ALLOWED"]
    assert checks.calls <= allowed
    assert sorted(statuses) == [401] * checks.calls + [429] * (PARALLEL - checks.calls)
    assert slots(app, f"sign-in email {EMAIL}") == checks.calls  # refused tries are not counted


def test_parallel_wrong_resume_codes_get_at_most_the_allowed_lookups(app, monkeypatch):
    lookups = CountedSlowly(attempts.find_by_resume_code)
    monkeypatch.setattr(taking_routes.attempts, "find_by_resume_code", lookups)
    statuses = fire_together(app, "/resume", "/", {"code": WRONG_CODE})
    allowed = app.config["RESUME_FAILURES_ALLOWED"]
    assert lookups.calls <= allowed
    assert sorted(statuses) == [404] * lookups.calls + [429] * (PARALLEL - lookups.calls)


def resume(client, code: str, address: str = "127.0.0.1"):
    token = form_token(client, "/")
    return client.post("/resume", data={"code": code, "csrf_token": token},
                       environ_overrides={"REMOTE_ADDR": address})


def test_too_many_wrong_codes_are_refused_with_the_code_kept(app, client):
    taker = Taker(client, app)
    taker.start()
    with app.app_context():
        right_code = taker.attempt().resume_code
    for _ in range(app.config["RESUME_FAILURES_ALLOWED"]):
        assert resume(client, WRONG_CODE).status_code == 404
    response = resume(client, right_code)  # even the right code waits: it could be a guess
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many resume codes were tried from your network in the last minute." in html
    assert "Wait a minute, then try this code again." in html  # beside the box too
    assert f'value="{right_code}"' in html  # typed code kept in the box
    assert 'aria-invalid="true"' in html
    # Another address is not held up.
    assert resume(client, right_code, address="192.0.2.7").headers["Location"].endswith(
        f"/a/{taker.token}")


def test_right_codes_do_not_count(app, client):
    taker = Taker(client, app)
    taker.start()
    with app.app_context():
        right_code = taker.attempt().resume_code
    for _ in range(app.config["RESUME_FAILURES_ALLOWED"] + 5):
        assert resume(client, right_code).headers["Location"].endswith(f"/a/{taker.token}")
    assert slots(app, "resume address 127.0.0.1") == 0
    assert resume(client, WRONG_CODE).status_code == 404  # still allowed its own tries


def test_a_right_password_gives_its_slots_back(app, instructor):
    auth = Auth(app.test_client())
    for _ in range(app.config["LOGIN_FAILURES_ALLOWED"] + 2):
        assert auth.login().status_code == 302
        auth.logout()
    assert slots(app, f"sign-in email {EMAIL}") == 0


# --- starting attempts (issue 20: one client made 200 group attempts in 26 s) -------------------

def start(client, address: str = "127.0.0.1", **fields):
    token = form_token(client, f"/join/{fields['group']}" if fields.get("group") else "/")
    return client.post("/start", data={"csrf_token": token, **fields},
                       environ_overrides={"REMOTE_ADDR": address})


def attempt_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.Attempt))


def test_starting_attempts_is_throttled_per_client_with_a_page_saying_when_to_retry(app, client):
    app.config["START_ATTEMPTS_ALLOWED"] = 3
    for _ in range(3):
        assert start(client).status_code == 303
    response = start(client)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    html = response.get_data(as_text=True)
    assert "Too many quizzes were started from your network in the last minute." in html
    assert "Wait a minute, then press Start again" in html
    assert attempt_count(app) == 3  # the refused start made nothing
    assert start(client, address="192.0.2.7").status_code == 303  # another client is not held up
    assert slots(app, "start address 127.0.0.1") == 3  # refused starts are not counted


def test_a_refused_group_start_keeps_the_name_and_starts_once_the_minute_is_over(app, client, instructor):
    app.config["START_ATTEMPTS_ALLOWED"] = 1
    group = make_group(app)
    assert start(client, group=group["token"], display_name="Ada").status_code == 303
    response = start(client, group=group["token"], display_name="Bea")
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert 'value="Bea"' in html and group["token"] in html  # the form as sent, ready to send again
    with app.app_context():
        for slot in db.session.scalars(select(models.ThrottleSlot)):
            slot.taken_at = models.utcnow() - timedelta(minutes=2)
        db.session.commit()
    assert start(client, group=group["token"], display_name="Bea").status_code == 303
    with app.app_context():
        assert sorted(db.session.scalars(select(models.Attempt.display_name))) == ["Ada", "Bea"]

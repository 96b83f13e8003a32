"""Sessions end when they should: signing out, a new password and disabling the account
each end every session of that instructor, on every device. Each test replays the raw
session cookie captured while signed in, as a thief who copied it would."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.instructors import EMAIL, Auth
from tests.takers import form_token

NEW_PASSWORD = "a brand new password"


def stolen_cookie(client) -> str:
    return client.get_cookie("session", domain="quiz.test").value


def replay(app, cookie: str):
    """GET the question list with nothing but this cookie (no cookie jar)."""
    return app.test_client(use_cookies=False).get("/instructor/", headers={"Cookie": f"session={cookie}"})


def is_signed_in(response) -> bool:
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/instructor/login")
        return False
    assert response.status_code == 200
    return True


@pytest.fixture
def cookie(app, signed_in) -> str:
    cookie = stolen_cookie(signed_in)
    assert is_signed_in(replay(app, cookie)), "the replayed cookie must work while signed in"
    return cookie


def instructor_row(app) -> models.Instructor:
    with app.app_context():
        return db.session.scalar(select(models.Instructor).where(models.Instructor.email == EMAIL))


def test_signing_out_ends_the_session_for_a_replayed_cookie(app, auth, cookie):
    assert auth.logout().status_code == 302
    assert not is_signed_in(replay(app, cookie))


def test_signing_out_on_one_device_ends_the_others(app, auth, cookie):
    laptop = Auth(app.test_client())
    assert laptop.login().status_code == 302
    laptop_cookie = stolen_cookie(laptop.client)
    assert auth.logout().status_code == 302
    assert not is_signed_in(laptop.client.get("/instructor/"))
    assert not is_signed_in(replay(app, laptop_cookie))
    assert not is_signed_in(replay(app, cookie))


def test_the_cookie_names_no_row_id(app, cookie):
    """Flask-Login's alternative id: the session holds a random token, never the row id."""
    row = instructor_row(app)
    with app.test_request_context():
        session = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert session["_user_id"] == row.session_token != str(row.id)
    assert len(row.session_token) >= 40


def test_a_new_password_ends_every_session(app, runner, cookie):
    result = runner.invoke(args=["instructor", "set-password", EMAIL],
                           input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "their sessions have ended" in result.output
    assert not is_signed_in(replay(app, cookie))
    assert Auth(app.test_client()).login(password=NEW_PASSWORD).status_code == 302


def test_disable_ends_every_session_and_refuses_sign_in(app, client, runner, cookie):
    result = runner.invoke(args=["instructor", "disable", EMAIL])
    assert result.exit_code == 0, result.output
    assert f"Disabled {EMAIL}; their sessions have ended." in result.output
    assert not is_signed_in(replay(app, cookie))
    assert instructor_row(app).disabled

    fresh = Auth(app.test_client())
    response = fresh.login()
    assert response.status_code == 403
    assert "This account is disabled." in response.get_data(as_text=True)
    assert not is_signed_in(fresh.client.get("/instructor/"))


def test_a_wrong_password_for_a_disabled_account_says_only_wrong_password(app, runner, instructor):
    runner.invoke(args=["instructor", "disable", EMAIL])
    response = Auth(app.test_client()).login(password="not the password")
    assert response.status_code == 401
    assert "disabled" not in response.get_data(as_text=True)


def test_enable_lets_the_instructor_sign_in_again(app, runner, instructor):
    runner.invoke(args=["instructor", "disable", EMAIL])
    result = runner.invoke(args=["instructor", "enable", EMAIL])
    assert result.exit_code == 0 and f"Enabled {EMAIL}." in result.output
    assert not instructor_row(app).disabled
    auth = Auth(app.test_client())
    assert auth.login().status_code == 302
    assert is_signed_in(auth.client.get("/instructor/"))


@pytest.mark.parametrize("command", ["disable", "enable"])
def test_disable_and_enable_an_unknown_email(runner, command):
    result = runner.invoke(args=["instructor", command, "nobody@example.org"])
    assert result.exit_code == 1
    assert "No instructor with the email nobody@example.org." in result.output


def test_signing_in_again_after_signing_out_works(app, auth, cookie):
    auth.logout()
    assert auth.login().status_code == 302
    assert is_signed_in(auth.client.get("/instructor/"))
    assert not is_signed_in(replay(app, cookie)), "the old cookie stays dead"


def test_sign_out_needs_the_form_token_so_no_other_site_can_end_a_session(app, signed_in, cookie):
    assert signed_in.post("/instructor/logout").status_code == 400
    assert is_signed_in(replay(app, cookie))
    token = form_token(signed_in, "/instructor/")
    assert signed_in.post("/instructor/logout", data={"csrf_token": token}).status_code == 302
    assert not is_signed_in(replay(app, cookie))


# --- the layout's navigation --------------------------------------------------------------

def test_an_instructor_keeps_their_navigation_on_the_takers_pages_until_signing_out(client, auth):
    """The taker's pages read a flag set at sign-in instead of loading the instructor."""
    auth.login()
    for url in ("/", "/instructor/"):
        assert "Sign out" in client.get(url).get_data(as_text=True), url
    auth.logout()
    page = client.get("/").get_data(as_text=True)
    assert "Sign out" not in page and "Instructor sign-in" in page


def test_a_takers_page_loads_no_instructor_even_when_one_is_signed_in(app, client, auth, taker):
    from tests.web.taking.test_statements import statements_run

    auth.login()
    taker.client = client  # the instructor's browser takes the quiz
    taker.start()
    client.get(taker.section_url(1))
    with statements_run(app) as statements:
        page = client.get(taker.section_url(1)).get_data(as_text=True)
    assert "Sign out" in page
    assert not [s for s in statements if "INSTRUCTOR" in s], statements

"""Signing in and out: protected pages, safe redirects, throttling and CSRF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.instructors import EMAIL, PASSWORD
from tests.takers import form_token

QUESTION = "tech-rate-vocal-session"
PROTECTED = [
    ("GET", "/instructor/"),
    ("GET", "/instructor/?area=technical&status=retired"),
    ("GET", "/instructor/questions/new"),
    ("POST", "/instructor/questions/new"),
    ("GET", f"/instructor/questions/{QUESTION}"),
    ("POST", f"/instructor/questions/{QUESTION}"),
    ("POST", f"/instructor/questions/{QUESTION}/retire"),
    ("POST", f"/instructor/questions/{QUESTION}/restore"),
    ("GET", f"/instructor/questions/{QUESTION}/versions/1"),
    ("POST", f"/instructor/questions/{QUESTION}/versions/1/restore"),
    ("GET", "/instructor/statistics"),
    ("GET", "/instructor/attempts.csv"),
    ("GET", "/instructor/bank"),
    ("POST", "/instructor/bank/import"),
    ("GET", "/instructor/bank/export.zip"),
    ("POST", "/instructor/bank/import/moodle"),
    ("GET", "/instructor/bank/export"),
    ("POST", "/instructor/logout"),
]


@pytest.mark.parametrize("method, url", PROTECTED)
def test_anonymous_is_sent_to_sign_in(client, method, url):
    # A valid CSRF token, so that it is the login check that refuses the request.
    token = form_token(client, "/instructor/login")
    response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/instructor/login?next=")


def test_every_instructor_route_is_in_the_protected_list(app):
    covered = {url.split("?")[0].replace(QUESTION, "<question_id:question_id>")
               .replace("/versions/1", "/versions/<positive:number>") for _, url in PROTECTED}
    rules = {rule.rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("instructor.")}
    assert rules <= covered


def test_anonymous_post_without_token_is_refused(client):
    response = client.post(f"/instructor/questions/{QUESTION}/retire")
    assert response.status_code == 400


def test_login_page(client):
    response = client.get("/instructor/login")
    assert response.status_code == 200
    assert b"Instructor sign-in" in response.data


def test_login_and_logout(client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/instructor/"
    assert client.get("/instructor/").status_code == 200
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/instructor/").status_code == 302


def test_email_is_matched_without_case_or_spaces(client, auth):
    assert auth.login(email="  Teacher@Example.ORG ").status_code == 302


@pytest.mark.parametrize("email, password", [(EMAIL, "wrong password"), ("nobody@example.org", PASSWORD)])
def test_wrong_email_or_password_says_the_same(client, auth, email, password):
    response = auth.login(email=email, password=password)
    assert response.status_code == 401
    assert b"Wrong email or password." in response.data
    assert client.get("/instructor/").status_code == 302


def test_next_inside_the_site_is_followed(client, auth):
    response = auth.login(next_url="/instructor/statistics")
    assert response.headers["Location"] == "/instructor/statistics"


@pytest.mark.parametrize("target", [
    "//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "http:evil.com",
    "/%09/evil.com", "/%0A/evil.com", "%2F%2Fevil.com", "javascript:alert(1)", "evil.com",
])
def test_next_outside_the_site_is_ignored(client, auth, target):
    response = auth.login(next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/instructor/"


def test_signed_in_visit_to_login_redirects_safely(client, auth):
    auth.login()
    response = client.get("/instructor/login?next=//evil.com")
    assert response.headers["Location"] == "/instructor/"


def test_anonymous_redirect_then_sign_in_returns_to_the_page(client, auth):
    response = client.get("/instructor/statistics")
    next_url = response.headers["Location"].split("next=")[1]
    assert auth.login(next_url=next_url).headers["Location"] == "/instructor/statistics"


EMAIL_BUCKET = f"sign-in email {EMAIL}"


def _failures(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(models.ThrottleSlot.bucket == EMAIL_BUCKET))


def test_sixth_try_in_a_minute_is_refused_even_with_the_right_password(app, client, auth):
    for _ in range(5):
        assert auth.login(password="wrong password").status_code == 401
    response = auth.login()
    assert response.status_code == 429
    assert b"Too many failed sign-ins. Wait a minute, then try again." in response.data
    assert client.get("/instructor/").status_code == 302  # not signed in
    assert _failures(app) == 5


def test_throttling_counts_failures_per_address_too(client, auth):
    for n in range(5):
        auth.login(email=f"guess{n}@example.org", password="wrong password")
    assert auth.login().status_code == 429


def test_failures_older_than_a_minute_do_not_count(app, client, auth):
    with app.app_context():
        old = models.utcnow() - timedelta(minutes=2)
        db.session.add_all([models.ThrottleSlot(bucket=EMAIL_BUCKET, taken_at=old) for _ in range(5)])
        db.session.commit()
    assert auth.login().status_code == 302


def test_login_without_csrf_token_is_refused(client, instructor):
    response = client.post("/instructor/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/instructor/").status_code == 302


def test_logout_without_csrf_token_is_refused(signed_in):
    assert signed_in.post("/instructor/logout").status_code == 400
    assert signed_in.get("/instructor/").status_code == 200


def test_logout_is_post_only(signed_in):
    assert signed_in.get("/instructor/logout").status_code == 405



def test_signing_in_renews_the_csrf_token_and_the_old_one_is_refused(client, instructor):
    """A token an attacker planted or read before sign-in is no use after it (issue 20)."""
    before = form_token(client, "/instructor/login")
    response = client.post("/instructor/login", data={"email": EMAIL, "password": PASSWORD,
                                                      "csrf_token": before})
    assert response.status_code == 302
    after = form_token(client, "/instructor/groups/")
    assert after != before
    with_old = client.post("/instructor/groups/", data={"name": "Planted", "csrf_token": before})
    assert with_old.status_code == 400 and "The form had expired" in with_old.get_data(as_text=True)
    with_new = client.post("/instructor/groups/", data={"name": "Mine", "csrf_token": after})
    assert with_new.status_code == 303


def test_signing_out_renews_the_csrf_token_and_the_old_one_is_refused(client, auth):
    auth.login()
    before = form_token(client, "/instructor/")
    assert client.post("/instructor/logout", data={"csrf_token": before}).status_code == 302
    after = form_token(client, "/instructor/login")
    assert after != before
    with_old = client.post("/instructor/login", data={"email": EMAIL, "password": PASSWORD,
                                                      "csrf_token": before})
    assert with_old.status_code == 400
    with_new = client.post("/instructor/login", data={"email": EMAIL, "password": PASSWORD,
                                                      "csrf_token": after})
    assert with_new.status_code == 302

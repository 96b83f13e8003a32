"""Security hardening, one test per promise: headers on every response, the session cookie,
no start without a real SECRET_KEY, no open redirect, no script from instructor text on the
report, and a request size limit that stores nothing.

Escaping on the instructor pages and the taker's section page is tested in
tests/instructor/test_escaping.py, and the login `next` checks in tests/instructor/test_auth.py;
this file covers what those leave out.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from quiz import create_app, models, store
from quiz.bank.schema import Option, Question
from quiz.extensions import db
from quiz.security import KNOWN_WEAK_KEYS
from tests.conftest import form_token
from tests.factories import best_option
from tests.takers import Taker

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"
EMAIL, PASSWORD = "security@example.org", "correct horse battery"


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def instructor(app):
    with app.app_context():
        db.session.add(models.Instructor(
            email=EMAIL, password_hash=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")))
        db.session.commit()


def sign_in(client, next_url=None):
    token = form_token(client, "/instructor/login")
    return client.post("/instructor/login", query_string={"next": next_url} if next_url else None,
                       data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})


@pytest.fixture
def finished(client, app):
    taker = Taker(client, app)
    taker.start()
    taker.answer_all(best_option)
    assert taker.finish().status_code == 303
    return taker


# --- headers ---------------------------------------------------------------------------------

def assert_security_headers(response) -> None:
    headers = response.headers
    csp = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"  # tokens in URLs never leave the site
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/", 200),
    ("GET", "/instructor/login", 200),
    ("GET", "/static/style.css", 200),
    ("GET", "/static/favicon.svg", 200),
    ("GET", "/no/such/page", 404),
    ("GET", "/static/no-such-file.css", 404),
    ("GET", "/a/not-a-real-token-but-long-enough/section/1", 404),
    ("GET", "/report/not-a-real-token-but-long-enough.json", 404),
    ("POST", "/start", 400),  # no CSRF token
    ("GET", "/start", 405),
    ("GET", "/instructor/", 302),
    ("GET", "/instructor/statistics", 302),
])
def test_every_response_has_the_security_headers(client, method, url, status):
    response = client.open(url, method=method)
    assert response.status_code == status
    assert_security_headers(response)


def test_the_quiz_and_report_pages_have_the_security_headers(client, finished):
    token = finished.token
    for url in (f"/a/{token}/review", f"/a/{token}", f"/report/{token}", f"/report/{token}.json",
                f"/report/{token}.csv"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert_security_headers(response)


def test_instructor_pages_have_the_security_headers(client, instructor):
    assert_security_headers(sign_in(client))
    for url in ("/instructor/", "/instructor/statistics", "/instructor/bank",
                "/instructor/questions/new", "/instructor/attempts.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_server_errors_have_the_security_headers(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    app.testing = False  # let the 500 handler answer instead of re-raising
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert_security_headers(response)


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_templates_need_nothing_the_policy_forbids(template):
    """Inline scripts, event handler attributes and style attributes would be blocked by
    the Content-Security-Policy: the page would silently break, so none may exist."""
    html = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html, re.I), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "event handler attribute"
    assert not re.search(r"\sstyle\s*=", html, re.I), "style attribute"
    assert not re.search(r"<style", html, re.I), "<style> element"
    assert not re.search(r"javascript:", html, re.I), "javascript: URL"


# --- the session cookie ----------------------------------------------------------------------

def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "no session cookie was set"
    return cookies[0]


def test_session_cookie_is_httponly_and_lax(client):
    cookie = session_cookie(client.get("/"))  # the start page puts a CSRF token in the session
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie


@pytest.fixture
def production_app(tmp_path, monkeypatch, real_bank):
    """The app as gunicorn builds it: not debug, not testing, settings from the environment."""
    for name in ("SESSION_COOKIE_SECURE", "FLASK_DEBUG", "MAX_CONTENT_LENGTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app()
    assert not app.debug and not app.testing
    with app.app_context():
        db.create_all()
        store.save_bank(real_bank)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_session_cookie_is_secure_in_production(production_app):
    cookie = session_cookie(production_app.test_client().get("/", base_url="https://quiz.test"))
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_HTTPONLY"] is True


def test_session_cookie_secure_can_be_turned_off_for_local_http(monkeypatch, production_app):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    app = create_app({"SQLALCHEMY_DATABASE_URI": production_app.config["SQLALCHEMY_DATABASE_URI"]})
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert "; Secure" not in session_cookie(app.test_client().get("/"))


def test_session_cookie_is_not_secure_when_testing(app):
    assert app.config["SESSION_COOKIE_SECURE"] is False  # the test client speaks plain http


# --- the secret key --------------------------------------------------------------------------

@pytest.mark.parametrize("key", [None, "", *sorted(KNOWN_WEAK_KEYS), "short-key-123"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, key):
    with pytest.raises(RuntimeError, match="SECRET_KEY is missing or too weak"):
        create_app({"SECRET_KEY": key, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


@pytest.mark.parametrize("mode", [{"TESTING": True}, {"DEBUG": True}])
def test_debug_and_testing_start_with_any_key(tmp_path, mode):
    app = create_app({**mode, "SECRET_KEY": "dev",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["SECRET_KEY"] == "dev"


def test_testing_without_a_key_gets_a_random_one(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": None,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert len(app.config["SECRET_KEY"]) >= 32


@pytest.mark.parametrize("key, refused", [("dev", True), ("changeme", True), (STRONG_KEY, False)])
def test_the_server_process_refuses_a_weak_key(tmp_path, key, refused):
    """What gunicorn does, `create_app()` in a fresh process, judged by its exit."""
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": key, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    done = subprocess.run([sys.executable, "-c", "from quiz import create_app; create_app()"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode != 0) == refused, done.stderr
    assert ("SECRET_KEY is missing or too weak" in done.stderr) == refused


# --- redirects -------------------------------------------------------------------------------

def browser_target(location: str) -> tuple[str, str]:
    """Scheme and host a browser would go to: it drops tabs and newlines anywhere and
    treats a backslash like a slash."""
    cleaned = re.sub(r"[\t\r\n]", "", location).replace("\\", "/").strip()
    parts = urlsplit(cleaned)
    return parts.scheme, parts.netloc


@pytest.mark.parametrize("target", [
    "///evil.example", "////evil.example", "/\t/evil.example", "/\r\n/evil.example",
    "https:/evil.example", "https:evil.example", " //evil.example", "\t//evil.example",
    "/.//evil.example", "//evil.example/instructor/", "http://quiz.test.evil.example/",
    "data:text/html,<script>alert(1)</script>", "/%2F/evil.example",
])
def test_sign_in_never_redirects_off_the_site(client, instructor, target):
    response = sign_in(client, next_url=target)
    assert response.status_code == 302
    scheme, host = browser_target(response.headers["Location"])
    assert scheme in ("", "http") and host in ("", "quiz.test"), response.headers["Location"]


def test_every_redirect_of_the_taking_flow_stays_on_the_site(client, app):
    taker = Taker(client, app)
    taker.start()
    locations = [taker.submit(s.number, {}, button=b).headers["Location"]
                 for s in taker.sections() for b in ("next", "previous", "later")]
    locations.append(client.get(f"/a/{taker.token}").headers["Location"])
    token = form_token(client, "/")
    locations.append(client.post("/resume", data={"code": "nope", "csrf_token": token}).headers["Location"])
    for location in locations:
        assert browser_target(location) in (("", ""), ("http", "quiz.test")), location


# --- instructor text on the report -----------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


def test_instructor_text_cannot_inject_script_into_the_report(app, client):
    """The report repeats question prompts, options and feedback (gaps, scenarios to
    revisit, skipped questions): all of it must come out as text."""
    hostile = Question(
        id="tech-scn-hostile", area="technical", type="single_choice",
        prompt=f"Pick one {SCRIPT}", topics=("skill-technical",), feedback=f"Feedback {IMAGE}",
        options=(Option("a", f"Right {IMAGE}", 3, f"Good {SCRIPT}"),
                 Option("b", f"Wrong {SCRIPT}", 0, f"Bad {IMAGE}")))
    skipped = Question(id="tech-scn-skipped", area="technical", type="single_choice",
                       prompt=f"Skipped {IMAGE}", topics=("skill-technical",),
                       options=(Option("a", "A", 1), Option("b", "B", 0)))
    with app.app_context():
        store.save_question(hostile)
        store.save_question(skipped)
        db.session.commit()
    taker = Taker(client, app)
    taker.start()
    taker.answer_all(lambda q: [] if q.id == skipped.id else (
        ["b"] if q.id == hostile.id else best_option(q)))
    taker.finish()
    html = client.get(f"/report/{taker.token}").get_data(as_text=True)
    assert "Pick one &lt;script&gt;" in html and "Skipped &lt;img" in html
    assert "Wrong &lt;script&gt;" in html  # the wrong choice is shown under scenarios to revisit
    assert SCRIPT not in html and IMAGE not in html
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert not re.search(r"<[^>]+\son\w+=", html), "an event handler attribute got through"


# --- request size ----------------------------------------------------------------------------

def test_a_request_size_limit_is_set_by_default_and_from_the_environment(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.delenv("MAX_CONTENT_LENGTH", raising=False)
    settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url}
    assert create_app(settings).config["MAX_CONTENT_LENGTH"] == 256 * 1024
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "5000")
    assert create_app(settings).config["MAX_CONTENT_LENGTH"] == 5000


def too_big(app) -> str:
    return "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)


def test_oversize_start_is_413_and_creates_no_attempt(app, client):
    token = form_token(client, "/")
    response = client.post("/start", data={"csrf_token": token, "padding": too_big(app)})
    assert response.status_code == 413
    assert "Too much data" in response.get_data(as_text=True)
    assert_security_headers(response)
    assert count(app, models.Attempt) == 0


def test_oversize_sign_in_is_413_and_signs_nobody_in(app, client, instructor):
    token = form_token(client, "/instructor/login")
    response = client.post("/instructor/login", data={
        "email": EMAIL, "password": PASSWORD, "csrf_token": token, "padding": too_big(app)})
    assert response.status_code == 413
    assert client.get("/instructor/").status_code == 302
    assert count(app, models.LoginFailure) == 0


def test_oversize_upload_is_413_and_imports_nothing(app, client, instructor):
    sign_in(client)
    token = form_token(client, "/instructor/bank")
    versions = count(app, models.QuestionVersion)
    upload = (io.BytesIO(b"# " + too_big(app).encode()), "bank.zip")
    response = client.post("/instructor/bank/import", data={"csrf_token": token, "files": upload},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert count(app, models.QuestionVersion) == versions


def chunked(body: bytes) -> dict:
    """The environ gunicorn gives a chunked request: no Content-Length, a terminated input."""
    return {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True,
            "HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_TYPE": "application/x-www-form-urlencoded"}


def test_oversize_chunked_body_is_413_not_cut_short(app, client):
    """Werkzeug alone would cut such a body off at the limit and process the rest."""
    taker = Taker(client, app)
    taker.start()
    question = taker.sections()[0].questions[0]
    answer = f"csrf_token={taker.csrf(1)}&next=1&q-{question.id}={question.options[0].id}"
    response = client.post(taker.section_url(1), environ_overrides=chunked(
        f"{answer}&padding={too_big(app)}".encode()))
    assert response.status_code == 413
    assert taker.stored() == {}
    response = client.post(taker.section_url(1), environ_overrides=chunked(answer.encode()))
    assert response.status_code == 303
    assert taker.stored() == {question.id: [question.options[0].id]}

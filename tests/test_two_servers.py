"""No state in process memory: two gunicorn servers (two workers each) on one database serve
one taker interchangeably. The taker starts on server A, answers sections on B and A in turn,
finishes on A, and gets the same report from both.

The database is a SQLite file (WAL), or PostgreSQL when TEST_DATABASE_URL points at one
(`make test-postgres`). The servers listen on 127.0.0.1 only and are always stopped."""

from __future__ import annotations

import http.client
import re
import secrets
import urllib.parse
from http.cookies import SimpleCookie

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from devserver.live_server import LiveServer
from quiz.platform import models
from tests.takers import csrf_from

SECRET_KEY = secrets.token_hex(32)
START_TIMEOUT = 30  # seconds for a server to answer its first request
REQUEST_TIMEOUT = 15


@pytest.fixture
def servers(shared_database, tmp_path):
    """Servers A and B on the shared database, which is set up the way a deploy does it:
    `db upgrade`, then `bank load`. Same SECRET_KEY, so one session cookie works on both."""
    # As operators write it (postgres://...): the app must pick the psycopg driver itself.
    url = shared_database.replace("postgresql+psycopg://", "postgres://", 1)
    servers = {name: LiveServer(tmp_path, database_url=url, name=f"gunicorn-{name}",
                                secret_key=SECRET_KEY) for name in ("A", "B")}
    servers["A"].flask("db", "upgrade")
    servers["A"].flask("bank", "load")
    try:
        for server in servers.values():
            server.start(timeout=START_TIMEOUT)
        yield servers
    finally:
        for server in servers.values():
            server.stop()


class Browser:
    """One taker's browser: a single cookie jar shared by every server it talks to, and no
    redirect following, so each request goes to exactly the server the test names."""

    def __init__(self, servers: dict[str, LiveServer]):
        self.servers = servers
        self.cookies: dict[str, str] = {}

    def request(self, server: str, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.servers[server].port,
                                                timeout=REQUEST_TIMEOUT)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, text
        finally:
            connection.close()

    def get(self, server: str, path: str) -> str:
        status, _, text = self.request(server, "GET", path)
        assert status == 200, (server, path, status, text[:500])
        return text

    def post(self, server: str, path: str, form: dict) -> str:
        """Posts a form; expects a 303 redirect and returns its target path."""
        status, headers, text = self.request(server, "POST", path, form)
        assert status == 303, (server, path, status, text[:500])
        return urllib.parse.urlsplit(headers["Location"]).path


INPUT_RE = re.compile(r'<input type="(radio|checkbox)" name="q-([^"]+)"\s+id="[^"]+" value="([^"]+)"')
QUESTION_RE = re.compile(r'<fieldset class="question [^"]*" id="q-([^"]+)"')


def _inputs(page: str) -> dict[str, dict[str, list[str]]]:
    """Question id -> its radio and check box inputs' values, by input name ("q-<id>"; a
    rate_options question has a group of radios per response, "q-<id>-<option id>")."""
    starts = [(m.start(), m[1]) for m in QUESTION_RE.finditer(page)]
    found: dict[str, dict[str, list[str]]] = {}
    for (start, qid), (end, _) in zip(starts, [*starts[1:], (len(page), "")]):
        for _, name, value in INPUT_RE.findall(page[start:end]):
            found.setdefault(qid, {}).setdefault(f"q-{name}", []).append(value)
    return found


def _choose(page: str, section: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """A varied but deterministic set of answers: differently placed options per question (for
    responses to rate, a rating for every response), one question per section left unanswered.
    The form fields to post, and the answers by question ("q-<id>")."""
    inputs = _inputs(page)
    assert inputs, "the section page shows no questions"
    fields: dict[str, list[str]] = {}
    answers: dict[str, list[str]] = {}
    for i, (qid, groups) in enumerate(sorted(inputs.items())):
        if i == 0:
            continue  # skipped: reported as unanswered, never as zero
        for j, (name, values) in enumerate(sorted(groups.items())):
            fields[name] = [values[(i + j + section) % len(values)]]
            answers.setdefault(f"q-{qid}", []).extend(fields[name])
    return fields, answers


def _checked(page: str) -> dict[str, list[str]]:
    checked: dict[str, list[str]] = {}
    for match in re.finditer(r'<input type="(?:radio|checkbox)" name="q-([^"]+)"\s+id="[^"]+" '
                             r'value="([^"]+)"[^>]*?\s+checked', page):
        checked.setdefault(f"q-{match.group(1)}", []).append(match.group(2))
    return checked


def _normalized(page: str, browser: Browser) -> str:
    """The page without what legitimately differs per response: CSRF tokens (signed with a
    timestamp) and the server's own address."""
    page = re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1CSRF", page)
    for server in browser.servers.values():
        page = page.replace(f"127.0.0.1:{server.port}", "SERVER")
    return page


def test_two_gunicorn_servers_on_one_database_serve_one_taker(servers, shared_database):
    browser = Browser(servers)

    start_page = browser.get("A", "/")
    section_path = browser.post("A", "/start", {"csrf_token": csrf_from(start_page)})
    token = re.fullmatch(r"/a/([^/]+)/section/1", section_path).group(1)

    # The CSRF token lives in the session cookie A signed; B must accept it (same SECRET_KEY).
    given: dict[str, list[str]] = {}
    number, server = 1, "B"
    while section_path.startswith(f"/a/{token}/section/"):
        page = browser.get(server, section_path)
        fields, answers = _choose(page, number)
        given.update(answers)
        next_path = browser.post(server, section_path,
                                 {"csrf_token": csrf_from(page), **fields, "next": "1"})
        # The other server shows at once what this one saved.
        other = "A" if server == "B" else "B"
        assert _checked(browser.get(other, section_path)) == fields
        section_path, number, server = next_path, number + 1, other
    assert section_path == f"/a/{token}/review"
    assert number - 1 == 6

    review = browser.get("A", section_path)
    report_path = browser.post("A", f"/a/{token}/finish", {"csrf_token": csrf_from(review)})
    assert report_path == f"/report/{token}"

    from_a = browser.get("A", report_path)
    from_b = browser.get("B", report_path)
    # the skipped questions are reported as skipped, never scored as zero
    skipped = re.search(r"\d+ of \d+ questions answered\. You skipped (\d+) questions?", from_a)
    assert skipped and int(skipped[1]) >= 6  # at least the one left out of each section
    assert _normalized(from_a, browser) == _normalized(from_b, browser)
    for download in (".json", ".csv"):
        assert browser.get("A", report_path + download) == browser.get("B", report_path + download)
    # Asking each server several times reaches both of its workers: still the same report.
    for server in ("A", "B", "A", "B"):
        assert _normalized(browser.get(server, report_path), browser) == _normalized(from_a, browser)

    engine = create_engine(shared_database)
    try:
        with Session(engine) as session:
            attempt = session.scalar(select(models.Attempt).where(models.Attempt.token == token))
            assert attempt.finished_at is not None
            stored = {f"q-{a.question_id}": list(a.option_ids) for a in attempt.answers}
            assert stored == {qid: sorted(values) for qid, values in given.items()}  # one option, or ratings sorted
            assert session.scalar(select(func.count()).select_from(models.Attempt)) == 1
    finally:
        engine.dispose()

"""Links come from the configured address (issue 32): `Host: evil.example` came back in the
resume link. With PUBLIC_URL set, every link a page hands out starts with it, whatever Host the
request names, and a host the site does not answer to gets 400."""

from __future__ import annotations

import re
import secrets

import pytest
from sqlalchemy import select

from quiz import create_app
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.links import public_origin
from tests.apps import startup_refusal
from tests.instructors import Auth
from tests.takers import Taker
from tests.web.groups.groups_made import make_group

PUBLIC = "https://quiz.example.org"
# A second name the site answers to, as a health check or an internal name would be.
INTERNAL = "internal.example"
SETTINGS = {"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
            "SERVER_NAME": "quiz.example.org", "PUBLIC_URL": PUBLIC + "/", "TRUSTED_HOSTS": [INTERNAL]}
ADDRESS = re.compile(r"https?://[^\s\"'<]+")


@pytest.fixture
def public_app(app):
    """The test database, served by an app that knows its public address."""
    served = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield served
    with served.app_context():
        db.session.remove()
        db.engine.dispose()


def pages_with_links(public_app) -> list[str]:
    """Every page that hands out a link: the start page, a section's resume link, the saved
    page, an instructor's group page and its printed join card."""
    client = public_app.test_client()
    taker = Taker(client, public_app)
    token = taker.start()
    group = make_group(public_app)
    return ["/", f"/a/{token}/section/1", f"/a/{token}/saved", f"/a/{token}/review",
            f"/instructor/groups/{group['id']}", f"/instructor/groups/{group['id']}/print"]


def test_links_are_built_from_public_url_whatever_the_host(public_app, instructor):
    client = public_app.test_client()
    client.environ_base["HTTP_HOST"] = INTERNAL  # every request, signing in too
    Auth(client).login()
    links = []
    for url in pages_with_links(public_app):
        html = client.get(url).get_data(as_text=True)
        assert INTERNAL not in html, url
        links += ADDRESS.findall(html)
    assert any(link.startswith(f"{PUBLIC}/a/") for link in links)  # the resume link
    assert any(link.startswith(f"{PUBLIC}/join/") for link in links)  # the join link
    assert f"{PUBLIC}/" in links  # the address the join card gives
    own = [link for link in links if "example.org" in link]
    assert own and all(link.startswith(PUBLIC + "/") for link in own), own


@pytest.mark.parametrize("host", ["evil.example", "evil.example:443", "quiz.example.org.evil.example",
                                  "evil.example/quiz.example.org", "[::1]", ""])
def test_a_host_the_site_does_not_answer_to_gets_400(public_app, instructor, host):
    for url in pages_with_links(public_app):
        response = public_app.test_client().get(url, headers={"Host": host})
        assert response.status_code == 400, (url, host)
        assert "evil" not in response.get_data(as_text=True)


def test_a_form_posted_to_an_unknown_host_changes_nothing(public_app):
    client = public_app.test_client()
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/").get_data(as_text=True))[1]
    response = client.post("/start", data={"csrf_token": csrf}, headers={"Host": "evil.example"})
    assert response.status_code == 400
    with public_app.app_context():
        assert db.session.scalar(select(models.Attempt)) is None


@pytest.mark.parametrize("address, origin", [
    ("https://quiz.example.org", "https://quiz.example.org"),
    ("https://Quiz.Example.org/", "https://quiz.example.org"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("quiz.example.org", None), ("ftp://quiz.example.org", None), ("https://", None),
    ("https://quiz.example.org/quiz", None), ("https://quiz.example.org/?a=1", None),
    ("https://user@quiz.example.org", None), ("https://quiz.example.org:port", None),
    ("https://quiz.example.org:0", None), ("https://quiz .example.org", None),
])
def test_public_url_is_a_scheme_and_a_host(address, origin):
    assert public_origin(address) == origin


def test_serving_in_production_needs_public_url(capsys, tmp_path):
    line = startup_refusal(capsys, {"SECRET_KEY": secrets.token_hex(32), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert line.startswith("Error: PUBLIC_URL is missing") and "https://quiz.example.org" in line


def test_a_public_url_that_is_no_address_stops_the_app(capsys, tmp_path):
    line = startup_refusal(capsys, {"TESTING": True, "PUBLIC_URL": "quiz.example.org/quiz",
                            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert line.startswith("Error: PUBLIC_URL 'quiz.example.org/quiz' is not an address")

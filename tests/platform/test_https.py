"""HTTPS as production serves it, with raw HTTP (no browser): gunicorn serving TLS itself, and
gunicorn behind a proxy that terminates TLS and sets X-Forwarded-Proto (TRUSTED_PROXIES=1).
The CSRF referer check stays on: a POST without a same-origin Referer is refused. HSTS goes
out over https only; no private page may be stored."""

from __future__ import annotations

import re

import pytest

from devserver.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD, FormClient, LiveServer
from devserver.tls import TLSProxy, make_certificate


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory, certificate):
    server = LiveServer(tmp_path_factory.mktemp("https"), certificate=certificate).prepare().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, certificate):
    """(proxy, backend): the backend is plain http and trusts one proxy."""
    backend = LiveServer(tmp_path_factory.mktemp("proxied"), trusted_proxies=1).prepare().start()
    proxy = TLSProxy(certificate, backend.port).start()
    yield proxy, backend
    proxy.stop()
    backend.stop()


def https_client(port: int) -> FormClient:
    return FormClient(port, https=True)


def ports(tls_server, proxied) -> dict[str, int]:
    return {"gunicorn-tls": tls_server.port, "tls-proxy": proxied[0].server_address[1]}


@pytest.fixture(params=["gunicorn-tls", "tls-proxy"])
def client(request, tls_server, proxied) -> FormClient:
    return https_client(ports(tls_server, proxied)[request.param])


def test_the_session_cookie_is_secure(client):
    page = client.send("GET", "/", headers={"Cookie": ""})  # a first visit
    cookie = page.getheader("Set-Cookie")
    assert cookie.startswith("session=") and "; Secure" in cookie and "; HttpOnly" in cookie


@pytest.mark.parametrize("referer, status", [
    ("", 400),  # the browser sent none: with Referrer-Policy no-referrer every form failed so
    ("https://elsewhere.example/", 400),
    ("https://host:port.evil.example/", 400),  # a port that is no number: was a 500 (issue 20)
    ("https://[::1/", 400),  # an address that does not close
    ("same-origin", 303),
])
def test_a_post_needs_a_same_origin_referer(client, referer, status):
    referer = client.origin + "/" if referer == "same-origin" else referer
    response = client.send("POST", "/start", f"csrf_token={client.csrf}", headers={"Referer": referer})
    assert response.status == status, response.text[:500]
    if status == 400:
        assert "The form could not be read" in response.text


def test_the_whole_flow_works_with_same_origin_referers(client):
    token = client.start_attempt()
    response = client.send("POST", f"/a/{token}/finish", f"csrf_token={client.csrf}&finish_anyway=1")
    assert response.status == 303
    report = client.send("GET", f"/report/{token}")
    assert report.status == 200 and "readiness" in report.text.lower()
    assert report.getheader("Referrer-Policy") == "same-origin"


def test_strict_transport_security_over_https_only(tls_server, proxied):
    proxy, backend = proxied
    for port in (tls_server.port, proxy.server_address[1]):
        hsts = https_client(port).send("GET", "/").getheader("Strict-Transport-Security")
        assert hsts and hsts.startswith("max-age=")
    plain = FormClient(backend.port)  # the same app, reached over plain http
    assert plain.send("GET", "/").getheader("Strict-Transport-Security") is None


def sign_in(client: FormClient) -> None:
    page = client.send("GET", "/instructor/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    response = client.send("POST", "/instructor/login",
                           f"email={INSTRUCTOR_EMAIL}&password={INSTRUCTOR_PASSWORD}&csrf_token={token}")
    assert response.status == 302, response.text[:500]
    client.cookie = response.getheader("Set-Cookie").split(";")[0]  # the signed-in session


def test_no_private_page_or_download_is_stored(client):
    token = client.start_attempt()
    taking = [f"/a/{token}", f"/a/{token}/section/1", f"/a/{token}/review", f"/a/{token}/saved"]
    assert client.send("POST", f"/a/{token}/finish", f"csrf_token={client.csrf}&finish_anyway=1").status == 303
    reports = [f"/report/{token}", f"/report/{token}.json", f"/report/{token}.csv"]
    sign_in(client)
    instructor = ["/instructor/", "/instructor/statistics", "/instructor/bank",
                  "/instructor/questions/new", "/instructor/attempts.csv", "/instructor/bank/export.zip"]
    for path in taking + reports + instructor:
        response = client.send("GET", path)
        assert response.status in (200, 302), (path, response.status)
        assert response.getheader("Cache-Control") == "no-store", path
    assert "no-store" not in (client.send("GET", "/static/style.css").getheader("Cache-Control") or "")

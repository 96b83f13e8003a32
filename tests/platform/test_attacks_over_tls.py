"""Issue 32's faults attacked as production serves the app: gunicorn serving TLS itself, and
gunicorn behind a TLS proxy that forwards the Host (TRUSTED_PROXIES=1). Forged hosts get 400
and never come back in a page; every integer URL out of range is 404, never 500; after
finishing, the session cookie holds no token; a throttled resume code says when to retry."""

from __future__ import annotations

import hashlib
import re
import urllib.parse

import pytest
from flask.json.tag import TaggedJSONSerializer
from itsdangerous import URLSafeTimedSerializer

from devserver.live_server import FormClient, LiveServer
from devserver.tls import TLSProxy, make_certificate
from tests.platform.test_converters import OUT_OF_RANGE, integer_rules, url_with
from tests.takers import csrf_from

FORGED = ["evil.example", "evil.example:443", "127.0.0.1.evil.example", "evil.example/127.0.0.1"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory, certificate):
    server = LiveServer(tmp_path_factory.mktemp("attacked"), certificate=certificate).prepare().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, certificate):
    """(proxy, backend): the backend's links name the proxy, the address takers open."""
    backend = LiveServer(tmp_path_factory.mktemp("attacked-proxied"), trusted_proxies=1)
    proxy = TLSProxy(certificate, backend.port).start()
    backend.public_url = f"https://127.0.0.1:{proxy.server_address[1]}"
    backend.prepare().start()
    yield proxy, backend
    proxy.stop()
    backend.stop()


@pytest.fixture(params=["gunicorn-tls", "tls-proxy"])
def served(request, tls_server, proxied) -> tuple[FormClient, LiveServer]:
    """A client of one of the two servers, and that server."""
    if request.param == "gunicorn-tls":
        return FormClient(tls_server.port, https=True), tls_server
    proxy, backend = proxied
    return FormClient(proxy.server_address[1], https=True), backend


def test_links_name_the_public_address(served):
    client, server = served
    token = client.start_attempt()
    page = client.send("GET", f"/a/{token}/section/1").text
    assert f"{client.origin}/a/{token}" in page


@pytest.mark.parametrize("host", FORGED)
def test_a_forged_host_is_refused_and_never_echoed(served, host):
    client, _ = served
    token = client.start_attempt()
    for path in ["/", f"/a/{token}/section/1", f"/a/{token}/saved", "/instructor/login", "/no-such-page"]:
        response = client.send("GET", path, headers={"Host": host})
        assert response.status == 400, (path, host, response.status)
        assert "evil" not in response.text and "evil" not in str(response.getheaders())
    refused = client.send("POST", "/start", f"csrf_token={client.csrf}", headers={"Host": host})
    assert refused.status == 400


def test_a_forwarded_host_counts_only_from_a_trusted_proxy(tls_server):
    """Straight to gunicorn (no proxy trusted) X-Forwarded-Host is ignored: the page is served
    for the Host it came to, its links from PUBLIC_URL."""
    client = FormClient(tls_server.port, https=True)
    token = client.start_attempt()
    page = client.send("GET", f"/a/{token}/section/1", headers={"X-Forwarded-Host": "evil.example"})
    assert page.status == 200 and "evil" not in page.text


def test_every_integer_url_out_of_range_is_404(served, app):
    client, _ = served
    values = {"token": client.start_attempt(), "question_id": "tech-scn-interface-fails"}
    client.sign_in()
    client.csrf = csrf_from(client.send("GET", "/instructor/").text)  # renewed at sign-in
    answered = {}
    for rule in integer_rules(app):
        for number in OUT_OF_RANGE:
            url = urllib.parse.quote(url_with(rule, number, values), safe="/%")  # as a browser sends ٣
            if "GET" in rule.methods:
                answered[url] = client.send("GET", url).status
            else:
                answered[url] = client.send("POST", url, f"csrf_token={client.csrf}").status
    assert set(answered.values()) == {404}, {url: s for url, s in answered.items() if s != 404}


def session_in(cookie: str, secret_key: str) -> dict:
    """What Flask's signed (not encrypted) session cookie holds, read as anyone holding the
    key could; without the key the payload is only base64 and zlib away."""
    serializer = URLSafeTimedSerializer(secret_key, salt="cookie-session", serializer=TaggedJSONSerializer(),
                                        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1})
    return serializer.loads(cookie.split("=", 1)[1])


def test_after_finishing_the_cookie_holds_no_token(served):
    client, server = served
    token = client.start_attempt()
    client.send("GET", f"/a/{token}")  # resumed in the same browser
    finished = client.send("POST", f"/a/{token}/finish", f"csrf_token={client.csrf}&finish_anyway=1")
    assert finished.status == 303
    assert client.send("GET", f"/report/{token}").status == 200
    session = session_in(client.cookie, server.secret_key)
    assert "browser" in session and token not in repr(session)
    code = re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}", client.send("GET", f"/a/{token}/saved").text)[0]
    assert code not in repr(session)
    start_page = client.send("GET", "/").text
    # Finished: nothing to continue, only the report this browser id remembers, until forgotten
    assert "Continue where you left off" not in start_page and f"/a/{token}" not in start_page
    assert f'href="/report/{token}">See your report</a>' in start_page
    assert client.send("POST", "/forget", f"csrf_token={client.csrf}").status == 303
    assert token not in client.send("GET", "/").text


def test_forget_this_browser_over_tls(served):
    client, server = served
    token = client.start_attempt()
    assert "Forget this browser" in client.send("GET", "/").text
    forgot = client.send("POST", "/forget", f"csrf_token={client.csrf}")
    assert forgot.status == 303
    assert "Continue where you left off" not in client.send("GET", "/").text
    assert "browser" not in session_in(client.cookie, server.secret_key)
    assert client.send("GET", f"/a/{token}").status == 302  # the link still opens the attempt


def test_a_throttled_resume_code_says_when_to_retry(served):
    client, _ = served
    statuses = [client.send("POST", "/resume", urllib.parse.urlencode(
        {"csrf_token": client.csrf, "code": "ZZZZZ-ZZZZZ"})) for _ in range(11)]
    assert [r.status for r in statuses[:10]] == [404] * 10
    assert statuses[10].status == 429 and statuses[10].getheader("Retry-After") == "60"

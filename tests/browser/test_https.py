"""The browser journeys of test_taking.py and test_instructor.py again, over HTTPS as
production serves them: gunicorn serving TLS with a throwaway self-signed certificate, and
gunicorn behind a proxy that terminates TLS and sets X-Forwarded-Proto (TRUSTED_PROXIES=1).
SESSION_COOKIE_SECURE is at its production default (on) and Flask-WTF's referer check is on,
so every form works only if the browser sends its same-origin Referer.

The journeys are imported, not copied: pytest collects them here a second time, and the
`live_server` and `server` fixtures below (which override conftest.py's plain-http ones for
this module) give each one an HTTPS site, both ways in turn."""

from __future__ import annotations

import pytest

from devserver.live_server import LiveServer
from devserver.tls import RefererRecorder, TLSProxy, make_certificate
from tests.browser.chromium import need_chromium

from .taker import finish_over_http, plan_answers
from .test_instructor import (  # noqa: F401  (collected again, against the servers below)
    instructor,
    test_a_retired_question_leaves_new_attempts_only,
    test_instructor_adds_previews_and_publishes_a_question,
    test_instructor_exports_the_bank_and_imports_a_change,
)
from .test_taking import (  # noqa: F401  (collected again, against the servers below)
    test_leave_midway_and_finish_from_the_resume_link_in_another_browser,
    test_printed_report_hides_navigation_and_buttons,
    test_take_the_whole_quiz_with_the_keyboard_alone,
    test_take_the_whole_quiz_with_the_mouse,
    test_the_quiz_works_with_javascript_off,
)

pytestmark = pytest.mark.browser

HTTPS_SITES = ["gunicorn-tls", "tls-proxy"]


class HttpsSite:
    """gunicorn with its own certificate, or plain gunicorn behind a TLS proxy; `url` is
    where the browser goes."""

    def __init__(self, kind: str, directory, certificate):
        proxied = kind == "tls-proxy"
        server = LiveServer(directory, certificate=None if proxied else certificate,
                            trusted_proxies=1 if proxied else 0)
        # The proxy's address is known once it is made: the app builds its links from it (PUBLIC_URL).
        self.proxy = TLSProxy(certificate, server.port) if proxied else None
        server.public_url = self.proxy.url if self.proxy else None
        self.server = server.prepare().start()
        if self.proxy:
            self.proxy.start()
        self.url = self.proxy.url if self.proxy else self.server.url

    def stop(self) -> None:
        if self.proxy:
            self.proxy.stop()
        self.server.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


def https_site(request, tmp_path_factory, certificate):
    need_chromium()
    site = HttpsSite(request.param, tmp_path_factory.mktemp(request.param), certificate)
    request.addfinalizer(site.stop)
    return site


@pytest.fixture(scope="module", params=HTTPS_SITES)
def live_server(request, tmp_path_factory, certificate):
    """For the taking journeys, which only add attempts."""
    return https_site(request, tmp_path_factory, certificate)


@pytest.fixture(scope="module", params=HTTPS_SITES)
def server(request, tmp_path_factory, certificate):
    """For the instructor journeys, which change the bank: a site of their own."""
    return https_site(request, tmp_path_factory, certificate)


def test_the_site_is_served_over_https_with_a_secure_session_cookie(page, live_server):
    assert live_server.url.startswith("https://")
    response = page.goto("/")
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert response.headers["referrer-policy"] == "same-origin"
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "session"]
    assert cookie["secure"] and cookie["httpOnly"]


def test_a_link_to_another_site_from_the_report_sends_no_referer(page, live_server, certificate):
    """The report URL is a secret: another site must not learn it from a Referer, not even
    the report's origin."""
    elsewhere = RefererRecorder(certificate).start()
    try:
        report = finish_over_http(page, plan_answers("referer"))
        page.evaluate("""url => {
            const link = document.createElement('a');
            link.href = url; link.id = 'elsewhere'; link.textContent = 'Elsewhere';
            document.querySelector('main').append(link);
        }""", elsewhere.url + "/landing")
        with page.expect_navigation():
            page.locator("#elsewhere").click()
        assert page.get_by_text("Another site.").is_visible()
        landing = [referer for path, referer in elsewhere.visits if path == "/landing"]
        assert landing == [None], (report, elsewhere.visits)  # no path, not even an origin
    finally:
        elsewhere.stop()


def test_same_origin_navigation_keeps_its_referer(page, live_server):
    """What Flask-WTF's referer check reads: every form post above depends on it."""
    page.goto("/")
    with page.expect_request("**/instructor/login") as request:
        page.get_by_role("link", name="Instructor sign-in").click()
    assert request.value.all_headers().get("referer") == live_server.url + "/"

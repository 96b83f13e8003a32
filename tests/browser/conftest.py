"""Browser fixtures: a live gunicorn server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from devserver.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, need_chromium, opened_page, own_server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One server for the taking and accessibility tests; they only add attempts."""
    yield from own_server(tmp_path_factory, "live")


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole run: its sync API allows no second one at a time."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    with opened_page(browser, live_server.url) as page:
        yield page


@pytest.fixture
def instructor_credentials():
    return INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD

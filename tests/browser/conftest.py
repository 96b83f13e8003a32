"""Browser fixtures: a live gunicorn server, Debian's Chromium driven by Playwright,
and helpers that act as a person does (click what is visible, type, press keys)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 15_000


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium"
    if os.environ.get("CI"):
        pytest.fail(message)  # CI must run the browser tests, never skip them
    pytest.skip(message)


def start_server(directory: Path) -> LiveServer:
    return LiveServer(directory).prepare().start()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One server for the taking and accessibility tests; they only add attempts."""
    need_chromium()
    server = start_server(tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, base_url: str, **context_options):
    # The HTTPS tests' certificate is a throwaway self-signed one (tests/tls.py).
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  ignore_https_errors=base_url.startswith("https:"), **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser, live_server.url)
    yield page
    page.context.close()


@pytest.fixture
def instructor_credentials():
    return INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD

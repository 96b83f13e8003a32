"""Debian's Chromium for the browser tests (a missing one fails under CI), a live server for
them, and a fresh page in its own browser context."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from devserver.live_server import LiveServer

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


def own_server(tmp_path_factory, name: str) -> Iterator[LiveServer]:
    """The body of a fixture giving a test module a server of its own: `yield from` it."""
    need_chromium()
    server = start_server(tmp_path_factory.mktemp(name))
    yield server
    server.stop()


def new_page(browser, base_url: str, **context_options):
    # The HTTPS tests' certificate is a throwaway self-signed one (devserver/tls.py).
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  ignore_https_errors=base_url.startswith("https:"), **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@contextmanager
def opened_page(browser, base_url: str, **context_options) -> Iterator:
    """A fresh page (`new_page`) whose browser context is closed afterwards, whatever happens."""
    page = new_page(browser, base_url, **context_options)
    try:
        yield page
    finally:
        page.context.close()

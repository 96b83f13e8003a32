"""Debian's Chromium for the browser tests (a missing one fails under CI), a live server for
them, and a fresh page in its own browser context."""

from __future__ import annotations

import os
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


def new_page(browser, base_url: str, **context_options):
    # The HTTPS tests' certificate is a throwaway self-signed one (devserver/tls.py).
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  ignore_https_errors=base_url.startswith("https:"), **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()

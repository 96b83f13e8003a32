"""The pages that say something went wrong, reached as a person reaches them, on a phone: no
sideways scrolling at 320 and 375 px and no axe-core violation at 375 px (as the walks'
pages in test_accessibility.py and test_groups.py).

A server of their own: the failed sign-ins would lock the shared server's address for a minute."""

from __future__ import annotations

import sqlite3

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.chromium import new_page, own_server

from .phone import on_phone
from .test_accessibility import describe

pytestmark = pytest.mark.browser

STATES = ["not-found-404", "form-unreadable-400", "too-many-sign-ins-429", "database-busy-503"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from own_server(tmp_path_factory, "errors")


def submit(page, button: str) -> int:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    return navigation.value.status


@pytest.fixture(scope="module")
def seen(browser, server):
    page, axe, seen = new_page(browser, server.url), Axe(), {}
    try:
        assert page.goto("/a/no-such-attempt-token-at-all/section/1").status == 404
        seen["not-found-404"] = on_phone(page, "not-found-404", axe)

        page.goto("/")
        start = page.locator("form", has=page.get_by_role("button", name="Start the quiz", exact=True))
        start.locator("input[name=csrf_token]").evaluate("token => token.remove()")
        assert submit(page, "Start the quiz") == 400
        seen["form-unreadable-400"] = on_phone(page, "form-unreadable-400", axe)

        page.goto("/instructor/login")
        for _ in range(6):
            page.get_by_label("Email").fill("nobody@example.test")
            page.get_by_label("Password").fill("not the password")
            status = submit(page, "Sign in")
        assert status == 429
        seen["too-many-sign-ins-429"] = on_phone(page, "too-many-sign-ins-429", axe)

        page.goto("/")
        submit(page, "Start the quiz")
        page.locator("form.section-form fieldset.question label").first.click()  # one answer to save
        lock = sqlite3.connect(server.db_path, isolation_level=None)
        try:
            lock.execute("BEGIN EXCLUSIVE")  # the server's write waits out its busy timeout
            assert submit(page, "Save and continue") == 503
        finally:
            lock.close()
        seen["database-busy-503"] = on_phone(page, "database-busy-503", axe)
        yield seen
    finally:
        page.context.close()


@pytest.mark.parametrize("name", STATES)
def test_error_page_fits_a_phone_screen(seen, name):
    phone = seen[name]
    assert not phone.too_wide, f"{name} is wider than the screen by {phone.too_wide} px"
    assert not phone.violations, f"{name} at 375 px\n{describe(phone.violations)}"

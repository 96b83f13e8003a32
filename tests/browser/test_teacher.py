"""The teacher's pages in Chromium, with JavaScript and without: the editor's error page
behaves as the taker's (title, focus on the summary, a link that takes focus to the field);
"Add option" comes back at the new row; the group's join link has the taker's copy button and
prints whole on A4."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import opened_page

pytestmark = pytest.mark.browser

A4_PRINTABLE_WIDTH_PX = 718  # as tests/browser/test_print.py


def press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def sign_in(page, credentials) -> None:
    email, password = credentials
    page.goto("/instructor/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    press(page, "Sign in")


def focused(page) -> dict:
    return page.evaluate("({id: document.activeElement.id, cls: document.activeElement.className})")


def wrong_resume_code(page, credentials) -> str:
    page.goto("/")
    page.get_by_label("Resume code").fill("ZZZZZ-ZZZZ2")
    press(page, "Resume")
    return "code"


def editor_with_a_problem(page, credentials) -> str:
    sign_in(page, credentials)
    page.goto("/instructor/questions/new?type=single_choice&area=technical")
    page.get_by_label("Question id").fill("tech-scn-browser-error")
    page.get_by_label("Weight in its area").fill("0")
    press(page, "Save question")
    return "weight"


PAGES = {"taker-wrong-code": wrong_resume_code, "instructor-editor": editor_with_a_problem}


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
@pytest.mark.parametrize("name", PAGES)
def test_an_error_page_is_focused_on_its_summary_whose_links_reach_the_field(
        browser, live_server, instructor_credentials, name, javascript):
    with opened_page(browser, live_server.url, java_script_enabled=javascript) as page:
        field_id = PAGES[name](page, instructor_credentials)
        assert page.title().startswith("Error: ")
        assert "error-summary" in focused(page)["cls"]  # focused on load, with or without a script
        link = page.get_by_role("alert").get_by_role("link").first
        assert link.get_attribute("href") == f"#{field_id}"
        link.click()
        assert page.evaluate("location.hash") == f"#{field_id}"
        described = page.locator(f"#{field_id}").get_attribute("aria-describedby")
        assert page.locator(f"#{described.split()[0]}").inner_text().strip() in link.inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_add_option_comes_back_at_the_new_option(browser, live_server, instructor_credentials, javascript):
    with opened_page(browser, live_server.url, java_script_enabled=javascript) as page:
        sign_in(page, instructor_credentials)
        page.goto("/instructor/questions/new?type=single_choice&area=technical")
        rows = page.locator("fieldset.option-row").count()
        page.get_by_label("Question id").fill("tech-scn-browser-add")
        press(page, "Add option")
        new_text = f"options-{rows}-text"
        assert page.url.endswith(f"#{new_text}")
        assert page.locator("fieldset.option-row").count() == rows + 1
        box = page.locator(f"#{new_text}")
        assert box.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
        if javascript:
            assert focused(page)["id"] == new_text
        assert page.get_by_label("Question id").input_value() == "tech-scn-browser-add"  # nothing lost


def test_the_join_link_copies_and_prints_whole(browser, live_server, instructor_credentials):
    with opened_page(browser, live_server.url, permissions=["clipboard-read", "clipboard-write"]) as page:
        sign_in(page, instructor_credentials)
        page.goto("/instructor/groups/")
        page.get_by_label("Group name").fill("Copy and print class")
        press(page, "Create group")
        link = page.locator("#join-link").inner_text()
        assert re.fullmatch(rf"{re.escape(live_server.url)}/join/[\w-]+", link)
        page.get_by_role("button", name="Copy link").click()
        expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == link

        with page.expect_navigation():
            page.get_by_role("link", name="Printable view").click()
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_PRINTABLE_WIDTH_PX, "height": 1000})
        shown = page.locator("#join-link")
        assert shown.inner_text() == link
        assert shown.evaluate("el => el.scrollWidth <= el.clientWidth + 1"
                              " && el.getBoundingClientRect().right <= innerWidth + 1")

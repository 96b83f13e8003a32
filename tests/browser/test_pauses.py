"""Pausing and coming back in Chromium, with JavaScript and without: leaving a page with a
mistake keeps it to fix, the resume link opens where the taker left off, the start page offers
to continue, the copy button exists only where a script can copy, and a wrong resume code is
shown beside its field."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import new_page, opened_page

from .taker import click_on_screen, order_on_screen, section_questions

pytestmark = pytest.mark.browser

RESUMED = re.compile(r"/a/[\w-]+/section/(\d)\?resumed=1$")


def press(page, name: str) -> None:
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name=name, exact=True))


def start(page) -> None:
    page.goto("/")
    press(page, "Start the quiz")


def focused_class(page) -> str:
    return page.evaluate("document.activeElement.className")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_leave_a_page_with_a_mistake_and_fix_it_after_resuming_elsewhere(browser, live_server, javascript):
    first = new_page(browser, live_server.url, java_script_enabled=javascript)
    start(first)
    questions = section_questions(first)
    rated = next(q for q in questions if q.type == "self_rating")
    ranked = next(q for q in questions if q.type == "ranking")
    click_on_screen(first, first.locator(f'label[for="q-{rated.id}-4"]'))
    items = order_on_screen(first, ranked)
    for position, item in zip([1, 1, *range(3, len(items) + 1)], items):  # two at 1: a mistake
        first.locator(f"#q-{ranked.id}-{item}").select_option(f"{item}:{position}")
    press(first, "Save and continue later")
    assert first.get_by_role("heading", name="Your answers are saved").is_visible()
    assert first.get_by_text("kept for you to fix").is_visible()
    resume_url = first.locator("#resume-link").inner_text()
    first.context.close()

    with opened_page(browser, live_server.url, java_script_enabled=javascript) as page:
        page.goto(resume_url)
        assert RESUMED.search(page.url).group(1) == "1"
        assert page.get_by_role("heading", name="Welcome back").is_visible()
        summary = page.get_by_role("alert")
        assert "when you left the page, but not saved" in " ".join(summary.inner_text().split())
        assert "error-summary" in focused_class(page)  # focused on load, with or without a script
        assert "are both at 1" in page.locator(f"#q-{ranked.id}-error").inner_text()
        assert page.locator(f"#q-{rated.id}-4").is_checked()  # the right answer was saved
        assert order_on_screen(page, ranked) == items  # the entry, as it was left
        for position, item in enumerate(items, start=1):
            page.locator(f"#q-{ranked.id}-{item}").select_option(f"{item}:{position}")
        press(page, "Save and continue")
        assert page.url.endswith("/section/2")
        assert page.get_by_text("questions answered").inner_text().startswith("2 of ")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_start_page_offers_to_continue_where_you_left_off(browser, live_server, javascript):
    with opened_page(browser, live_server.url, java_script_enabled=javascript) as page:
        start(page)
        press(page, "Save and continue")
        press(page, "Save and continue")
        page.goto("/")
        assert page.get_by_role("button", name="Not you? Start a new quiz").is_visible()
        assert page.get_by_role("button", name="Forget this browser").is_visible()
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("link", name="Continue where you left off"))
        assert RESUMED.search(page.url).group(1) == "3"
        note = page.locator(".resume-note details")
        assert "You skipped" in note.inner_text()
        click_on_screen(page, note.locator("summary"))  # a long list starts folded
        with page.expect_navigation():  # each skipped question is one click away
            click_on_screen(page, note.locator("a").first)
        assert re.search(r"/section/1#q-[\w-]+$", page.url)


def test_the_copy_button_copies_the_resume_link(browser, live_server):
    with opened_page(browser, live_server.url, permissions=["clipboard-read", "clipboard-write"]) as page:
        start(page)
        for place in ("section", "saved"):
            link = page.locator("#resume-link").inner_text()
            page.get_by_role("button", name="Copy link").click()
            # The script says "Copied" once the clipboard's promise settles: wait for it.
            expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
            assert page.evaluate("navigator.clipboard.readText()") == link, place
            if place == "section":
                press(page, "Save and continue later")


def test_without_a_script_there_is_no_copy_button_and_the_link_is_text(browser, live_server):
    with opened_page(browser, live_server.url, java_script_enabled=False) as page:
        start(page)
        for place in ("section", "saved"):
            assert page.get_by_role("button", name="Copy link").count() == 0, place
            assert page.locator("#resume-link").inner_text().startswith(live_server.url + "/a/")
            if place == "section":
                press(page, "Save and continue later")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_wrong_resume_code_is_shown_beside_the_field(browser, live_server, javascript):
    with opened_page(browser, live_server.url, java_script_enabled=javascript) as page:
        page.goto("/")
        page.get_by_label("Resume code").fill("ZZZZZ-ZZZZ2")
        press(page, "Resume")
        assert page.title().startswith("Error: ")
        assert "error-summary" in focused_class(page)
        message = "No quiz has this resume code."
        assert page.get_by_role("alert").get_by_role("link", name=re.compile(message)).get_attribute("href") == "#code"
        assert message in page.locator("#code-errors").inner_text()
        assert page.get_by_label("Resume code").input_value() == "ZZZZZ-ZZZZ2"

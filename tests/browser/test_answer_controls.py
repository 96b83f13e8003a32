"""The controls beside the answers (issue 32), in Chromium: a ranking offers no "Move up" on its
first item and no "Move down" on its last, keeping focus on a button that is there; "Clear my
choice" works with JavaScript off; Enter on an answer still means "Save and continue"."""

from __future__ import annotations

import re

import pytest

from tests.browser.chromium import opened_page

from .taker import click_on_screen, focused, order_on_screen, section_questions

pytestmark = pytest.mark.browser

SECTION_URL = re.compile(r"/a/[\w-]+/section/(\d)$")


def start(page) -> None:
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the quiz").click()


def go_to_a_ranking(page):
    """Save and continue until a section page holds a ranking; that ranking."""
    while not (rankings := [q for q in section_questions(page) if q.type == "ranking"]):
        with page.expect_navigation():
            page.get_by_role("button", name="Save and continue", exact=True).click()
    return rankings[0]


def move_buttons(page, question) -> list[tuple[str, bool, bool]]:
    """Per item on screen: its id, whether "Move up" and "Move down" are shown."""
    return [(item,
             page.locator(f"#q-{question.id}-{item}").locator("xpath=..").get_by_role("button", name=re.compile("^Move up")).is_visible(),
             page.locator(f"#q-{question.id}-{item}").locator("xpath=..").get_by_role("button", name=re.compile("^Move down")).is_visible())
            for item in order_on_screen(page, question)]


def assert_ends_have_no_move_past_them(page, question) -> None:
    shown = move_buttons(page, question)
    assert [up for _, up, _ in shown] == [False] + [True] * (len(shown) - 1), shown
    assert [down for _, _, down in shown] == [True] * (len(shown) - 1) + [False], shown


def test_the_first_item_has_no_move_up_and_the_last_no_move_down(page):
    start(page)
    ranking = go_to_a_ranking(page)
    assert_ends_have_no_move_past_them(page, ranking)
    second = order_on_screen(page, ranking)[1]
    text = ranking.option(second).text
    click_on_screen(page, page.get_by_role("button", name=f"Move up: {text}", exact=True))
    assert order_on_screen(page, ranking)[0] == second
    assert_ends_have_no_move_past_them(page, ranking)
    # Its "Move up" went away under the keyboard's focus: focus is on its "Move down" instead.
    assert focused(page)["text"] == "Move down"
    last = order_on_screen(page, ranking)[-2]
    page.get_by_role("button", name=f"Move down: {ranking.option(last).text}", exact=True).click()
    assert order_on_screen(page, ranking)[-1] == last
    assert_ends_have_no_move_past_them(page, ranking)
    assert focused(page)["text"] == "Move up"


def test_clear_my_choice_with_javascript_off(browser, live_server):
    with opened_page(browser, live_server.url, java_script_enabled=False) as page:
        start(page)
        questions = section_questions(page)
        first, second = [q for q in questions if q.type != "ranking"][:2]
        for question in (first, second):
            click_on_screen(page, page.locator(f'label[for="q-{question.id}-{question.options[0].id}"]'))
        number = questions.index(second) + 1
        button = page.get_by_role("button", name=f"Clear my choice for question {number}", exact=True)
        assert button.inner_text().strip().startswith("Clear my choice")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"#q-{second.id}")
        assert f"Your choice for question {number} was cleared" in page.inner_text("body")
        assert page.locator(f'input[name="q-{second.id}"]:checked').count() == 0
        assert page.locator(f'input[name="q-{first.id}"]:checked').count() == 1  # saved on the way


def test_enter_on_an_answer_still_saves_and_continues(page):
    start(page)
    question = next(q for q in section_questions(page) if q.type in ("self_rating", "single_choice"))
    click_on_screen(page, page.locator(f'label[for="q-{question.id}-{question.options[0].id}"]'))
    page.locator(f'#q-{question.id}-{question.options[0].id}').focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert SECTION_URL.search(page.url)[1] == "2"

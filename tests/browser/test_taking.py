"""Taking the quiz in Chromium as people do: with the mouse, with the keyboard alone, leaving
and coming back from another browser, printing the report, and with JavaScript off."""

from __future__ import annotations

import re

import pytest

from quiz.domain.scoring import score
from tests.browser.chromium import new_page, opened_page

from .taker import (
    answer_section_with_keyboard,
    answer_section_with_mouse,
    assert_section_shows,
    bank,
    click_on_screen,
    expected_scores,
    finish_over_http,
    order_on_screen,
    plan_answers,
    press_button,
    section_questions,
    shown_answers,
    shown_scores,
    tab_to,
)

pytestmark = pytest.mark.browser

SECTIONS = 6
SECTION_URL = re.compile(r"/a/[\w-]+/section/(\d)(?:\?resumed=1)?$")  # resumed: with a note


def start_quiz_with_mouse(page) -> None:
    page.goto("/")
    click_on_screen(page, page.get_by_role("button", name="Start the quiz"))
    page.wait_for_url(SECTION_URL)


def save_and_continue(page) -> None:
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name="Save and continue", exact=True))


def finish_with_mouse(page) -> None:
    page.wait_for_url(re.compile(r"/review$"))
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name="Finish and see my report"))
    page.wait_for_url(re.compile(r"/report/[\w-]+$"))


def section_number(page) -> int:
    return int(SECTION_URL.search(page.url).group(1))


def take_sections_with_mouse(page, plan, count: int) -> list[str]:
    answered = []
    for _ in range(count):
        number = section_number(page)
        expect_label = re.compile(rf"Section {number} of {SECTIONS}")
        assert expect_label.search(page.locator(".progress-label").inner_text())
        answered += answer_section_with_mouse(page, plan)
        save_and_continue(page)
    return answered


def assert_report_matches(page, plan) -> None:
    assert shown_scores(page) == expected_scores(plan)
    # "I haven't had the chance yet" is kept as an answer but counts as unanswered
    answered = sum(bool(q.scored_answer(plan[q.id])) for q in bank().questions)
    assert page.get_by_text(f"{answered} of {len(plan)} questions answered").is_visible()
    assert page.locator("svg.bar-chart rect.bar").count() == SECTIONS


def test_take_the_whole_quiz_with_the_mouse(page):
    plan = plan_answers("mouse")
    start_quiz_with_mouse(page)
    answered = take_sections_with_mouse(page, plan, SECTIONS)
    assert sorted(answered) == sorted(q.id for q in bank().questions)
    assert page.get_by_text("Every question is answered.").is_visible()
    finish_with_mouse(page)
    assert_report_matches(page, plan)
    # The downloads carry the same numbers as the page.
    data = page.request.get(page.url + ".json").json()
    assert data["total"] == len(plan)
    assert data["answered"] == sum(bool(q.scored_answer(plan[q.id])) for q in bank().questions)  # "not yet" left out
    assert [a["title"] for a in data["areas"]] == list(shown_scores(page))[:-1]


def test_take_the_whole_quiz_with_the_keyboard_alone(page):
    plan = plan_answers("keyboard")
    page.goto("/")
    press_button(page, "Start the quiz")
    for number in range(1, SECTIONS + 1):
        assert section_number(page) == number
        answer_section_with_keyboard(page, plan)
        press_button(page, "Save and continue")
    press_button(page, "Finish and see my report")
    page.wait_for_url(re.compile(r"/report/[\w-]+$"))
    assert_report_matches(page, plan)


def test_skip_link_moves_focus_to_the_content(page):
    page.goto("/")
    tab_to(page, lambda f: f["text"] == "Skip to content", limit=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_leave_midway_and_finish_from_the_resume_link_in_another_browser(browser, live_server):
    plan = plan_answers("resume")
    first = new_page(browser, live_server.url)
    start_quiz_with_mouse(first)
    take_sections_with_mouse(first, plan, 3)
    assert section_number(first) == 4
    link = first.locator("#resume-link")
    assert link.is_visible()  # open near the top of the page, no box to open first
    resume_url = link.inner_text()
    assert resume_url.startswith(live_server.url + "/a/")
    first.context.close()

    with opened_page(browser, live_server.url) as page:  # no cookies, nothing shared with the first
        page.goto(resume_url)
        assert section_number(page) == 4, "the link opens the section where the taker left off"
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("button", name="Previous section"))
        assert section_number(page) == 3
        assert_section_shows(page, plan)  # what was answered in the other browser is there
        save_and_continue(page)
        take_sections_with_mouse(page, plan, 3)
        finish_with_mouse(page)
        assert_report_matches(page, plan)


def test_printed_report_hides_navigation_and_buttons(page):
    plan = plan_answers("print")
    finish_over_http(page, plan)
    assert_report_matches(page, plan)
    screen_buttons = page.locator("button:visible, input[type=submit]:visible, .button:visible")
    assert page.locator("header.site-header").is_visible()
    assert screen_buttons.count() > 0

    page.emulate_media(media="print")
    for hidden in ("header.site-header", "nav", "footer.site-footer", ".report-actions",
                   ".skip-link"):
        for element in page.locator(hidden).all():
            assert not element.is_visible(), f"{hidden} shows in print"
    assert screen_buttons.count() == 0, "buttons show in print"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("svg.bar-chart").is_visible()
    assert page.locator(".how-sure-body").first.is_visible()  # closed boxes print open
    assert page.locator(".area-card > ul, .area-card > p").first.is_visible()
    page.emulate_media(media="screen")
    assert page.locator("header.site-header").is_visible()


def test_the_quiz_works_with_javascript_off(browser, live_server):
    plan = plan_answers("no-js")
    with opened_page(browser, live_server.url, java_script_enabled=False) as page:
        start_quiz_with_mouse(page)
        take_sections_with_mouse(page, plan, 2)
        # Leave with the button, come back with the code typed on the start page.
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("button", name="Save and continue later"))
        assert page.get_by_role("heading", name="Your answers are saved").is_visible()
        code = page.locator("strong.code").inner_text()
        page.goto("/")
        click_on_screen(page, page.get_by_label("Resume code"))
        page.keyboard.type(code.lower().replace("-", ""))  # forgiving about case and dash
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("button", name="Resume"))
        assert section_number(page) == 3
        take_sections_with_mouse(page, plan, SECTIONS - 2)
        finish_with_mouse(page)
        assert_report_matches(page, plan)


def test_report_draws_every_score_and_keeps_its_range_one_tap_away(page):
    plan = plan_answers("intervals")
    finish_over_http(page, plan)
    report = score(bank(), plan)
    track = page.locator("svg.bar-chart rect.bar-track").first.bounding_box()
    bars = page.locator("svg.bar-chart rect.bar")
    assert bars.count() == len(report.areas)
    for area, drawn in zip(report.areas, bars.all()):  # drawn to the pixel on the chart's 0-100 scale
        assert drawn.bounding_box()["width"] == pytest.approx(track["width"] * area.score / 100, abs=1.5)
    figures = page.locator(".overview details.how-sure")
    assert not figures.locator("li").first.is_visible()  # closed until asked
    figures.locator("summary").click()
    for area in report.areas:
        low, high = round(area.belief.low), round(area.belief.high)
        assert figures.get_by_text(f"{area.area.title}: score {area.score:.0f} of 100, likely range (95 %) "
                                   f"{low} to {high}").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="How this quiz measures").click()
    assert page.get_by_role("heading", level=1, name="How this quiz measures").is_visible()


def test_a_ranking_with_the_keyboard_alone_and_javascript_off(browser, live_server):
    """Positions typed into each item's select; a position used twice comes back as the same
    page with the mistake (nothing lost); the report then words the order it was given."""
    with opened_page(browser, live_server.url, java_script_enabled=False) as page:
        page.goto("/")
        press_button(page, "Start the quiz")
        ranked = next(q for q in section_questions(page) if q.type == "ranking")
        reverse = [o.id for o in reversed(ranked.options)]  # the key order, reversed
        items = order_on_screen(page, ranked)
        for n, item in enumerate(items):
            tab_to(page, lambda f, i=item: f["tag"] == "select" and f["value"].startswith(f"{i}:"))
            page.keyboard.type("1" if n < 2 else str(reverse.index(item) + 1))  # two at 1
        press_button(page, "Save and continue")

        assert page.title().startswith("Error: ")
        summary = page.get_by_role("alert")
        assert "There is a problem" in summary.inner_text()
        assert "are both at 1" in page.locator(f"#q-{ranked.id}-error").inner_text()
        assert page.locator(f"#q-{ranked.id}").get_attribute("aria-describedby") == f"q-{ranked.id}-error"
        tab_to(page, lambda f: f["tag"] == "a" and "are both at 1" in f["text"], key="Tab")
        page.keyboard.press("Enter")  # the summary's link takes focus to the question
        assert page.evaluate("location.hash") == f"#q-{ranked.id}"
        for item in items[:2]:  # the positions typed are all still there; fix the first two
            tab_to(page, lambda f, i=item: f["tag"] == "select" and f["value"].startswith(f"{i}:"))
            page.keyboard.type(str(reverse.index(item) + 1))
        assert shown_answers(page)[ranked.id] == tuple(reverse)
        press_button(page, "Save and continue")
        assert section_number(page) == 2

        page.goto(page.url.replace("/section/2", "/review"))  # past a link to every skipped question
        # Most areas have no answers: the review page asks to finish anyway.
        tab_to(page, lambda f: f["text"] == "Finish anyway", limit=len(bank().questions) + 20)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/report/[\w-]+$"))
        first, last = ranked.options[0].text, ranked.options[-1].text
        pair = f"put \u201c{last}\u201d before \u201c{first}\u201d; an experienced producer would put \u201c{first}\u201d first"
        assert f"Because you {pair}" in page.locator("ul.because").first.text_content()  # one tap away


def test_ticking_none_of_these_unticks_the_other_items(page):
    """checklist.js keeps "None of these" alone (the server refuses it with others anyway)."""
    start_quiz_with_mouse(page)
    checklist = next(q for q in section_questions(page) if any(o.none for o in q.options))
    none = next(o for o in checklist.options if o.none)
    items = [o for o in checklist.options if not o.none][:2]
    for option in items:
        click_on_screen(page, page.locator(f'label[for="q-{checklist.id}-{option.id}"]'))
    click_on_screen(page, page.locator(f'label[for="q-{checklist.id}-{none.id}"]'))
    assert shown_answers(page)[checklist.id] == {none.id}
    click_on_screen(page, page.locator(f'label[for="q-{checklist.id}-{items[0].id}"]'))
    assert shown_answers(page)[checklist.id] == {items[0].id}

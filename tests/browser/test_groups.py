"""A class in Chromium: an instructor creates a group; three takers, each in a browser of
their own, join it - by the link and by the code - and finish; the dashboard then shows three
dots per area and the next step most of them need first. Every group page visited on the way
is judged by axe-core and the Nu validator, like the pages in test_accessibility.py.

The server shows a group's distribution from 3 finished takers (GROUP_MIN_FINISHED=3) so that
three takers are enough; the rule itself (5 by default) is tested in tests/web/groups/.
"""

from __future__ import annotations

import pytest

from devserver.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD
from tests.browser.chromium import need_chromium, new_page, start_server
from tests.factories import best_option, worst_option

from .phone import MIN_CHART_TEXT_PX
from .taker import ORDERED, bank
from .test_accessibility import Walk, answer_quickly, assert_fits_a_phone, describe, html_errors, press  # noqa: F401  (html_errors: fixture)

pytestmark = pytest.mark.browser

GROUP_PAGES = ["groups-empty", "groups-form-errors", "group-dashboard-empty", "start-with-group-code",
               "join-code-not-found", "join-link", "group-dashboard",
               "group-print", "join-closed", "groups-list"]


def low_questions():
    """Two questions whose low answers trigger different next steps: every taker answers the
    first low, one taker also the second; everything else gets full points."""
    questions = [q for q in bank().questions if q.next_step]
    first = questions[0]
    second = next(q for q in questions if q.next_step != first.next_step and q.area != first.area)
    return first, second


def plan_low_on(*low):
    """Every question at full points but `low`, at its fewest (answers as the plan holds them)."""
    ids = {q.id for q in low}
    plan = {}
    for q in bank().questions:
        answer = q.kind.parse(q, worst_option(q) if q.id in ids else best_option(q))
        plan[q.id] = answer if q.type == ORDERED else frozenset(answer)
    return plan


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GROUP_MIN_FINISHED", "3")
        server = start_server(tmp_path_factory.mktemp("groups"))
    yield server
    server.stop()


def take_quiz(page, plan) -> None:
    """From a group's start page: start, answer every section, finish."""
    press(page, "Start the quiz")
    while "/section/" in page.url:
        answer_quickly(page, plan)
        press(page, "Save and continue")
    press(page, "Finish and see my report")
    assert "/report/" in page.url


@pytest.fixture(scope="module")
def walk(browser, server, tmp_path_factory):
    instructor = new_page(browser, server.url)
    walk = Walk(instructor, tmp_path_factory.mktemp("group-html"))
    first, second = low_questions()
    takers = []
    try:
        instructor.goto("/instructor/login")
        instructor.get_by_label("Email").fill(INSTRUCTOR_EMAIL)
        instructor.get_by_label("Password").fill(INSTRUCTOR_PASSWORD)
        press(instructor, "Sign in")
        walk.click("groups-empty", instructor.get_by_role("link", name="Groups"))
        walk.button("groups-form-errors", "Create group")  # no name
        instructor.get_by_label("Group name").fill("Evening studio class")
        walk.button("group-dashboard-empty", "Create group")
        code = instructor.locator(".join-code").inner_text()
        link = instructor.locator("#join-link").inner_text()

        # Taker 1: by the link, with a name.
        page = new_page(browser, server.url)
        takers.append(page)
        walk.page = page
        walk.goto("join-link", link)
        name = page.get_by_label("Your name for this group (optional)")
        name.fill("N" * 41)
        assert name.input_value() == "N" * 40  # the browser keeps to the limit as you type
        name.fill("Ada")
        take_quiz(page, plan_low_on(first, second))

        # Taker 2: by the code on the start page, after one typo, anonymous.
        page = new_page(browser, server.url)
        takers.append(page)
        walk.page = page
        walk.goto("start-with-group-code", "/")
        page.get_by_label("Group code").fill("ZZZZ-ZZZZ")
        walk.button("join-code-not-found", "Join the group")
        page.get_by_label("Group code").fill(code)
        press(page, "Join the group")
        take_quiz(page, plan_low_on(first))

        # Taker 3: by the code, typed in lower case without the dash, with a name.
        page = new_page(browser, server.url)
        takers.append(page)
        page.goto("/")
        page.get_by_label("Group code").fill(code.replace("-", "").lower())
        press(page, "Join the group")
        page.get_by_label("Your name for this group (optional)").fill("Sam")
        take_quiz(page, plan_low_on(first))

        walk.page = instructor
        walk.goto("group-dashboard", instructor.url)
        walk.click("group-print", instructor.get_by_role("link", name="Printable view"))
        instructor.go_back()
        press(instructor, "Archive this group")
        walk.page = takers[0]
        walk.goto("join-closed", link)
        walk.page = instructor
        walk.goto("groups-list", "/instructor/groups/")
        yield walk
    finally:
        for page in [instructor, *takers]:
            page.context.close()


def test_the_dashboard_shows_three_dots_per_area_and_the_top_next_step(walk):
    page = walk.page
    page.goto(walk.visits["group-dashboard"].url)
    figures = page.locator("figure.strip")
    assert figures.count() == len(bank().areas)
    for index in range(figures.count()):
        assert figures.nth(index).locator("circle.dot").count() == 3
    first, _ = low_questions()
    top = page.locator("ol.teaching > li").first
    assert top.get_by_role("heading").inner_text() == bank().next_step(first.next_step).title
    assert "Would move 3 of 3 takers (100 %)" in " ".join(top.inner_text().split())
    assert "Finished: Ada, Sam (and 1 anonymous)." in " ".join(page.locator("main").inner_text().split())


def test_the_closed_link_offers_the_open_quiz(walk):
    assert "This group is closed" in walk.visits["join-closed"].html
    assert "Take the open quiz" in walk.visits["join-closed"].html


def test_the_walk_reached_every_state_it_judges(walk):
    assert set(GROUP_PAGES) <= set(walk.visits)
    assert "Enter a name for the group, e.g. the course and term." in walk.visits["groups-form-errors"].html
    assert "not found or the group is closed" in walk.visits["join-code-not-found"].html
    assert "appear once at least 3 takers have finished" in walk.visits["group-dashboard-empty"].html


@pytest.mark.parametrize("name", GROUP_PAGES)
def test_group_page_has_no_axe_violations(walk, name):
    visit = walk.visits[name]
    assert not visit.violations, f"{visit.url}\n{describe(visit.violations)}"


@pytest.mark.parametrize("name", GROUP_PAGES)
def test_group_page_fits_a_phone_screen(walk, name):
    assert_fits_a_phone(walk.visits[name])


@pytest.mark.parametrize("name", ["group-dashboard", "group-print"])
def test_strip_plot_labels_stay_readable_on_a_phone(walk, name):
    assert walk.visits[name].phone.smallest_chart_text >= MIN_CHART_TEXT_PX


@pytest.mark.parametrize("name", GROUP_PAGES)
def test_group_page_is_valid_html(html_errors, name):  # noqa: F811
    assert not html_errors.get(name), "\n".join(html_errors[name])

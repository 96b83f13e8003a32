"""The report on a phone (issue 28): the first screen at 375 x 812 answers the reader's three
questions without scrolling, the whole report with its disclosures closed is at most 8 such
screens, and the chart's labels never overlap, down to 320 px."""

from __future__ import annotations

import pytest

from tests.browser.chromium import opened_page, own_server

from .taker import finish_over_http, plan_answers

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MAX_SCREENS = 8

# Every pair of chart texts whose boxes overlap (their title and desc are not drawn).
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.chart svg text')].map(t => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) hits.push([a, b]);
  }));
  return hits;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from own_server(tmp_path_factory, "first-screen")


@pytest.fixture
def report(browser, server):
    with opened_page(browser, server.url) as page:
        page.set_viewport_size(PHONE)
        finish_over_http(page, plan_answers("first-screen"))
        yield page


def above_the_fold(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["height"] > 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_first_screen_says_where_i_stand_what_stands_out_and_what_to_do_first(report):
    for part in (".overall-sentence", ".standouts", ".first-step"):
        assert above_the_fold(report, part), f"{part} is not on the first screen"
    assert report.locator(".overall-sentence").inner_text().startswith("Overall you are")
    assert "area" in report.locator(".standouts").inner_text()
    assert report.locator(".first-step").inner_text().startswith("Start here:")


def test_the_closed_report_is_at_most_eight_screens(report):
    height = report.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_SCREENS * PHONE["height"], f"{height / PHONE['height']:.1f} screens"


@pytest.mark.parametrize("width", [320, 375])
def test_chart_labels_never_overlap(report, width):
    report.set_viewport_size({"width": width, "height": PHONE["height"]})
    assert report.locator(".chart svg text").count() >= 12  # a title and a level for each area
    assert report.evaluate(OVERLAPS) == []


def test_the_report_shows_its_own_link_and_code(report):
    link = report.locator(".come-back .copy-text").inner_text()
    assert link == report.url
    assert "start page" in report.locator(".come-back").inner_text()

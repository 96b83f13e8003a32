"""Paper: the report of a fully answered attempt and a class of 30's printable group view,
printed by Chromium to A4 PDFs (`page.pdf`) and read back with pypdf.

The report fits on 4 pages and prints what the screen keeps in closed <details> boxes (the
figures of "How sure is this?", every next step's answers, every area's answers), with page
numbers and its own address. The group view fits on 4 pages, keeps every table column whole,
prints the join code large and the join link whole, and no name. No heading ends a page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from devserver.live_server import INSTRUCTOR_EMAIL, INSTRUCTOR_PASSWORD
from tests.browser.chromium import opened_page, own_server

from .taker import finish_over_http, plan_answers

pytestmark = pytest.mark.browser

CLASS_SIZE = 30
A4_PRINTABLE_WIDTH_PX = 718  # 210 mm less the 10 mm margins of style.css's @page, at 96 px per inch


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from own_server(tmp_path_factory, "print")


@pytest.fixture
def page(browser, server):
    with opened_page(browser, server.url) as page:
        yield page


def words(text: str) -> str:
    """Text as one line of single-spaced words: a PDF breaks lines where the page did, also
    after the hyphen of a word such as "hands-on"."""
    return re.sub(r"(?<=\w-) ", "", " ".join(text.split()))


def printed_pages(page) -> list[str]:
    """The page printed to A4 as Chromium's print dialog would, each PDF page's text."""
    return [words(p.extract_text()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def headings(page) -> list[str]:
    return [words(t) for t in page.locator("main").locator("h1, h2, h3, h4").all_inner_texts() if t.strip()]


def assert_no_heading_ends_a_page(pages: list[str], titles: list[str]) -> None:
    for number, text in enumerate(pages[:-1], start=1):
        stranded = [t for t in titles if text.endswith(t)]
        assert not stranded, f"page {number} ends with the heading {stranded}"


def test_the_report_prints_on_four_pages_with_everything_the_screen_folds_away(page):
    finish_over_http(page, plan_answers("print"))
    folded = page.locator("details > :not(summary)").evaluate_all(
        "parts => parts.flatMap(part => [...part.querySelectorAll('li, p')].filter(el => !el.querySelector('li, p'))"
        ".map(el => el.textContent))")
    assert len(folded) >= 40  # the figures, every step's answers, every area's answers to look at again
    address = page.url

    pages = printed_pages(page)

    assert len(pages) <= 4, f"{len(pages)} pages: is fonts-liberation (the print rules' type) installed?"
    everything = " ".join(pages)
    missing = [text for text in map(words, folded) if text not in everything]
    assert not missing, f"{len(missing)} of {len(folded)} folded texts are not printed, such as {missing[:2]}"
    assert address in everything  # the report's own address, to find it again
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))
    assert_no_heading_ends_a_page(pages, headings(page))


def join_the_class(browser, server, group_link: str) -> None:
    """30 takers join by the link, each with a name, and finish with answers of their own."""
    token = group_link.rsplit("/", 1)[1]
    for number in range(1, CLASS_SIZE + 1):
        with opened_page(browser, server.url) as taker:
            finish_over_http(taker, plan_answers(f"class-{number}"),
                             start=[("group", token), ("display_name", f"Taker {number:02d}")])


def test_the_group_view_of_a_class_of_30_prints_on_four_pages_whole(browser, server, page):
    page.goto("/instructor/login")
    page.get_by_label("Email").fill(INSTRUCTOR_EMAIL)
    page.get_by_label("Password").fill(INSTRUCTOR_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto("/instructor/groups/")
    page.get_by_label("Group name").fill("Thursday production class")
    with page.expect_navigation():
        page.get_by_role("button", name="Create group").click()
    link = page.locator("#join-link").inner_text()
    join_the_class(browser, server, link)
    with page.expect_navigation():
        page.get_by_role("link", name="Printable view").click()
    code = page.locator(".join-code").inner_text()

    pages = printed_pages(page)

    assert len(pages) <= 4
    everything = " ".join(pages)
    assert f"Finished: {CLASS_SIZE} takers." in everything
    assert "Taker 01" not in everything  # names stay off paper, as the dashboard promises
    assert link in everything.replace(" ", "")  # the whole join link, wrapped
    columns = page.locator("main thead th").evaluate_all(  # every column of the tables that print
        "cells => cells.filter(th => !th.closest('.no-print')).map(th => th.innerText)")
    assert "Strong" in columns
    # A PDF's text runs row by row, so a heading on two lines comes back word by word.
    missing = [word for column in columns for word in column.split() if word not in everything]
    assert not missing, f"column headings missing from the paper: {missing}"
    assert code in everything
    assert_no_heading_ends_a_page(pages, headings(page))

    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_WIDTH_PX, "height": 1000})
    cut = page.locator("main th, main td").evaluate_all(
        "cells => cells.filter(c => c.getBoundingClientRect().right > innerWidth + 1"
        " || c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim())")
    assert not cut, f"table cells cut off or beyond the paper's edge: {cut[:5]}"
    code_size = page.locator(".join-code").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    body_size = page.locator("body").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert code_size >= 3 * body_size  # read from the back of the room

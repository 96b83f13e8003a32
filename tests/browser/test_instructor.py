"""An instructor in Chromium: signs in, writes a question with the form, previews it and
saves it, and a new taker finds it in its section; a retired question leaves new attempts
(and only new ones). These tests change the bank, so they get a server of their own."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.browser.chromium import new_page, opened_page, own_server

from .taker import bank, click_on_screen

pytestmark = pytest.mark.browser

PROMPT = "The singer wants to hear more of herself in the headphones mid-take. What do you do?"
OPTIONS = [("Turn up her voice in her headphone mix and ask how it feels now.", "3"),
           ("Tell her to sing louder.", "0")]
RETIRED = "exp-chk-studio-work"  # an experience checklist in the bank


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from own_server(tmp_path_factory, "instructor")


@pytest.fixture
def instructor(browser, server, instructor_credentials):
    with opened_page(browser, server.url) as page:
        email, password = instructor_credentials
        page.goto("/instructor/")
        assert "/instructor/login" in page.url  # sent to sign in first
        click_on_screen(page, page.get_by_label("Email"))
        page.keyboard.type(email)
        click_on_screen(page, page.get_by_label("Password"))
        page.keyboard.type(password)
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("button", name="Sign in"))
        assert page.url.endswith("/instructor/")
        assert page.get_by_role("heading", name="Questions", level=1).is_visible()
        yield page


def new_taker_sections(browser, server) -> dict[str, str]:
    """Start a fresh attempt and return each section's title -> the prompts on its page."""
    with opened_page(browser, server.url) as page:
        page.goto("/")
        with page.expect_navigation():
            click_on_screen(page, page.get_by_role("button", name="Start the quiz"))
        return read_sections(page)


def read_sections(page) -> dict[str, str]:
    token = re.search(r"/a/([\w-]+)/", page.url).group(1)
    found = {}
    for number in range(1, 7):
        page.goto(f"/a/{token}/section/{number}")
        found[page.get_by_role("heading", level=1).inner_text()] = " ".join(
            page.locator("fieldset.question legend").all_inner_texts())
    return found


def test_instructor_adds_previews_and_publishes_a_question(browser, server, instructor):
    page = instructor
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("link", name="New scenario question"))
    page.get_by_label("Question id").fill("collab-scn-headphone-mix")
    page.get_by_label("Area", exact=True).select_option(label="Working with artists")
    page.get_by_label("Prompt").fill(PROMPT)
    click_on_screen(page, page.locator("fieldset.topics label").first)
    rows = page.locator("fieldset.option-row")
    for index, (text, points) in enumerate(OPTIONS):
        rows.nth(index).get_by_label("Text").fill(text)
        rows.nth(index).get_by_label("Points").fill(points)
    # The third, blank row is left out.

    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name="Preview"))
    preview = page.locator("section.preview")
    assert preview.is_visible()
    assert PROMPT in preview.locator("fieldset.question legend").inner_text()
    labels = preview.locator("fieldset.question label").all_inner_texts()
    assert sorted(labels) == sorted(text for text, _ in OPTIONS)
    assert PROMPT not in new_taker_sections(browser, server)["Working with artists"], "preview saved it"

    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name="Save question", exact=True).last)
    assert page.get_by_text("Question collab-scn-headphone-mix added.").is_visible()

    sections = new_taker_sections(browser, server)
    assert PROMPT in sections["Working with artists"]
    assert sum(PROMPT in prompts for prompts in sections.values()) == 1


def test_a_retired_question_leaves_new_attempts_only(browser, server, instructor):
    prompt = bank().question(RETIRED).prompt
    taker = new_page(browser, server.url)  # started before the retirement
    taker.goto("/")
    with taker.expect_navigation():
        click_on_screen(taker, taker.get_by_role("button", name="Start the quiz"))
    assert prompt in read_sections(taker)["Experience"]

    page = instructor
    page.goto("/instructor/?area=experience")
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name=f"Retire {RETIRED}"))
    assert page.get_by_text(f"Retired {RETIRED}").is_visible()
    row = page.locator("tr", has=page.get_by_text(RETIRED, exact=True))
    assert row.locator(".badge-retired").is_visible()

    assert prompt not in new_taker_sections(browser, server)["Experience"]
    assert prompt in read_sections(taker)["Experience"], "an attempt keeps the bank it started with"
    taker.context.close()


def test_instructor_exports_the_bank_and_imports_a_change(browser, server, instructor, tmp_path):
    page = instructor
    page.goto("/instructor/bank")
    with page.expect_download() as download:
        click_on_screen(page, page.get_by_role("link", name="Download the bank (zip)"))
    with zipfile.ZipFile(download.value.path()) as archive:
        technical = archive.read("technical.yaml").decode()
    old_prompt = bank().question("tech-rate-vocal-session").prompt
    new_prompt = "I can run a vocal session on my own, from the microphone choice to the final take."
    assert old_prompt in technical
    edited = tmp_path / "technical.yaml"
    edited.write_text(technical.replace(old_prompt, new_prompt))

    page.get_by_label("YAML files or a zip of them").set_input_files(edited)
    with page.expect_navigation():
        click_on_screen(page, page.get_by_role("button", name="Import"))
    assert page.get_by_text(re.compile(r"Imported the bank: 0 questions added, 1 changed")).is_visible()
    prompts = new_taker_sections(browser, server)["Technical skills"]
    assert new_prompt in prompts and old_prompt not in prompts

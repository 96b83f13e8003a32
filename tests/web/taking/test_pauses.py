"""Pausing and coming back: "Save and continue later" and "Previous section" (like "Save and
continue", tests/web/taking/test_every_button_saves.py) store every right answer on the page and keep the entries with mistakes to fix later; resuming opens the section
where the taker left off, with a note of what they skipped; the start page in the same browser
offers to continue; finishing with an area too thinly answered to score asks first."""

from __future__ import annotations

import pytest
from markupsafe import escape

from quiz.domain.bank.plain import Bank
from quiz.domain.scoring import unscored_areas
from tests.factories import areas, best_option, rating
from tests.takers import csrf_from
from tests.web.taking.test_mistakes import checked, none_of_these_with_another_item, section_with

KEPT = "kept as you entered it when you left the page, but not saved."


@pytest.fixture
def paused(taker):
    """A taker on a section with a rating saved earlier, who changes the rating and ticks
    "none of these" with another item (a mistake), then presses "Save and continue later"."""
    taker.start()
    section, checklist = section_with(taker, lambda q: any(o.none for o in q.options))
    rating_question = next(q for q in section.questions if q.type == "self_rating")
    taker.submit(section.number, {rating_question.id: ["2"], checklist.id: best_option(checklist)})
    ticked = none_of_these_with_another_item(checklist)
    response = taker.submit(section.number, {rating_question.id: ["5"], checklist.id: ticked}, button="later")
    return taker, section, rating_question, checklist, ticked, response


def test_save_and_continue_later_stores_the_right_answers_and_keeps_the_mistake(paused, app):
    taker, section, rating_question, checklist, ticked, response = paused
    assert response.status_code == 303 and response.location.endswith(f"/a/{taker.token}/saved")
    # The rating is saved; the checklist's old answer is replaced by the entry to fix.
    assert taker.stored() == {rating_question.id: ["5"]}
    with app.app_context():
        attempt = taker.attempt()
        assert attempt.entries_to_fix == {checklist.id: ticked}
        assert attempt.last_section == section.number
    assert "kept for you to fix" in taker.client.get(response.location).get_data(as_text=True)


def test_the_kept_mistake_is_shown_again_on_its_page_until_fixed(paused, app):
    taker, section, rating_question, checklist, ticked, _ = paused
    page = taker.client.get(taker.section_url(section.number))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    none_text = next(o.text for o in checklist.options if o.none)
    message = f"Tick \u201c{none_text}\u201d or the items you have done, not both."
    assert KEPT in " ".join(html.split())
    assert f'<a href="#q-{checklist.id}">{message}</a>' in html
    assert f'id="q-{checklist.id}-error"><span class="visually-hidden">Error:</span> {message}</p>' in html
    assert checked(html, checklist.id) == set(ticked)
    assert checked(html, rating_question.id) == {"5"}

    fixed = taker.submit(section.number, {rating_question.id: ["5"], checklist.id: ticked[1:]})
    assert fixed.status_code == 303
    assert taker.stored() == {rating_question.id: ["5"], checklist.id: ticked[1:]}
    with app.app_context():
        assert not taker.attempt().entries_to_fix
    assert KEPT not in taker.client.get(taker.section_url(section.number)).get_data(as_text=True)


def test_previous_stores_the_right_answers_and_keeps_the_mistake(taker, app):
    taker.start()
    section, checklist = section_with(taker, lambda q: any(o.none for o in q.options) and q.area != taker.sections()[0].area.key)
    other = next(q for q in section.questions if q is not checklist)
    ticked = none_of_these_with_another_item(checklist)
    response = taker.submit(section.number, {other.id: best_option(other), checklist.id: ticked}, button="previous")
    assert response.status_code == 303
    assert response.location.endswith(taker.section_url(section.number - 1))
    assert taker.stored() == {other.id: sorted(best_option(other))}
    with app.app_context():
        assert taker.attempt().entries_to_fix == {checklist.id: ticked}
        assert taker.attempt().last_section == section.number - 1
    assert checked(taker.client.get(taker.section_url(section.number)).get_data(as_text=True), checklist.id) == set(ticked)


def test_resuming_opens_the_section_where_the_taker_left_off_with_the_skipped_questions(taker, app):
    taker.start()
    first, second, third = taker.sections()[:3]
    taker.submit(1, {q.id: best_option(q) for q in first.questions})
    taker.submit(2, {q.id: best_option(q) for q in second.questions[1:]})  # one skipped
    taker.submit(3, {}, button="later")
    with app.app_context():
        code = taker.attempt().resume_code

    other_browser = app.test_client()
    by_link = other_browser.get(f"/a/{taker.token}")
    assert by_link.location.endswith(f"/a/{taker.token}/section/3?resumed=1")
    csrf = csrf_from(other_browser.get("/").get_data(as_text=True))
    by_code = other_browser.post("/resume", data={"csrf_token": csrf, "code": code})
    assert other_browser.get(by_code.location).location == by_link.location
    page = " ".join(other_browser.get(by_link.location).get_data(as_text=True).split())
    assert "Welcome back" in page and f"Section 3 of 6 — {third.area.title}" in page
    assert "You skipped 1 question in earlier sections" in page
    skipped = second.questions[0]
    assert f'<a href="/a/{taker.token}/section/2#q-{skipped.id}">{escape(skipped.prompt)}</a>' in page
    assert page.count('<li><a href="/a/') == 1  # only what was passed, not the sections ahead
    # The plain link, followed later, carries no note.
    assert "Welcome back" not in other_browser.get(taker.section_url(3)).get_data(as_text=True)


def test_resuming_after_the_last_section_opens_the_review_page(taker):
    taker.start()
    for section in taker.sections():
        taker.submit(section.number, {})
    assert taker.client.get(f"/a/{taker.token}").location.endswith(f"/a/{taker.token}/review")


def test_resuming_after_leaving_from_the_last_section_opens_the_last_section(taker):
    """Not the first section with open questions, though every section before it has some."""
    taker.start()
    last = taker.sections()[-1].number
    taker.submit(last, {}, button="later")
    assert taker.client.get(f"/a/{taker.token}").location.endswith(f"/a/{taker.token}/section/{last}?resumed=1")


def test_resuming_before_any_save_opens_the_first_section(taker):
    taker.start()
    assert taker.client.get(f"/a/{taker.token}").location.endswith(f"/a/{taker.token}/section/1?resumed=1")


def test_every_section_page_counts_the_answers_of_the_whole_quiz(taker):
    taker.start()
    total = sum(len(s.questions) for s in taker.sections())
    assert f"0 of {total} questions answered" in taker.client.get(taker.section_url(1)).get_data(as_text=True)
    first = taker.sections()[0]
    taker.submit(1, {q.id: best_option(q) for q in first.questions})
    for number in (1, 2):
        page = taker.client.get(taker.section_url(number)).get_data(as_text=True)
        assert f"{len(first.questions)} of {total} questions answered" in page


def test_the_start_page_offers_to_continue_the_attempt_this_browser_started(taker, app):
    assert "Continue where you left off" not in taker.client.get("/").get_data(as_text=True)
    taker.start()
    taker.submit(1, {q.id: best_option(q) for q in taker.sections()[0].questions[:2]})
    page = " ".join(taker.client.get("/").get_data(as_text=True).split())
    assert f'<a class="button button-primary" href="/a/{taker.token}">Continue where you left off</a>' in page
    assert "have answered 2 of" in page
    assert 'value="Not you? Start a new quiz"' in page  # starting afresh is still offered
    assert "Continue where you left off" not in app.test_client().get("/").get_data(as_text=True)
    taker.finish()
    assert "Continue where you left off" not in taker.client.get("/").get_data(as_text=True)


def test_resuming_in_another_browser_is_remembered_there(taker, app):
    taker.start()
    other_browser = app.test_client()
    other_browser.get(f"/a/{taker.token}")
    assert f'href="/a/{taker.token}">Continue where you left off' in other_browser.get("/").get_data(as_text=True)


def finish_button(taker) -> str:
    review = taker.client.get(f"/a/{taker.token}/review").get_data(as_text=True)
    return " ".join(review.split())


def test_finishing_with_an_area_too_thinly_answered_asks_first(taker, app):
    taker.start()
    all_sections = taker.sections()
    for section in all_sections[1:]:
        taker.submit(section.number, {q.id: best_option(q) for q in section.questions})
    first = all_sections[0]
    taker.submit(1, {q.id: best_option(q) for q in first.questions[:len(first.questions) // 2]})
    review = finish_button(taker)
    assert f"If you finish now, your report will have no score for {first.area.title}." in review
    assert 'value="Finish anyway"' in review and 'value="Finish and see my report"' not in review
    csrf = csrf_from(review)
    # The plain finish (a page shown before the answers changed) asks again and finishes nothing.
    asked = taker.client.post(f"/a/{taker.token}/finish", data={"csrf_token": csrf, "submit": "1"})
    assert asked.status_code == 409 and 'value="Finish anyway"' in asked.get_data(as_text=True)
    with app.app_context():
        assert not taker.attempt().finished
    done = taker.client.post(f"/a/{taker.token}/finish", data={"csrf_token": csrf, "finish_anyway": "1"})
    assert done.status_code == 303 and done.location.endswith(f"/report/{taker.token}")
    with app.app_context():
        assert taker.attempt().finished


def test_finishing_with_no_answers_says_there_will_be_no_scores(taker):
    taker.start()
    assert "your report will have no scores: no area has enough answers." in finish_button(taker)


def test_finishing_with_every_area_scored_asks_nothing(taker):
    taker.start()
    taker.answer_all(best_option)
    review = finish_button(taker)
    assert 'value="Finish and see my report"' in review and "Finish anyway" not in review


def test_an_area_is_scored_from_two_thirds_of_its_weight():
    bank = Bank(areas=areas()[:1], questions=(rating("a", area="musicianship", weight=2.0),
                                              rating("b", area="musicianship"), rating("c", area="musicianship")))
    def unscored(answers):
        return [a.area.key for a in unscored_areas(bank, answers)]

    assert unscored({"a": ("3",), "b": ("3",)}) == []  # 3 of 4 by weight
    assert unscored({"a": ("3",)}) == ["musicianship"]  # 2 of 4: below two thirds
    assert unscored({"b": ("3",), "c": ("3",)}) == ["musicianship"]  # two of three questions, 2 of 4
    assert unscored({"a": ("3",), "b": ()}) == ["musicianship"]  # an empty answer is none


def test_after_finishing_the_start_page_offers_this_browsers_report(taker, app):
    taker.start()
    taker.answer_all(best_option)
    taker.finish()
    page = " ".join(taker.client.get("/").get_data(as_text=True).split())
    assert f'<a class="button button-primary" href="/report/{taker.token}">See your report</a>' in page
    assert "See your report" not in app.test_client().get("/").get_data(as_text=True)  # another browser
    report = taker.client.get(f"/report/{taker.token}").get_data(as_text=True)
    with app.app_context():
        code = taker.attempt().resume_code
    assert f"write down your code {code}: on the start page, enter the code to see this report again." in report
    assert f"/report/{taker.token}</span>" in report  # the link, with its copy button where the browser can copy
    by_code = taker.client.post("/resume", data={"code": code, "csrf_token": csrf_from(
        taker.client.get("/").get_data(as_text=True))}, follow_redirects=True)
    assert by_code.request.path == f"/report/{taker.token}"

"""One mistake loses nothing (issue 32): "Save and continue" with a mistake stays on the page,
the GOV.UK error summary at its top, and every valid answer on the page is saved - leave and
come back, they are there - as "Previous section" and "Save and continue later" already did."""

from __future__ import annotations

import pytest

from tests.factories import best_option
from tests.takers import checked_values
from tests.web.taking.test_mistakes import section_with, selected


def stored_best(question) -> list[str]:
    """The best answer as `Taker.stored` shows it: its option ids, sorted."""
    return sorted(question.kind.best_answer(question))


MISTAKE_KINDS = {
    # a ranking position used twice
    "ranking": lambda q: [f"{o.id}:1" for o in q.options],
    # "none of these" ticked with another item
    "checklist": lambda q: [next(o.id for o in q.options if o.none), next(o.id for o in q.options if not o.none)],
}


def a_page_with_a_mistake(taker, kind: str):
    """A section after the first (it has a "Previous section" button) and its answers: the best
    for each question but one, which gets a mistake of `kind`."""
    first_area = taker.sections()[0].area.key
    is_kind = (lambda q: q.type == "ranking") if kind == "ranking" else (lambda q: any(o.none for o in q.options))
    section, wrong = section_with(taker, lambda q: q.area != first_area and is_kind(q))
    others = [q for q in section.questions if q is not wrong]
    answers = {q.id: best_option(q) for q in others} | {wrong.id: MISTAKE_KINDS[kind](wrong)}
    return section, wrong, others, answers


@pytest.mark.parametrize("kind", MISTAKE_KINDS)
def test_save_and_continue_with_a_mistake_saves_every_valid_answer_and_stays(taker, app, kind):
    taker.start()
    section, wrong, others, answers = a_page_with_a_mistake(taker, kind)

    response = taker.submit(section.number, answers)

    assert response.status_code == 422
    page = " ".join(response.get_data(as_text=True).split())
    assert page.count('class="error-summary"') == 1 and f'<a href="#q-{wrong.id}">' in page
    assert "Your other answers on this page are saved" in page
    assert taker.stored() == {q.id: stored_best(q) for q in others}
    with app.app_context():
        attempt = taker.attempt()
        assert attempt.entries_to_fix == {wrong.id: answers[wrong.id]}
        assert attempt.last_section == section.number  # coming back opens this page


@pytest.mark.parametrize("kind", MISTAKE_KINDS)
def test_leaving_after_a_mistake_and_coming_back_shows_every_answer_and_the_mistake(taker, app, kind):
    taker.start()
    section, wrong, others, answers = a_page_with_a_mistake(taker, kind)
    taker.submit(section.number, answers)

    another_browser = app.test_client()
    resumed = another_browser.get(another_browser.get(f"/a/{taker.token}").location)
    page = resumed.get_data(as_text=True)
    assert resumed.status_code == 200 and f"Section {section.number} of" in page
    for question in others:
        shown = selected(page, question.id) if question.type == "ranking" else checked_values(page, question)
        assert shown == set(best_option(question)), question.id
    assert f'<a href="#q-{wrong.id}">' in page  # the mistake, still marked


@pytest.mark.parametrize("button", ["next", "previous", "later"])
def test_every_button_saves_every_valid_answer(taker, button):
    taker.start()
    section, wrong, others, answers = a_page_with_a_mistake(taker, "ranking")
    taker.submit(section.number, answers, button=button)
    assert taker.stored() == {q.id: stored_best(q) for q in others}


def test_fixing_the_mistake_then_moves_on(taker):
    taker.start()
    section, wrong, others, answers = a_page_with_a_mistake(taker, "ranking")
    taker.submit(section.number, answers)
    fixed = taker.submit(section.number, answers | {wrong.id: [f"{o.id}:{n}" for n, o in enumerate(wrong.options, 1)]})
    assert fixed.status_code == 303
    assert taker.stored()[wrong.id] == sorted(o.id for o in wrong.options)

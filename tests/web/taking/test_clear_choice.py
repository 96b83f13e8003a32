"""Taking an answer back (issue 32): every question has a "Clear my choice" button - a plain
submit button, no script needed - that saves the page's other valid answers, deletes that
question's answer and brings the page back at that question."""

from __future__ import annotations

import re

import pytest

from tests.factories import best_option
from tests.takers import question_fieldset
from tests.web.taking.test_every_button_saves import stored_best
from tests.web.taking.test_mistakes import checked

KINDS = ["self_rating", "single_choice", "checklist", "ranking"]


def section_holding(taker, kind: str):
    return next((s, q) for s in taker.sections() for q in s.questions if q.type == kind)


@pytest.mark.parametrize("kind", KINDS)
def test_clear_my_choice_deletes_that_answer_and_saves_the_others(taker, app, kind):
    taker.start()
    section, cleared = section_holding(taker, kind)
    others = [q for q in section.questions if q is not cleared]
    taker.submit(section.number, {q.id: best_option(q) for q in section.questions})
    changed = {q.id: best_option(q) for q in others[1:]}  # the first other one is skipped now

    response = taker.submit(section.number, {cleared.id: best_option(cleared), **changed},
                            button="clear", **{"clear": cleared.id})

    assert response.status_code == 303
    number = section.questions.index(cleared) + 1
    assert response.location.endswith(f"{taker.section_url(section.number)}#q-{cleared.id}")
    assert taker.stored() == {q.id: stored_best(q) for q in others[1:]}
    page = taker.client.get(response.location).get_data(as_text=True)
    assert f"Your choice for question {number} was cleared" in page
    assert not checked(page, cleared.id)
    with app.app_context():
        assert taker.attempt().last_section == section.number


def test_every_question_has_a_labelled_clear_button(taker):
    taker.start()
    section = taker.sections()[0]
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    for number, question in enumerate(section.questions, start=1):
        fieldset = question_fieldset(page, question.id)
        button = re.search(r'<button type="submit" name="clear" value="([^"]+)"[^>]*>(.*?)</button>', fieldset, re.S)
        assert button and button[1] == question.id
        assert " ".join(re.sub(r"<[^>]+>", " ", button[2]).split()) == f"Clear my choice for question {number}"
        assert button[2].strip().startswith("Clear my choice<")  # what is seen: the name starts with it


def test_the_default_button_is_still_save_and_continue(taker):
    """Enter in a form submits its first submit button: that must not be a question's Clear."""
    taker.start()
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    form = page[page.index('<form method="post" action="/a/'):]
    first = re.search(r"<(?:input|button)[^>]*type=\"submit\"[^>]*>", form)[0]
    assert 'name="next"' in first


def test_clear_keeps_the_mistakes_of_other_questions_marked(taker):
    taker.start()
    section, ranking = section_holding(taker, "ranking")
    other = next(q for q in section.questions if q is not ranking)
    taker.submit(section.number, {other.id: best_option(other)}, button="clear",
                 **{f"q-{ranking.id}": [f"{o.id}:1" for o in ranking.options], "clear": other.id})
    page = taker.client.get(taker.section_url(section.number)).get_data(as_text=True)
    assert f'<a href="#q-{ranking.id}">' in page  # the ranking's mistake, kept and shown
    assert other.id not in taker.stored()


@pytest.mark.parametrize("value", ["", "no-such-question", "../x"])
def test_clearing_a_question_not_on_the_page_is_refused(taker, value):
    taker.start()
    response = taker.submit(1, {}, button="clear", **{"clear": value})
    assert response.status_code == 400


def test_a_question_of_another_section_cannot_be_cleared_from_this_one(taker):
    taker.start()
    elsewhere = taker.sections()[1].questions[0]
    taker.submit(2, {elsewhere.id: best_option(elsewhere)})
    assert taker.submit(1, {}, button="clear", **{"clear": elsewhere.id}).status_code == 400
    assert elsewhere.id in taker.stored()

"""A rate-each-option question end to end: a fieldset of four labelled radio buttons per response
(no JavaScript needed), a partly rated question shown back as a mistake, the ratings stored and
scored, and the report's words for the responses rated off the key."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from quiz.domain.statistics import items as stats
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests import factories
from tests.factories import best_option


@pytest.fixture
def rated(app):
    """A rate_options question in the collaboration area, live for new attempts."""
    question = factories.rated("col-sjt-tired-singer", keys=(4, 3, 1))
    with app.app_context():
        assert bank_store.save_question(question) == "added"
        db.session.commit()
    return question


def section_page(taker, question) -> tuple[int, str]:
    number = next(s.number for s in taker.sections() if question.id in {q.id for q in s.questions})
    return number, taker.client.get(taker.section_url(number)).get_data(as_text=True)


def test_each_response_is_a_fieldset_of_four_labelled_radios(taker, rated):
    taker.start()
    _, page = section_page(taker, rated)
    fieldset = page.split(f'id="q-{rated.id}"')[1].split('<div class="rated-options">')[1]
    groups = re.findall(r'<fieldset class="rated-option"[^>]*>\s*<legend>(.*?)</legend>(.*?)</fieldset>', fieldset, re.S)
    assert sorted(text for text, _ in groups) == ["Response 0", "Response 1", "Response 2"]
    for text, radios in groups:
        option = next(o for o in rated.options if o.text == text)
        name = f"q-{rated.id}-{option.id}"
        assert re.findall(rf'type="radio" name="{name}" id="({name}-\d)"', radios) == [f"{name}-{n}" for n in range(1, 5)]
        assert re.findall(rf'<label for="{name}-\d">(.*?)</label>', radios) == [
            "A poor idea", "Not a good idea", "A good idea", "A very good idea"]


def test_a_partly_rated_question_comes_back_as_a_mistake_with_what_was_entered(taker, rated):
    taker.start()
    number, _ = section_page(taker, rated)
    response = taker.submit(number, {rated.id: ["a:4", "b:2"]})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Rate every response, or leave them all unrated to skip this question." in page
    assert re.search(r'value="a:4"\s*checked', page) and re.search(r'value="b:2"\s*checked', page)


def test_ratings_are_stored_scored_and_reported(taker, rated):
    taker.start()
    answer = ["a:4", "b:3", "c:4"]  # c is keyed a poor idea: three levels off
    taker.answer_all(lambda q: answer if q.id == rated.id else best_option(q))
    assert taker.stored()[rated.id] == answer
    taker.finish()
    report = taker.client.get(f"/report/{taker.token}.json").get_json()
    collaboration = next(a for a in report["areas"] if a["key"] == "collaboration")
    assert 0 < collaboration["score"] < 100  # (1 + 1 + 0) / 3 of this question's weight, the rest in full
    html = taker.client.get(f"/report/{taker.token}").get_data(as_text=True)
    assert str(escape("You rated: \u201cResponse 2\u201d a very good idea.")) in html
    assert str(escape("An experienced producer: \u201cResponse 2\u201d a poor idea - Why 2")) in html


def test_the_statistics_treat_it_as_a_scored_item_with_a_fractional_score(app, taker, rated, signed_in):
    taker.start()
    taker.answer_all(lambda q: ["a:4", "b:3", "c:4"] if q.id == rated.id else best_option(q))
    taker.finish()
    assert signed_in.get("/instructor/statistics").status_code == 200
    response = stats.item_response(rated, ("a:4", "b:3", "c:4"))
    assert (response.share, response.score) == (pytest.approx(2 / 3), pytest.approx(2 / 3))

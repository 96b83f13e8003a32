"""Self-ratings end to end: "I haven't had the chance yet" is stored but counts as unanswered
(its area's score is unaffected, the report says so), and a version saved before the named
scales keeps its "like me" labels on the page and in the report."""

from __future__ import annotations

from dataclasses import replace

import pytest
from markupsafe import escape

from quiz.domain.question_types.self_rating import LEGACY, scale_options
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.report.page import answer_label
from tests.factories import best_option


def first_rating(app, area: str = "technical"):
    """The area's first self-rating that has a next step and no "not yet" answer."""
    with app.app_context():
        return next(q for q in bank_store.current_bank().questions_in(area)
                    if q.type == "self_rating" and q.next_step and not q.needs_experience)


def fieldset_of(taker, question) -> str:
    """The question's fieldset on its section page."""
    number = next(s.number for s in taker.sections() if question.id in {q.id for q in s.questions})
    page = taker.client.get(taker.section_url(number)).get_data(as_text=True)
    return page.split(f'id="q-{question.id}"')[1].split("</fieldset>")[0]


def save_version(app, question) -> None:
    with app.app_context():
        assert bank_store.save_question(question) == "changed"
        db.session.commit()


@pytest.fixture
def needs_experience(app):
    rating = first_rating(app)
    save_version(app, replace(rating, needs_experience=True,
                              options=scale_options(rating.reverse, rating.scale, needs_experience=True)))
    return rating


def test_not_yet_is_stored_counts_as_unanswered_and_the_report_says_so(taker, needs_experience):
    taker.start()
    scale, off_scale = fieldset_of(taker, needs_experience).split('class="likert-off-scale"')
    assert 'value="5"' in scale and 'value="not-yet"' in off_scale

    taker.answer_all(lambda q: ["not-yet"] if q.id == needs_experience.id else best_option(q))
    assert taker.stored()[needs_experience.id] == ["not-yet"]
    taker.finish()

    report = taker.client.get(f"/report/{taker.token}.json").get_json()
    technical = next(a for a in report["areas"] if a["key"] == "technical")
    assert technical["score"] == 100  # neither earned nor lost anything
    assert technical["answered"] == technical["total"] - 1
    assert technical["not_yet"] == [needs_experience.id]
    assert report["unanswered"] == [needs_experience.id]

    page = taker.client.get(f"/report/{taker.token}").get_data(as_text=True)
    not_yet = page.split('class="not-yet">')[1].split("</div>")[0]
    assert " ".join(not_yet.split("</p>")[0].split()) == (
        "<p>1 question you haven&#39;t had the chance for yet is left out of this score: it does not count "
        "against you.")
    assert f"<li>{escape(answer_label(needs_experience))}</li>" in not_yet
    assert "You skipped" not in page


def test_a_scale_point_answer_to_the_same_question_is_scored(taker, needs_experience):
    taker.start()
    worst = "5" if needs_experience.reverse else "1"
    taker.answer_all(lambda q: [worst] if q.id == needs_experience.id else best_option(q))
    taker.finish()
    report = taker.client.get(f"/report/{taker.token}.json").get_json()
    technical = next(a for a in report["areas"] if a["key"] == "technical")
    assert technical["score"] < 100 and technical["answered"] == technical["total"]
    assert technical["not_yet"] == []


def test_a_version_without_a_scale_keeps_the_like_me_labels(taker, app):
    rating = first_rating(app)
    save_version(app, replace(rating, scale=None, prompt=rating.prompt + " (old)",
                              options=scale_options(rating.reverse, None)))
    with app.app_context():
        stored = bank_store.current_bank().question(rating.id)
    assert stored.scale is None and [o.text for o in stored.options] == list(LEGACY.anchors)

    taker.start()
    fieldset = fieldset_of(taker, rating)
    assert "How much is this like you?" in fieldset
    assert all(anchor in fieldset for anchor in LEGACY.anchors) and "Could teach it" not in fieldset
    assert "chance yet" not in fieldset

    lowest = "5" if rating.reverse else "1"
    taker.answer_all(lambda q: [lowest] if q.id == rating.id else best_option(q))
    taker.finish()
    because = [text for step in taker.client.get(f"/report/{taker.token}.json").get_json()["next_steps"]
               for text in step["because"]]
    assert f'you rated "{rating.prompt} (old)" as "{stored.option(lowest).text}"' in because

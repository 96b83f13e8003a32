"""An attempt's life: finishing one attempt leaves every other open, a save that arrives after
Finish is refused with nothing stored, and a retake is linked to the attempt it retakes."""

from __future__ import annotations

import pytest

from quiz.platform.extensions import db
from quiz.web.taking import attempts, section_form
from tests.factories import best_option
from tests.takers import csrf_from


def test_finishing_one_attempt_leaves_another_open(taker, second_taker, app):
    taker.start()
    second_taker.start()
    assert taker.finish().status_code == 303
    with app.app_context():
        assert taker.attempt().finished
        assert not second_taker.attempt().finished
    section = second_taker.sections()[0]
    answers = {q.id: best_option(q) for q in section.questions}
    assert second_taker.submit(1, answers).status_code == 303  # the other can still save
    assert set(second_taker.stored()) == set(answers)


def test_a_save_posted_after_finish_is_refused_and_nothing_stored(taker, app):
    taker.start()
    section = taker.sections()[0]
    csrf = taker.csrf(1)  # the page was open in another tab before Finish
    assert taker.finish().status_code == 303
    response = taker.submit(1, {q.id: best_option(q) for q in section.questions}, csrf=csrf)
    assert response.status_code == 409
    assert taker.stored() == {}


def test_a_save_racing_finish_is_refused_and_nothing_stored(taker, app, monkeypatch):
    """Finish commits while the save is under way (after the page checked the attempt was
    open): the store itself refuses it, with a 409 and nothing written."""
    taker.start()
    section = taker.sections()[0]
    parse = section_form.parse_section

    def parse_then_finish_elsewhere(*args):
        parsed = parse(*args)
        with app.app_context():  # another request's session
            attempts.finish(taker.attempt())
            db.session.remove()
        return parsed

    monkeypatch.setattr(section_form, "parse_section", parse_then_finish_elsewhere)
    response = taker.submit(1, {q.id: best_option(q) for q in section.questions})
    assert response.status_code == 409
    assert taker.stored() == {}


def test_save_section_on_a_finished_attempt_raises_and_stores_nothing(taker, app):
    taker.start()
    section = taker.sections()[0]
    with app.app_context():
        attempt = attempts.snapshot(taker.token)  # read before the finish
        attempts.finish(taker.attempt())
        with pytest.raises(attempts.AttemptFinished):
            attempts.save_section(attempt, section, {q.id: tuple(best_option(q))
                                                     for q in section.questions})
        assert taker.attempt().selections() == {}


def test_a_save_that_names_no_next_page_keeps_where_the_taker_left_off(taker, app):
    taker.start()
    taker.submit(3, {}, button="later")
    section = taker.sections()[0]
    with app.app_context():
        attempts.save_section(attempts.snapshot(taker.token), section,
                              {q.id: tuple(best_option(q)) for q in section.questions})
        assert attempts.snapshot(taker.token).last_section == 3
        assert set(taker.attempt().selections()) == {q.id for q in section.questions}


def test_a_retake_is_linked_to_the_attempt_it_retakes(taker, app):
    first = taker.start()
    assert taker.finish().status_code == 303
    second = taker.start(previous=first)
    assert second != first
    with app.app_context():
        retake = taker.attempt()
        assert retake.previous is not None and retake.previous.token == first
        assert not retake.finished


def test_finishing_twice_keeps_the_first_finish_time(taker, app):
    taker.start()
    assert taker.finish().status_code == 303
    with app.app_context():
        first = taker.attempt().finished_at
    csrf = csrf_from(taker.client.get("/").get_data(as_text=True))
    assert taker.client.post(f"/a/{taker.token}/finish", data={"csrf_token": csrf}).status_code == 303
    with app.app_context():
        assert taker.attempt().finished_at == first


def test_a_forged_question_field_is_named_in_the_refusal(taker):
    taker.start()
    response = taker.submit(1, {"made-up": ["1"]})
    assert response.status_code == 400
    assert "unknown question &#39;made-up&#39; in this section" in response.get_data(as_text=True)

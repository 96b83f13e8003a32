"""What the answer store keeps: one attempt's changes never touch another's, resume codes work
as shown and as typed, and answers carry when they were first given and last changed."""

from __future__ import annotations

import re
import time

import pytest

from tests.takers import csrf_from


def test_clearing_an_answer_leaves_other_attempts_alone(taker, second_taker, app):
    taker.start()
    second_taker.start()
    first = taker.sections()[0]
    question = first.questions[0]
    chosen = [question.options[-1].id]
    for person in (taker, second_taker):
        assert person.submit(1, {question.id: chosen}).status_code == 303
    assert taker.submit(1, {}).status_code == 303  # the first taker clears the whole page
    assert question.id not in taker.stored()
    assert second_taker.stored()[question.id] == sorted(chosen)


@pytest.mark.parametrize("typed", [
    lambda code: code,                                   # exactly as shown: ABCDE-FGHJK
    lambda code: code.replace("-", ""),                  # without the dash
    lambda code: f"  {code.lower().replace('-', ' ')} ",  # lower case, a space, padding
])
def test_resume_code_as_shown_or_as_typed(taker, app, typed):
    taker.start()
    with app.app_context():
        code = taker.attempt().resume_code
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    other = app.test_client()
    csrf = csrf_from(other.get("/").get_data(as_text=True))
    response = other.post("/resume", data={"csrf_token": csrf, "code": typed(code)})
    assert response.status_code == 303
    assert response.location.endswith(f"/a/{taker.token}")


def test_answer_keeps_its_first_time_and_moves_its_last_change(taker, app):
    taker.start()
    question = taker.sections()[0].questions[0]
    first_choice, second_choice = question.options[0].id, question.options[1].id
    assert taker.submit(1, {question.id: [first_choice]}).status_code == 303
    with app.app_context():
        (answer,) = [a for a in taker.attempt().answers if a.question_id == question.id]
        created, updated = answer.created_at, answer.updated_at
    assert created == updated
    time.sleep(0.01)
    assert taker.submit(1, {question.id: [second_choice]}).status_code == 303
    with app.app_context():
        (answer,) = [a for a in taker.attempt().answers if a.question_id == question.id]
        assert answer.option_ids == [second_choice]
        assert answer.created_at == created
        assert answer.updated_at > updated
        assert taker.attempt().updated_at >= answer.updated_at

"""Bad input gets a clear error and stores nothing from that request. (Mistakes a person can
make by hand are in test_mistakes.py: they come back as the same page, with status 422.)"""

from __future__ import annotations

import pytest

from tests.factories import best_option


@pytest.fixture
def started(taker):
    taker.start()
    first = taker.sections()[0]
    kept = first.questions[0]
    taker.submit(1, {kept.id: ["4"]})  # something saved before the bad request
    return taker, first, kept


def assert_nothing_changed(taker, kept):
    assert taker.stored() == {kept.id: ["4"]}


def test_missing_csrf_token(started):
    taker, first, kept = started
    response = taker.submit(1, {kept.id: ["1"], first.questions[1].id: ["2"]}, csrf=False)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "expired" in page and f'href="/a/{taker.token}/section/1"' in page
    assert_nothing_changed(taker, kept)


def test_wrong_csrf_token(started):
    taker, _, kept = started
    assert taker.submit(1, {kept.id: ["1"]}, csrf="forged").status_code == 400
    assert_nothing_changed(taker, kept)


def test_unknown_option_id(started):
    taker, first, kept = started
    scenario = next(q for q in first.questions if q.type == "single_choice")
    response = taker.submit(1, {kept.id: ["1"], scenario.id: ["zz"]})
    assert response.status_code == 400
    assert f"question {scenario.id} has no option &#39;zz&#39;" in response.get_data(as_text=True)
    assert_nothing_changed(taker, kept)


def test_unknown_question_id(started):
    taker, _, kept = started
    response = taker.submit(1, {kept.id: ["1"], "made-up": ["1"]})
    assert response.status_code == 400
    assert "unknown question" in response.get_data(as_text=True)
    assert_nothing_changed(taker, kept)


def test_question_from_another_section(started):
    taker, _, kept = started
    elsewhere = taker.sections()[1].questions[0]
    assert taker.submit(1, {kept.id: ["1"], elsewhere.id: best_option(elsewhere)}).status_code == 400
    assert_nothing_changed(taker, kept)


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", ""])
def test_value_outside_the_likert_scale(started, value):
    taker, _, kept = started
    assert taker.submit(1, {kept.id: [value]}).status_code == 400
    assert_nothing_changed(taker, kept)


def test_several_values_for_a_single_choice_question(started):
    taker, first, kept = started
    scenario = next(q for q in first.questions if q.type == "single_choice")
    ids = [o.id for o in scenario.options][:2]
    response = taker.submit(1, {kept.id: ["1"], scenario.id: ids})
    assert response.status_code == 400
    assert "takes one answer" in response.get_data(as_text=True)
    assert_nothing_changed(taker, kept)


def test_oversize_body_is_413(started, app):
    taker, _, kept = started
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = taker.submit(1, {kept.id: ["1"]}, padding="x" * 20_000)
    assert response.status_code == 413
    assert "Too much data" in response.get_data(as_text=True)
    assert_nothing_changed(taker, kept)


def test_post_to_finished_attempt_changes_nothing(started):
    taker, _, kept = started
    csrf = taker.csrf(1)
    taker.finish()
    assert taker.submit(1, {kept.id: ["1"]}, csrf=csrf).status_code == 409
    assert_nothing_changed(taker, kept)

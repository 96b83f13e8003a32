"""Each finished attempt's scores are stored once: when it is finished, or - for attempts
finished before (or whose storing failed) - the first time a dashboard needs them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quiz import models
from quiz.extensions import db
from quiz import finished_results
from quiz.scoring import score
from tests.factories import best_option, worst_option
from tests.instructors import finished_attempt


def stored(app):
    with app.app_context():
        return {r.attempt_id: (r.area_scores, r.overall) for r in db.session.scalars(select(models.AttemptResult))}


def item_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.AttemptItem))


def test_finishing_stores_the_reports_scores_and_each_answer(app, taker, offered_bank):
    taker.start()
    taker.answer_all(worst_option)
    with app.app_context():
        assert stored(app) == {}
    taker.finish()
    expected = score(offered_bank, {q.id: q.kind.parse(q, worst_option(q)) for q in offered_bank.questions})
    ((attempt_id, (areas, overall)),) = stored(app).items()
    assert areas == pytest.approx(expected.scores()) and overall == pytest.approx(expected.overall)
    assert item_rows(app) == len(offered_bank.questions)


def test_recording_again_changes_nothing(app, taker, offered_bank):
    taker.start()
    taker.answer_all(best_option)
    taker.finish()
    with app.app_context():
        finished_results.record(taker.attempt())
    assert len(stored(app)) == 1
    assert item_rows(app) == len(offered_bank.questions)


def test_attempts_finished_without_a_result_are_recorded_once_later(app, offered_bank):
    question = offered_bank.questions[0]
    attempt_id = finished_attempt(app, {question.id: best_option(question)})
    finished_attempt(app, {question.id: best_option(question)}, finished=False)
    with app.app_context():
        assert finished_results.record_missing() == 1
        assert finished_results.record_missing() == 0
    assert list(stored(app)) == [attempt_id]
    assert item_rows(app) == 1

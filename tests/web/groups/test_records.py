"""Each finished attempt's scores are stored once: when it is finished, or - for attempts
finished before (or whose storing failed) - the first time a dashboard needs them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quiz.domain.question_types import BY_NAME
from quiz.domain.results.steps import step_gains
from quiz.domain.scoring import score
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import results as finished_results
from quiz.web.report.build import attempt_report
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


def middling_answer(question) -> list[str]:
    """Option ids worth some but not all of a question's points: a ranking in an order of its
    own (its first item last), every response rated 2, a choice's second option, every other
    checklist item."""
    ids = [o.id for o in question.options if not o.none]
    if question.type == "ranking":
        return ids[1:] + ids[:1]
    if question.kind.rating_levels:  # every response rated "not a good idea": off the key for most
        return [f"{i}:2" for i in ids]
    return ids[::2] if question.kind.multiple else [ids[1]]


@pytest.mark.parametrize("kind", list(BY_NAME))
def test_a_result_recorded_later_equals_the_takers_report(app, offered_bank, kind):
    """A finish killed after its commit leaves an attempt without a result; the result recorded
    later holds the numbers of the taker's report, answer order included (issue 20)."""
    questions = [q for q in offered_bank.questions if q.type == kind]
    attempt_id = finished_attempt(app, {q.id: middling_answer(q) for q in questions},
                                  question_ids={q.id for q in questions})
    with app.app_context():
        assert finished_results.record_missing() == 1
        report = attempt_report(db.session.get(models.Attempt, attempt_id)).report
        result = db.session.get(models.AttemptResult, attempt_id)
        items = {i.question_id: i.fraction for i in db.session.scalars(select(models.AttemptItem))}
    assert result.area_scores == pytest.approx(report.scores())
    assert result.overall == pytest.approx(report.overall)
    assert result.next_steps == pytest.approx(step_gains(report))
    assert items == pytest.approx({r.question.id: r.fraction for a in report.areas for r in a.results})
    assert 0 < report.overall < 100  # answers that tell orders and sets apart

"""Each finished attempt's scores, stored once: a finished attempt never changes, so the group
dashboards and the population's facilities read these rows instead of scoring every attempt
(about half a millisecond each) on every page view."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.domain.bank.plain import Bank
from quiz.domain.results.steps import step_gains
from quiz.domain.scoring import score
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store


def _rows(attempt_id: int, bank: Bank, selections: dict[str, tuple[str, ...]]) -> list:
    report = score(bank, selections)
    items = [models.AttemptItem(attempt_id=attempt_id, question_id=r.question.id, fraction=r.fraction)
             for area in report.areas for r in area.results]
    # Scored without area norms, as the report is while `statistics.norms.area_norms` gives none;
    # pass the same norms here once it does, so retakes are judged with the report's errors.
    errors = {a.area.key: a.estimate.se for a in report.areas if a.estimate is not None}
    return [models.AttemptResult(attempt_id=attempt_id, area_scores=report.scores(), area_errors=errors,
                                 overall=report.overall, next_steps=step_gains(report)), *items]


def record(attempt: models.Attempt) -> None:
    """Store a finished attempt's result; calling it again changes nothing."""
    if not attempt.finished or db.session.get(models.AttemptResult, attempt.id):
        return
    db.session.add_all(_rows(attempt.id, bank_store.attempt_bank(attempt), attempt.selections()))
    _commit()


def record_missing() -> int:
    """Store the result of every finished attempt that has none - attempts finished before
    results were stored, or whose storing failed - so the facility over everyone counts
    them all. Returns how many."""
    query = (select(models.Attempt.id, models.Attempt.version_ids)
             .outerjoin(models.AttemptResult)
             .where(models.Attempt.finished_at.is_not(None), models.AttemptResult.attempt_id.is_(None)))
    missing = db.session.execute(query).all()
    if not missing:
        return 0
    # As stored, like `Attempt.selections`: for some types the order is the answer.
    selections = models.selections_by_attempt(models.Attempt.id.in_([a for a, _ in missing]))
    catalog = bank_store.current_bank()
    for attempt_id, version_ids in missing:
        db.session.add_all(_rows(attempt_id, bank_store.bank_as_taken(catalog, version_ids),
                                 selections.get(attempt_id, {})))
    _commit()
    return len(missing)


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError:  # another request stored the same result at the same moment
        db.session.rollback()

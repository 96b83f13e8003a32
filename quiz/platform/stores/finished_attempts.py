"""Finished attempts as plain data, for the statistics page and the CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quiz.domain.bank.plain import Bank
from quiz.domain.scoring import STANDING_PARTS
from quiz.domain.statistics import items as stats
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store


@dataclass(frozen=True)
class FinishedAttempt:
    id: int
    previous_id: int | None
    finished_at: datetime
    bank: Bank  # the bank exactly as this attempt was taken
    selections: dict[str, tuple[str, ...]]  # in the stored order (some types keep the order)


def finished_attempts(catalog: Bank) -> list[FinishedAttempt]:
    """Every finished attempt, oldest first. `catalog` supplies the areas, topics, resources
    and next steps (loaded once, not once per attempt)."""
    finished = models.Attempt.finished_at.is_not(None)
    selections = models.selections_by_attempt(finished)
    rows = db.session.scalars(select(models.Attempt).where(finished)
                              .order_by(models.Attempt.finished_at, models.Attempt.id))
    return [FinishedAttempt(a.id, a.previous_id, a.finished_at, bank_store.bank_as_taken(catalog, a.version_ids),
                            selections.get(a.id, {}))
            for a in rows]


def _answers(finished: list[FinishedAttempt]) -> list[stats.AttemptAnswers]:
    answers = []
    for attempt in finished:
        questions = {q.id: q for q in attempt.bank.questions}
        answers.append(stats.AttemptAnswers(
            {qid: stats.item_response(questions[qid], questions[qid].scored_answer(chosen))
             for qid, chosen in attempt.selections.items()
             if qid in questions and questions[qid].scored_answer(chosen)},
            retake=attempt.previous_id is not None))
    return answers


def _old_option_labels(finished: list[FinishedAttempt]) -> dict[str, dict[str, str]]:
    """Option texts from every version the attempts answered, so options since removed
    still have a name."""
    versions = {q.version_id: q for attempt in finished for q in attempt.bank.questions}
    labels: dict[str, dict[str, str]] = {}
    for question in versions.values():
        for option in question.options:
            labels.setdefault(question.id, {}).setdefault(option.id, option.text)
    return labels


def compute_statistics(bank: Bank) -> stats.Statistics:
    """The statistics of `bank` (the current one, retired questions included) over every
    finished first attempt. Heavy: the statistics page reads them stored (`snapshot`)."""
    finished = finished_attempts(bank)
    return stats.analyse([a.key for a in bank.areas], bank.questions, _answers(finished),
                         _old_option_labels(finished), part_roles=STANDING_PARTS)


def answer_counts() -> dict[str, int]:
    """Answers stored per question id, over every attempt, finished or not."""
    rows = db.session.execute(select(models.Answer.question_id, db.func.count())
                              .group_by(models.Answer.question_id))
    return {key: count for key, count in rows}


def answers_per_version(question_id: str) -> dict[int, int]:
    """Answers stored per version of one question."""
    rows = db.session.execute(select(models.Answer.version_id, db.func.count())
                              .where(models.Answer.question_id == question_id)
                              .group_by(models.Answer.version_id))
    return {key: count for key, count in rows}

"""CSV export of finished attempts: one row per attempt.

Columns: attempt, previous_attempt (for retakes), finished_at (UTC), score_<area> for each
area and overall (0-100, as the report shows them; empty where nothing was answered), then
two columns per question: its id, holding the chosen option ids separated by ';' (in the
taker's order where the question's type keeps one; empty when the question was skipped or was
not in the bank when the attempt was taken), and "<id> (text)", the same options' texts as the
taker read them.

No attempt token is written: those are the takers' private links.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question
from quiz.domain.scoring import score
from quiz.platform import safe_csv
from quiz.platform.stores.finished_attempts import FinishedAttempt

SEPARATOR = ";"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def header(bank: Bank) -> list[str]:
    return ["attempt", "previous_attempt", "finished_at"] + score_and_answer_header(bank)


def score_and_answer_header(bank: Bank) -> list[str]:
    return ([f"score_{a.key}" for a in bank.areas] + ["overall"]
            + [column for q in bank.questions for column in (q.id, f"{q.id} (text)")])


def row(bank: Bank, attempt: FinishedAttempt) -> list[str]:
    report = score(attempt.bank, attempt.selections)
    scores = report.scores()
    answered = {q.id: q for q in attempt.bank.questions}  # the versions this attempt answered
    return ([str(attempt.id), str(attempt.previous_id or ""),
             attempt.finished_at.isoformat(timespec="seconds") + "Z"]
            + score_cells(bank, scores, report.overall) + answer_cells(bank, answered, attempt.selections))


def score_cells(bank: Bank, scores: Mapping[str, float | None], overall: float | None) -> list[str]:
    return [_number(scores.get(a.key)) for a in bank.areas] + [_number(overall)]


def answer_cells(bank: Bank, answered: dict[str, Question], selections: dict[str, Sequence[str]]) -> list[str]:
    """Per question of `bank`: the chosen option ids, then their texts in the version answered."""
    cells = []
    for question in bank.questions:
        chosen = selections.get(question.id, ())
        version = answered.get(question.id)
        cells += [SEPARATOR.join(chosen), version.chosen_texts(chosen) if version else ""]
    return cells


def attempts_csv(bank: Bank, finished: list[FinishedAttempt]) -> str:
    out = io.StringIO()
    writer = safe_csv.Writer(out, lineterminator="\r\n")
    writer.writerow(header(bank))
    for attempt in finished:
        writer.writerow(row(bank, attempt))
    return out.getvalue()

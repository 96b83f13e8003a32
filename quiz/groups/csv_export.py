"""CSV of a group's finished attempts: one row per attempt.

Columns: attempt, display_name (empty for anonymous takers), previous_attempt (for retakes),
finished_at (UTC), score_<area> for each area and overall (0-100, as stored when the attempt
was finished; empty where nothing was answered), then one column per question id holding the
chosen option ids separated by ';'.

No attempt token or resume code is written: those are the takers' private links. Every cell
that a spreadsheet would read as a formula is defused (`quiz.safe_csv`).
"""

from __future__ import annotations

import io

from sqlalchemy import func, select

from .. import finished_results, models, safe_csv
from ..bank.plain import Bank
from ..extensions import db
from .dashboard import latest_in_group

SEPARATOR = ";"
def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def taker_count(group: models.Group) -> int:
    """Finished takers, each counted once however often they retook the quiz."""
    return db.session.scalar(select(func.count()).select_from(models.Attempt)
                             .where(latest_in_group(group.id)))


def group_csv(group: models.Group, bank: Bank) -> str:
    finished_results.record_missing()
    finished = (models.Attempt.group_id == group.id) & models.Attempt.finished_at.is_not(None)
    attempts = db.session.execute(
        select(models.Attempt.id, models.Attempt.display_name, models.Attempt.previous_id,
               models.Attempt.finished_at, models.AttemptResult.area_scores, models.AttemptResult.overall)
        .join(models.AttemptResult).where(finished)
        .order_by(models.Attempt.finished_at, models.Attempt.id)).all()
    chosen: dict[int, dict[str, list[str]]] = {}
    for attempt_id, question_id, option_ids in db.session.execute(
            select(models.Answer.attempt_id, models.Answer.question_id, models.Answer.option_ids)
            .join(models.Attempt).where(finished)):
        chosen.setdefault(attempt_id, {})[question_id] = option_ids
    out = io.StringIO()
    writer = safe_csv.Writer(out, lineterminator="\r\n")
    writer.writerow(["attempt", "display_name", "previous_attempt", "finished_at"]
                    + [f"score_{a.key}" for a in bank.areas] + ["overall"]
                    + [q.id for q in bank.questions])
    for attempt_id, name, previous_id, finished_at, scores, overall in attempts:
        answers = chosen.get(attempt_id, {})
        writer.writerow([str(attempt_id), name or "", str(previous_id or ""),
                         finished_at.isoformat(timespec="seconds") + "Z"]
                        + [_number(scores.get(a.key)) for a in bank.areas] + [_number(overall)]
                        + [SEPARATOR.join(answers.get(q.id, ())) for q in bank.questions])  # stored order
    return out.getvalue()

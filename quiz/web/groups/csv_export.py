"""CSV of a group's finished attempts: one row per attempt.

Columns: attempt, display_name (empty for anonymous takers), previous_attempt (for retakes),
finished_at (UTC), score_<area> for each area and overall (0-100, as stored when the attempt
was finished; empty where nothing was answered), then per question its chosen option ids
separated by ';' and, in "<id> (text)", their texts in the version the taker answered.

No attempt token or resume code is written: those are the takers' private links. Every cell
that a spreadsheet would read as a formula is defused, and the file starts with a UTF-8 byte order
mark (`quiz.platform.safe_csv`). Two header rows, names then ids, and no columns for a retired
question nobody here answered, as in `quiz.platform.attempt_csv`.
"""

from __future__ import annotations

from sqlalchemy import func, select

from quiz.domain.bank.plain import Bank
from quiz.platform import models, safe_csv
from quiz.platform.attempt_csv import answer_cells, headers, in_columns, score_cells
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import results as finished_results
from quiz.web.groups.dashboard import latest_in_group


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
    answered: dict[int, dict[str, int]] = {}  # attempt -> question id -> version answered
    for attempt_id, question_id, version_id, option_ids in db.session.execute(
            select(models.Answer.attempt_id, models.Answer.question_id, models.Answer.version_id,
                   models.Answer.option_ids).join(models.Attempt).where(finished)):
        chosen.setdefault(attempt_id, {})[question_id] = option_ids
        answered.setdefault(attempt_id, {})[question_id] = version_id
    version_ids = sorted({v for versions_answered in answered.values() for v in versions_answered.values()})
    versions = dict(zip(version_ids, bank_store.versions(version_ids)))
    columns = in_columns(bank, (qid for options in chosen.values() for qid, picked in options.items() if picked))
    rows = headers(["attempt", "display_name", "previous_attempt", "finished_at"], bank, columns)
    for attempt_id, name, previous_id, finished_at, scores, overall in attempts:
        questions = {qid: versions[v] for qid, v in answered.get(attempt_id, {}).items()}
        rows.append([str(attempt_id), name or "", str(previous_id or ""),
                     finished_at.isoformat(timespec="seconds") + "Z"]
                    + score_cells(bank, scores, overall)
                    + answer_cells(columns, questions, chosen.get(attempt_id, {})))  # stored order
    return safe_csv.for_spreadsheets(rows)

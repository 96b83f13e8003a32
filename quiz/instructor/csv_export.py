"""CSV export of finished attempts: one row per attempt.

Columns: attempt, previous_attempt (for retakes), finished_at (UTC), score_<area> for each
area and overall (0-100, as the report shows them; empty where nothing was answered), then
one column per question id holding the chosen option ids separated by ';' (in the taker's
order where the question's type keeps one; empty when the question was skipped or was not
in the bank when the attempt was taken).

No attempt token is written: those are the takers' private links.
"""

from __future__ import annotations

import io

from .. import safe_csv
from ..bank.plain import Bank
from ..scoring import score
from .results import FinishedAttempt

SEPARATOR = ";"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def header(bank: Bank) -> list[str]:
    return (["attempt", "previous_attempt", "finished_at"]
            + [f"score_{a.key}" for a in bank.areas] + ["overall"]
            + [q.id for q in bank.questions])


def row(bank: Bank, attempt: FinishedAttempt) -> list[str]:
    report = score(attempt.bank, attempt.selections)
    scores = report.scores()
    return ([str(attempt.id), str(attempt.previous_id or ""),
             attempt.finished_at.isoformat(timespec="seconds") + "Z"]
            + [_number(scores.get(a.key)) for a in bank.areas] + [_number(report.overall)]
            + [SEPARATOR.join(attempt.selections.get(q.id, ())) for q in bank.questions])


def attempts_csv(bank: Bank, finished: list[FinishedAttempt]) -> str:
    out = io.StringIO()
    writer = safe_csv.Writer(out, lineterminator="\r\n")
    writer.writerow(header(bank))
    for attempt in finished:
        writer.writerow(row(bank, attempt))
    return out.getvalue()

"""What every view of a report link needs before anything else, in one cheap read: whether the
attempt exists and is finished, and which catalog revision its report is made with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from .. import models
from ..bank import store as bank_store
from ..database import DriverStatement, driver_cursor
from ..extensions import db
from ..tokens import TOKEN_PATTERN

_FINISHED_AND_REVISION = DriverStatement(
    select(models.Attempt.finished_at.is_not(None), bank_store.REVISION_NUMBER)
    .where(models.Attempt.token == bindparam("token")))


@dataclass(frozen=True)
class ReportLink:
    finished: bool
    # As quiz.bank.store.revision() gives it: the database and its catalog revision number.
    revision: tuple[str, int]


def report_link(token: str) -> ReportLink | None:
    """None for a token no attempt has."""
    if not TOKEN_PATTERN.match(token):
        return None
    # Straight through the driver: a tenth of the cost of the ORM's two queries (the
    # attempt, the revision); a finished report needs nothing else.
    engine = db.engine
    with driver_cursor(engine) as cursor:
        _FINISHED_AND_REVISION.execute(cursor, engine.dialect, {"token": token})
        row = cursor.fetchone()
    if row is None:
        return None
    finished, number = row
    return ReportLink(bool(finished), (str(engine.url), number or 0))

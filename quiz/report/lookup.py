"""What every view of a report link needs before anything else, in one cheap read: whether the
attempt exists and is finished, and which catalog revision its report is made with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from .. import models
from ..attempts import TOKEN_PATTERN
from ..extensions import db

_FINISHED_AND_REVISION = select(
    models.Attempt.finished_at.is_not(None),
    select(models.BankRevision.number).where(models.BankRevision.id == 1).scalar_subquery(),
).where(models.Attempt.token == bindparam("token"))


@dataclass(frozen=True)
class ReportLink:
    finished: bool
    # As quiz.bank_records.revision() gives it: the database and its catalog revision number.
    revision: tuple[str, int]


def report_link(token: str) -> ReportLink | None:
    """None for a token no attempt has."""
    if not TOKEN_PATTERN.match(token):
        return None
    # A Core statement on a pooled connection of its own costs a tenth of the ORM's two queries
    # (the attempt, the revision), and a finished report needs nothing else from the database.
    with db.engine.connect() as connection:
        row = connection.execute(_FINISHED_AND_REVISION, {"token": token}).first()
    if row is None:
        return None
    finished, number = row
    return ReportLink(bool(finished), (str(db.engine.url), number or 0))

"""What every view of a report link needs before anything else, in one cheap read: whether the
attempt exists and is finished, and which catalog revision its report is made with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from quiz.platform import models, reads
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores.attempts import TOKEN_PATTERN

_attempts = models.Attempt.__table__
_FINISHED_AND_REVISION = (select(_attempts.c.finished_at.is_not(None), bank_store.REVISION_NUMBER,
                                 _attempts.c.resume_code)
                          .where(_attempts.c.token == bindparam("token")))


@dataclass(frozen=True)
class ReportLink:
    finished: bool
    # As quiz.bank.store.revision() gives it: the database and its catalog revision number.
    revision: tuple[str, int]
    resume_code: str  # the short code that opens the report from the start page


def report_link(token: str) -> ReportLink | None:
    """None for a token no attempt has."""
    if not TOKEN_PATTERN.match(token):
        return None
    # One Core query instead of the ORM's two (the attempt, the revision): a finished report
    # needs nothing else.
    with reads.reader() as reader:
        found = reader.execute(_FINISHED_AND_REVISION, {"token": token}).first()
    if found is None:
        return None
    finished, number, code = found
    return ReportLink(bool(finished), (bank_store.database(), number or 0), code)

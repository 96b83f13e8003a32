"""What every view of a report link needs before anything else, in one cheap read: whether the
attempt exists and is finished, and which catalog revision its report is made with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, literal_column, select
from sqlalchemy.engine import Dialect

from .. import models
from ..attempts import TOKEN_PATTERN
from ..caches import LRUCache
from ..extensions import db

_FINISHED_AND_REVISION = select(
    models.Attempt.finished_at.is_not(None),
    select(models.BankRevision.number).where(models.BankRevision.id == literal_column("1"))
    .scalar_subquery(),
).where(models.Attempt.token == bindparam("token"))
# The statement as each database's driver takes it (SQLite's "?" or psycopg's "%(token)s"),
# with the token its one parameter.
_sql: LRUCache[str, str] = LRUCache(max_size=4)


@dataclass(frozen=True)
class ReportLink:
    finished: bool
    # As quiz.bank_records.revision() gives it: the database and its catalog revision number.
    revision: tuple[str, int]


def _driver_sql(dialect: Dialect) -> str:
    return _sql.get_or_compute(dialect.name, lambda: str(_FINISHED_AND_REVISION.compile(dialect=dialect)))


def report_link(token: str) -> ReportLink | None:
    """None for a token no attempt has."""
    if not TOKEN_PATTERN.match(token):
        return None
    # Straight through the driver, on a pooled connection of its own: a tenth of the cost of
    # the ORM's two queries (the attempt, the revision); a finished report needs nothing else.
    engine = db.engine
    positional = engine.dialect.paramstyle in ("qmark", "format", "numeric")
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(_driver_sql(engine.dialect), (token,) if positional else {"token": token})
        row = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()  # back to the pool, rolled back
    if row is None:
        return None
    finished, number = row
    return ReportLink(bool(finished), (str(engine.url), number or 0))

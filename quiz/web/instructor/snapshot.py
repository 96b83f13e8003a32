"""The statistics page's figures, stored: recomputed by the page view that finds them out of date
(an attempt finished since, or the bank changed) or by `flask --app quiz stats refresh`, and
read from the database by every other view.

Why on view, not on finish: finishing is the takers' hot path and happens far more often than an
instructor looks; a view that finds the figures current costs two small queries."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime

from sqlalchemy import delete, func, select

from quiz.domain.bank.plain import Bank
from quiz.domain.statistics import items as stats
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import finished_attempts as results


@dataclasses.dataclass(frozen=True)
class Snapshot:
    figures: stats.Statistics
    computed_at: datetime  # UTC


def finished_attempts() -> int:
    """First attempts and retakes: the figures count both (retakes apart)."""
    return db.session.scalar(select(func.count()).select_from(models.Attempt).where(
        models.Attempt.finished_at.is_not(None)))


def bank_key(bank: Bank) -> str:
    """A digest of the question versions and retired flags: figures computed for another
    state of the bank are recomputed."""
    state = ";".join(f"{q.id}:{q.version_id}:{int(q.retired)}" for q in bank.questions)
    return hashlib.sha256(state.encode()).hexdigest()


def _latest() -> models.StatisticsSnapshot | None:
    return db.session.scalar(select(models.StatisticsSnapshot)
                             .order_by(models.StatisticsSnapshot.id.desc()).limit(1))


def _load_items(data: list[dict]) -> list[stats.ItemStats]:
    return [stats.ItemStats(**{
        **i, "discrimination_interval": stats.interval_from(i["discrimination_interval"]),
        "options": tuple(stats.OptionStats(**{**o, "rest_interval": stats.interval_from(o["rest_interval"])})
                         for o in i["options"])}) for i in data]


def _figures(row: models.StatisticsSnapshot) -> stats.Statistics:
    return stats.Statistics(row.first_attempts, row.retakes, tuple(_load_items(row.items)),
                            tuple(stats.load_areas(row.areas)))


def refresh(bank: Bank) -> Snapshot:
    """Compute the figures now and store them in place of the old ones."""
    figures = results.compute_statistics(bank)
    row = models.StatisticsSnapshot(
        first_attempts=figures.first_attempts, retakes=figures.retakes, bank_key=bank_key(bank),
        areas=[dataclasses.asdict(a) for a in figures.areas],
        items=[dataclasses.asdict(i) for i in figures.items])
    db.session.add(row)
    db.session.flush()
    # Older rows only: another process storing its figures at the same moment keeps the newest.
    db.session.execute(delete(models.StatisticsSnapshot).where(models.StatisticsSnapshot.id < row.id))
    bank_store.bump_revision()  # reports read their area norms from these figures
    db.session.commit()
    return Snapshot(figures, row.computed_at)


def current(bank: Bank) -> Snapshot:
    """The stored figures, recomputed first when they are out of date: an attempt finished since, the bank changed, or they were stored by an older version of this code in a shape it
    no longer reads."""
    row = _latest()
    if row is None or row.bank_key != bank_key(bank) or row.first_attempts + row.retakes != finished_attempts():
        return refresh(bank)
    try:
        return Snapshot(_figures(row), row.computed_at)
    except (TypeError, KeyError):
        return refresh(bank)

"""The item statistics last stored (by `instructor.snapshot`), read for the taker's report:
its area norms come from them, without the report depending on the instructor pages."""

from __future__ import annotations

from sqlalchemy import select

from quiz.domain.statistics.items import AreaStats, load_areas
from quiz.platform import models
from quiz.platform.extensions import db


def latest_areas() -> list[AreaStats]:
    """The per-area figures last stored (never computed here); empty before the first time."""
    data = db.session.scalar(select(models.StatisticsSnapshot.areas)
                             .order_by(models.StatisticsSnapshot.id.desc()).limit(1))
    try:
        return load_areas(data or [])
    except (TypeError, KeyError):
        return []

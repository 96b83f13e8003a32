"""Throttles for guessing: at most so many counted tries per bucket (an email, a client
address) per minute, counted in the database so every app process agrees.

A try takes its slot before the slow or secret-revealing work (a password hash check, a
resume code lookup) and the database orders the slots, so any number of parallel requests
get at most `allowed` tries through: the ones after are refused, never counted twice.
A try that turns out fine (the right password, a code that exists) gives its slot back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import delete, func, select, text

from quiz.platform.extensions import db
from quiz.platform.models import ThrottleSlot, utcnow

WINDOW = timedelta(minutes=1)
KEPT = 10 * WINDOW  # older slots are of no use; they are deleted as new ones come
# PostgreSQL: one transaction-scoped advisory lock serialises taking slots (SQLite needs
# none, its write lock does it), so each count sees every slot taken before it.
_PG_LOCK = text("SELECT pg_advisory_xact_lock(7036428913)")


T = TypeVar("T")


def take_slots(buckets: list[str], allowed: int) -> list[int] | None:
    """Count one try against every bucket and return the slots' ids; or None, counting
    nothing, when any bucket already had `allowed` tries within the window."""
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_PG_LOCK)
    slots = [ThrottleSlot(bucket=bucket) for bucket in buckets]
    session.add_all(slots)
    session.flush()  # on SQLite the INSERT takes the write lock until commit or rollback
    now = utcnow()
    busiest = session.scalar(
        select(func.count()).where(ThrottleSlot.bucket.in_(buckets),
                                   ThrottleSlot.taken_at >= now - WINDOW,
                                   ThrottleSlot.id <= max(slot.id for slot in slots))
        .group_by(ThrottleSlot.bucket).order_by(func.count().desc()).limit(1))
    if busiest > allowed:
        session.rollback()
        return None
    session.execute(delete(ThrottleSlot).where(ThrottleSlot.taken_at < now - KEPT))
    session.commit()
    return [slot.id for slot in slots]


def give_back(slot_ids: list[int]) -> None:
    db.session.execute(delete(ThrottleSlot).where(ThrottleSlot.id.in_(slot_ids)))
    db.session.commit()


def look_up_code(bucket: str, allowed: int, find: Callable[[], T | None]) -> tuple[T | None, int]:
    """A typed code looked up with its wrong tries limited per `bucket` (a client): `find()`'s
    result and 200, or None and the status of the miss: 429 when the bucket has had `allowed`
    wrong tries within the window (`find` is not called), 404 when `find` finds nothing (a
    wrong try, counted). A code that is found gives its try back: only wrong codes count."""
    slots = take_slots([bucket], allowed)
    if slots is None:
        return None, 429
    found = find()
    if found is None:
        return None, 404
    give_back(slots)
    return found, 200

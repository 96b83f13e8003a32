"""Failed sign-in throttling, counted in the database so every app process agrees."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, or_, select

from ..extensions import db
from ..models import LoginFailure, utcnow

WINDOW = timedelta(minutes=1)


def too_many_failures(email: str, address: str, allowed: int) -> bool:
    since = utcnow() - WINDOW
    by_email, by_address = db.session.execute(
        select(func.count().filter(LoginFailure.email == email),
               func.count().filter(LoginFailure.address == address))
        .where(LoginFailure.at >= since)
        .where(or_(LoginFailure.email == email, LoginFailure.address == address))
    ).one()
    return by_email >= allowed or by_address >= allowed


def record_failure(email: str, address: str) -> None:
    db.session.add(LoginFailure(email=email, address=address))
    # Old rows are of no use; keep the table small.
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - 10 * WINDOW))
    db.session.commit()

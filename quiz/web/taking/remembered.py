"""The attempt this browser last started or resumed, remembered in Flask's signed session
cookie, so the start page can offer to continue it. The cookie lasts as long as the browser's
session: on a shared computer the next person does not get the link."""

from __future__ import annotations

from flask import session
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores.attempts import TOKEN_PATTERN

SESSION_KEY = "attempt"


def remember(token: str) -> None:
    if session.get(SESSION_KEY) != token:  # an unchanged session is not sent again
        session[SESSION_KEY] = token


def unfinished_attempt() -> models.Attempt | None:
    """The attempt this browser remembers, if it is still being taken."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        return None
    return db.session.scalar(select(models.Attempt).where(models.Attempt.token == token,
                                                          models.Attempt.finished_at.is_(None)))

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


def _attempt(finished: bool) -> models.Attempt | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        return None
    done = models.Attempt.finished_at.is_not(None) if finished else models.Attempt.finished_at.is_(None)
    return db.session.scalar(select(models.Attempt).where(models.Attempt.token == token, done))


def unfinished_attempt() -> models.Attempt | None:
    """The attempt this browser remembers, if it is still being taken."""
    return _attempt(finished=False)


def finished_attempt() -> models.Attempt | None:
    """The attempt this browser remembers, once it is finished: its report is offered."""
    return _attempt(finished=True)

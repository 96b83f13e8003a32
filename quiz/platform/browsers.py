"""The browser a request comes from, and the attempt it remembers: the one last started or
resumed in it, which the start page offers to continue. The session cookie (signed, not
encrypted, readable by anyone at a shared computer) holds no token, only a random id for the
browser (`SESSION_KEY`), which the attempt records on the server (`Attempt.browser_id`). A
browser remembers one attempt at a time, finished or not, until it starts or resumes another
or is forgotten ("Forget this browser"); the attempt itself stays on its link and code. The
start page offers to continue an unfinished one, and the report of a finished one.
"""

from __future__ import annotations

import secrets

from flask import session
from sqlalchemy import select, update

from quiz.platform import models
from quiz.platform.extensions import db

SESSION_KEY = "browser"
LEGACY_KEY = "attempt"  # the token itself, as cookies set before issue 32 hold it
ID_LENGTH = 22  # secrets.token_urlsafe(16): 128 random bits


def _browser_id() -> str | None:
    browser_id = session.get(SESSION_KEY)
    return browser_id if isinstance(browser_id, str) and len(browser_id) == ID_LENGTH else None


def remember(attempt: models.Attempt) -> None:
    """Make `attempt` the one this browser offers to continue, and no other."""
    session.pop(LEGACY_KEY, None)
    browser_id = _browser_id()
    if browser_id is None:
        browser_id = session[SESSION_KEY] = secrets.token_urlsafe(16)
    elif attempt.browser_id == browser_id:
        return
    _link(models.Attempt.browser_id == browser_id, None)
    _link(models.Attempt.id == attempt.id, browser_id)
    db.session.commit()


def _link(which, browser_id: str | None) -> None:
    """Set the browser of the attempts `which` selects, leaving their updated_at alone (it
    records the taker's last save)."""
    db.session.execute(update(models.Attempt).where(which)
                       .values(browser_id=browser_id, updated_at=models.Attempt.updated_at)
                       .execution_options(synchronize_session=False))


def remembered_attempt() -> models.Attempt | None:
    """The attempt this browser remembers (one at a time: `remember` unlinks the others),
    finished or not."""
    browser_id = _browser_id()
    if browser_id is None:
        return None
    return db.session.scalar(select(models.Attempt).where(models.Attempt.browser_id == browser_id))


def forget() -> None:
    """Unlink every attempt of this browser and drop its id from the cookie."""
    session.pop(LEGACY_KEY, None)
    browser_id = session.pop(SESSION_KEY, None)
    if isinstance(browser_id, str):
        _link(models.Attempt.browser_id == browser_id, None)
        db.session.commit()

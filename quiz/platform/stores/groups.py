"""Groups as the taker meets them: found by join link or code, only while open, and the group
a new attempt joins."""

from __future__ import annotations

from sqlalchemy import select

from quiz.platform import codes, models
from quiz.platform.dates import today
from quiz.platform.extensions import db
from quiz.platform.stores.attempts import TOKEN_PATTERN


def open_group_by_token(token: str | None) -> models.Group | None:
    group = group_by_token(token)
    return group if group and group.is_open(today()) else None


def group_by_token(token: str | None) -> models.Group | None:
    if not token or not TOKEN_PATTERN.match(token):
        return None
    return db.session.scalar(select(models.Group).where(models.Group.join_token == token))


def open_group_by_code(typed: str) -> models.Group | None:
    """The open group with this code; spaces, case and the dash do not matter."""
    if (code := codes.JOIN.normalised(typed)) is None:
        return None
    group = db.session.scalar(select(models.Group).where(models.Group.join_code == code))
    return group if group and group.is_open(today()) else None


def membership(form_token: str | None, previous: models.Attempt | None,
               display_name: str | None) -> dict:
    """The group and display name a new attempt gets: the group joined on the start page or,
    for a retake, the earlier attempt's group while it is still open. Raises GroupClosed when
    the start page's group has closed (or never existed) since the page was shown."""
    if form_token:
        group = open_group_by_token(form_token)
        if group is None:
            raise GroupClosed(form_token)
    elif previous is not None and previous.group is not None and previous.group.is_open(today()):
        group = previous.group
        display_name = display_name or previous.display_name
    else:
        return {}
    return {"group": group, "display_name": (display_name or "").strip() or None}


class GroupClosed(Exception):
    """The group a taker tried to start with is not open (any more)."""

"""The long random tokens in attempt and group links (made by `models.new_token`): their form,
and the attempt a link names. Shared by the taking pages, the report and group joining."""

from __future__ import annotations

import re

from flask import abort
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def get_attempt(token: str) -> models.Attempt:
    if not TOKEN_PATTERN.match(token):
        abort(404)
    attempt = db.session.scalar(select(models.Attempt).where(models.Attempt.token == token))
    if attempt is None:
        abort(404)
    return attempt

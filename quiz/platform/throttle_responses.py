"""The one way a throttled request is answered: 429 with `Retry-After`, the seconds until the
throttle's window has passed, so a client (and a person reading the page) knows when to try
again. Every throttle - start, resume codes, group codes, sign-in - answers through here."""

from __future__ import annotations

from flask import Response, make_response

from quiz.platform.throttle import WINDOW

RETRY_AFTER_SECONDS = int(WINDOW.total_seconds())


def too_many_tries(page) -> Response:
    """`page` - anything a view may return, such as a rendered template or (body, status) -
    as a 429 with Retry-After."""
    response = make_response(page)
    response.status_code = 429
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

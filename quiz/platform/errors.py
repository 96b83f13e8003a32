"""Friendly error pages that say what went wrong and how to carry on."""

from __future__ import annotations

import sqlite3

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

from quiz.platform.extensions import db

MESSAGES = {
    400: ("The form could not be read",
          "Something in what was sent did not match the form. Nothing from it was saved."),
    403: ("Not allowed", "You do not have access to this page."),
    404: ("Page not found",
          "There is nothing here. If you followed a resume or report link, check that it was "
          "copied whole."),
    405: ("Not allowed", "This page cannot be used that way."),
    409: ("Already finished", "This attempt is finished, so its answers can no longer change."),
    413: ("Too much data", "What was sent is larger than this site accepts. Nothing was saved."),
    429: ("Too many tries", "Please wait a minute before trying again."),
    500: ("Something went wrong", "An unexpected error happened on our side. Nothing you "
                                  "saved earlier is lost; please try again."),
    503: ("Not saved: the server is busy",
          "The server was too busy to store what you just sent, so it was NOT saved. "
          "Everything you saved before is safe. Please try again in a moment."),
    507: ("Not saved: the server is out of space",
          "The server's storage is full, so what you just sent was NOT saved. Everything you "
          "saved before is safe. Please try again in a few minutes."),
}
# Failures of a database write that pass: the same request succeeds once they are over.
# SQLite reports them by result code, PostgreSQL by SQLSTATE.
SQLITE_STATUS = {sqlite3.SQLITE_FULL: 507, sqlite3.SQLITE_BUSY: 503}
POSTGRESQL_STATUS = {"53100": 507,  # disk_full
                     # the server shutting down, crashed, or starting up: a restart
                     "57P01": 503, "57P02": 503, "57P03": 503}
RETRY_AFTER_SECONDS = {503: 5, 507: 60}


def render_error(status: int, detail: str | None = None, back_url: str | None = None,
                 resend: list[tuple[str, str]] | None = None):
    """The error page; `resend` fields make a "Try again" button that posts them again."""
    title, message = MESSAGES.get(status, MESSAGES[500])
    if back_url is None and request.method == "POST":
        back_url = request.path  # the page the form came from shows the saved state again
    return render_template("errors/error.html", status=status, title=title, message=message,
                           detail=detail, back_url=back_url, resend=resend), status


def _http_error(error: HTTPException):
    detail = error.description if error.code in (400, 409, 429) and error.description else None
    if detail and detail.startswith("The browser (or proxy)"):  # werkzeug's generic text
        detail = None
    body, status = render_error(error.code or 500, detail)
    # Keep what the error itself says in headers, such as the Allow of a 405.
    return body, status, [h for h in error.get_headers() if h[0] != "Content-Type"]


def _unknown_host(error: SecurityError):
    """A Host the site does not answer to (TRUSTED_HOSTS): no page of this site is built for
    it - without a trusted host there is no URL to build - only a plain line that names none."""
    return "This site does not answer to that address.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}


def _csrf_error(error: CSRFError):
    return render_error(
        400, "The form had expired or was opened in another session, so it was not saved. "
             "Your earlier answers are safe: go back, reload the page and submit again.")


def _passing_failure(error: OperationalError) -> int | None:
    """507 for a full disk, 503 for a database too busy to write; None for anything else."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return SQLITE_STATUS.get(code & 0xFF)  # the primary code, without the extended bits
    sqlstate = getattr(error.orig, "sqlstate", None)
    # No SQLSTATE: the driver could not reach the server, or lost it (a restart); the
    # 08 class is the server's word for the same (connection_exception).
    if error.connection_invalidated or sqlstate is None or sqlstate.startswith("08"):
        return 503
    return POSTGRESQL_STATUS.get(sqlstate)


def _database_error(error: OperationalError):
    status = _passing_failure(error)
    if status is None:
        raise error  # a real fault: Flask logs it and answers 500
    db.session.rollback()
    current_app.logger.error("%s %s not saved: %s", request.method, request.path, error.orig)
    # A form without files is kept on the page, ready to send again; never a password.
    resend = None
    if request.method == "POST" and not request.files:
        resend = [(name, value) for name, value in request.form.items(multi=True)
                  if "password" not in name]
    response = render_error(status, resend=resend)
    return response[0], status, {"Retry-After": str(RETRY_AFTER_SECONDS[status])}


def init_app(app: Flask) -> None:
    app.register_error_handler(OperationalError, _database_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(SecurityError, _unknown_host)
    app.register_error_handler(HTTPException, _http_error)

"""Friendly error pages that say what went wrong and how to carry on."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

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
}


def render_error(status: int, detail: str | None = None, back_url: str | None = None):
    title, message = MESSAGES.get(status, MESSAGES[500])
    if back_url is None and request.method == "POST":
        back_url = request.path  # the page the form came from shows the saved state again
    return render_template("errors/error.html", status=status, title=title, message=message,
                           detail=detail, back_url=back_url), status


def _http_error(error: HTTPException):
    detail = error.description if error.code in (400, 409, 429) and error.description else None
    if detail and detail.startswith("The browser (or proxy)"):  # werkzeug's generic text
        detail = None
    body, status = render_error(error.code or 500, detail)
    # Keep what the error itself says in headers, such as the Allow of a 405.
    return body, status, [h for h in error.get_headers() if h[0] != "Content-Type"]


def _csrf_error(error: CSRFError):
    return render_error(
        400, "The form had expired or was opened in another session, so it was not saved. "
             "Your earlier answers are safe: go back, reload the page and submit again.")


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)

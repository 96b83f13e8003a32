"""Security headers on every response, and the start-up checks for production."""

from __future__ import annotations

import io
import secrets

import click
from flask import Flask, Response, abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Attempt tokens are in URLs: never send them to another site.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

KNOWN_WEAK_KEYS = {"dev", "secret", "changeme", "change-me", "development"}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def refuse_oversize_streamed_body() -> None:
    """Refuse a chunked body (no Content-Length) larger than MAX_CONTENT_LENGTH.

    Werkzeug refuses a too-large Content-Length up front, but a chunked body under gunicorn
    is silently cut off at the limit and the truncated form is then processed. Read such a
    body here, whole, before anything parses it: too large is 413 and nothing is stored;
    otherwise the request goes on as if it had come with a Content-Length."""
    environ = request.environ
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if (limit is None or environ.get("CONTENT_LENGTH")
            or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower()):
        return
    stream, chunks, size = environ["wsgi.input"], [], 0
    while size <= limit:
        chunk = stream.read(min(64 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        abort(413)
    body = b"".join(chunks)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))


def init_app(app: Flask) -> None:
    production = not (app.debug or app.testing)
    key = app.config.get("SECRET_KEY")
    weak = bool(key) and (key in KNOWN_WEAK_KEYS or len(key) < 16)
    # `flask --app quiz bank ...` and other commands have no sessions to sign, so they run
    # without a key; serving in production (gunicorn) does not.
    from_cli = click.get_current_context(silent=True) is not None
    if production and (weak or (not key and not from_cli)):
        raise RuntimeError(
            "SECRET_KEY is missing or too weak. Set SECRET_KEY in the environment "
            "(for example: python -c 'import secrets; print(secrets.token_hex(32))').")
    if not key:
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # this process only
    if not production:
        app.config["SESSION_COOKIE_SECURE"] = False
    app.before_request(refuse_oversize_streamed_body)  # before CSRF or a view reads the form
    app.after_request(add_security_headers)

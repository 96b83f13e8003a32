"""Security headers on every response, a size limit that also holds for chunked bodies, no NUL
character in any text a request brings, and no Referer the CSRF check cannot read."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, request
from flask_wtf.csrf import CSRFError

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",  # the generated clips questions play (/audio/...)
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

# Precomputed once: these go on every response.
HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    # Attempt tokens are in URLs: no Referer ever goes to another site. Same-origin requests
    # keep theirs, which Flask-WTF's CSRF check requires of every POST over HTTPS.
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
# Reports, attempts and instructor pages are private, and a page a future route adds is too:
# nothing but the static files and the generated clips (named by a hash of their bytes, the
# same for everyone) may be stored by a browser or proxy.
PUBLIC_ENDPOINTS = frozenset({"audio.clip"})
PRIVATE_HEADERS = (*HEADERS, ("Cache-Control", "no-store"))
# Sent only over HTTPS, the one place it means something (browsers ignore it over http).
STRICT_TRANSPORT_SECURITY = ("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
_OURS = frozenset(name.lower() for name, _ in (*PRIVATE_HEADERS, STRICT_TRANSPORT_SECURITY))


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    endpoint = request.endpoint or ""
    private = not endpoint.endswith("static") and endpoint not in PUBLIC_ENDPOINTS  # static: the app's and each type's
    ours = PRIVATE_HEADERS if private else HEADERS
    if request.is_secure:  # behind a proxy: from X-Forwarded-Proto, through ProxyFix
        ours = (*ours, STRICT_TRANSPORT_SECURITY)
    present = {name.lower() for name, _ in headers.items()} & _OURS
    if present:  # a header the view set itself is kept, but no Cache-Control on a private page
        if private and "cache-control" in present:
            del headers["Cache-Control"]
            present.discard("cache-control")
        ours = [header for header in ours if header[0].lower() not in present]
    headers.extend(ours)  # in one go: one header at a time costs twice this whole hook
    return response


LARGE_UPLOAD = "_large_upload_bytes"  # set on a view function by `takes_large_uploads`


def takes_large_uploads(limit: int):
    """Lets one view take a body (and form fields) of up to `limit` bytes rather than
    MAX_CONTENT_LENGTH: a file import. Applied below the route decorator."""
    def mark(view):
        setattr(view, LARGE_UPLOAD, limit)
        return view
    return mark


def allow_large_uploads() -> None:
    """Raise this request's size limits for a view marked by `takes_large_uploads`, before
    anything reads the body."""
    view = current_app.view_functions.get(request.endpoint)
    limit = getattr(view, LARGE_UPLOAD, None)
    if limit is not None:
        request.max_content_length = limit
        request.max_form_memory_size = limit


def refuse_oversize_streamed_body() -> None:
    """Refuse a chunked body (no Content-Length) larger than MAX_CONTENT_LENGTH.

    Werkzeug refuses a too-large Content-Length up front, but a chunked body under gunicorn
    is silently cut off at the limit and the truncated form is then processed. Read such a
    body here, whole, before anything parses it: too large is 413 and nothing is stored;
    otherwise the request goes on as if it had come with a Content-Length."""
    environ = request.environ
    limit = request.max_content_length
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


def refuse_unreadable_referer() -> None:
    """Over HTTPS, CSRFProtect compares a form's Referer with the site's origin, and a Referer
    whose port is no number (`https://host:port.evil.example/`) or whose address does not close
    makes that comparison raise ValueError: a 500. Such a Referer is refused first, on the CSRF
    error path (400), the way a Referer from another site is."""
    config = current_app.config
    if not (request.is_secure and request.method in config["WTF_CSRF_METHODS"] and request.referrer):
        return
    try:
        urlsplit(request.referrer).port
    except ValueError:
        raise CSRFError("The referrer header cannot be read.") from None


def init_app(app: Flask) -> None:
    if app.debug or app.testing:
        app.config["SESSION_COOKIE_SECURE"] = False
    app.before_request(allow_large_uploads)  # first: every size check after it uses its limits
    app.before_request(refuse_oversize_streamed_body)  # before CSRF or a view reads the form
    app.before_request(refuse_unreadable_referer)  # before CSRFProtect's check, set up after this
    app.after_request(add_security_headers)

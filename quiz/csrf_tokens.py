"""The CSRF token on every page, signed once a minute per session instead of on every page,
and its signature checked once instead of on every post.

Flask-WTF signs the session's raw token with a timestamp each time a page asks for it (two
HMACs and a serializer made afresh). The signed token for a (key, raw token) pair is kept
for REUSE_SECONDS and handed out again: it is still bound to its session (the raw token is
in it, and CSRFProtect compares it with the session's) and still expires, at most
REUSE_SECONDS earlier than one signed on the spot.

So the same signed token comes back post after post, and Flask-WTF checks its signature each
time. Once it has passed that check, `validate_csrf` remembers what is in it - when it was
signed and the raw token - and later checks only what can change: its age and the session.
"""

from __future__ import annotations

import hmac
import time

import flask_wtf.csrf
from flask import Flask, current_app, session
from flask_wtf.csrf import generate_csrf
from itsdangerous.encoding import base64_decode, bytes_to_int
from wtforms import ValidationError

from .caches import LRUCache

# Flask-WTF's own check, kept before init_app puts ours in its place.
_check_in_full = flask_wtf.csrf.validate_csrf

REUSE_SECONDS = 60
# (signing key, the session's raw token) -> (when it was signed, the signed token)
_signed: LRUCache[tuple[str, str], tuple[float, str]] = LRUCache(max_size=4096)


def _signing_key() -> str:
    """The key Flask-WTF signs CSRF tokens with, as it chooses it."""
    return current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key


def csrf_token() -> str:
    config = current_app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    key = _signing_key()
    now = time.monotonic()
    raw = session.get(field)
    if raw is not None and (kept := _signed.get((key, raw))) and now - kept[0] < REUSE_SECONDS:
        return kept[1]
    token = generate_csrf()  # puts a raw token in the session if it has none yet
    _signed.put((key, session[field]), (now, token))
    return token


# (signing key, signed token) -> (when it was signed, the raw token in it), for tokens whose
# signature has been checked.
_verified: LRUCache[tuple[str, str], tuple[int, str]] = LRUCache(max_size=4096)


def validate_csrf(data, secret_key=None, time_limit=None, token_key=None) -> None:
    """Flask-WTF's `validate_csrf`, with the same errors; a token whose signature has been
    checked before is checked only for its age and against the session's raw token."""
    config = current_app.config
    key = secret_key or _signing_key()
    field = token_key or config["WTF_CSRF_FIELD_NAME"]  # CSRFProtect sets its defaults
    known = _verified.get((key, data)) if data else None
    if known is None:
        _check_in_full(data, secret_key, time_limit, token_key)  # raises if it is not valid
        timestamp = data.rsplit(".", 2)[1]  # the token is "payload.timestamp.signature"
        _verified.put((key, data), (bytes_to_int(base64_decode(timestamp)), session[field]))
        return
    signed_at, raw = known
    limit = time_limit or config["WTF_CSRF_TIME_LIMIT"]
    if limit is not None and int(time.time()) - signed_at > limit:  # as itsdangerous counts age
        raise ValidationError("The CSRF token has expired.")
    if field not in session:
        raise ValidationError("The CSRF session token is missing.")
    if not hmac.compare_digest(session[field], raw):
        raise ValidationError("The CSRF tokens do not match.")


def init_app(app: Flask) -> None:
    """After CSRFProtect's init_app: its context processor sets `csrf_token` for every template,
    so only a processor registered later replaces it; the global serves imported macros."""
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
    # CSRFProtect.protect() and FlaskForm both call the module's validate_csrf by name.
    flask_wtf.csrf.validate_csrf = validate_csrf

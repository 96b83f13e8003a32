"""The CSRF token on every page, signed once a minute per session instead of on every page.

Flask-WTF signs the session's raw token with a timestamp each time a page asks for it (two
HMACs and a serializer made afresh). The signed token for a (key, raw token) pair is kept
for REUSE_SECONDS and handed out again: it is still bound to its session (the raw token is
in it, and CSRFProtect compares it with the session's) and still expires, at most
REUSE_SECONDS earlier than one signed on the spot.
"""

from __future__ import annotations

import time

from flask import Flask, current_app, session
from flask_wtf.csrf import generate_csrf

from .caches import LRUCache

REUSE_SECONDS = 60
# (signing key, the session's raw token) -> (when it was signed, the signed token)
_signed: LRUCache[tuple[str, str], tuple[float, str]] = LRUCache(max_size=4096)


def csrf_token() -> str:
    config = current_app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    key = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    now = time.monotonic()
    raw = session.get(field)
    if raw is not None and (kept := _signed.get((key, raw))) and now - kept[0] < REUSE_SECONDS:
        return kept[1]
    token = generate_csrf()  # puts a raw token in the session if it has none yet
    _signed.put((key, session[field]), (now, token))
    return token


def init_app(app: Flask) -> None:
    """After CSRFProtect's init_app: its context processor sets `csrf_token` for every template,
    so only a processor registered later replaces it; the global serves imported macros."""
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})

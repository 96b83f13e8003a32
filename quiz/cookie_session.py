"""Flask's signed cookie session, without the work Flask repeats on every request.

Flask makes a new signing serializer for every request (itsdangerous even serializes an
empty dict each time, to learn whether the serializer makes text), then checks the cookie's
signature again, though a browser sends back the same cookie request after request. Here the
serializer is made once per set of keys, and a cookie whose signature was checked is
remembered: next time only its payload is decoded and its age compared with the session's
lifetime. Only cookies signed with the app's keys are remembered; the cookie itself is the
lookup key, so a changed byte is a new cookie and is checked in full.
"""

from __future__ import annotations

import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .caches import LRUCache

_serializers: LRUCache[tuple, URLSafeTimedSerializer] = LRUCache(max_size=4)
# (serializer, cookie) -> (when it was signed, its payload: the part before the signature)
_checked: LRUCache[tuple[URLSafeTimedSerializer, str], tuple[float, bytes]] = LRUCache(max_size=4096)


class CookieSessionInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if (serializer := _serializers.get(keys)) is None:
            serializer = _serializers.put(keys, super().get_signing_serializer(app))
        return serializer

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        lifetime = app.permanent_session_lifetime.total_seconds()
        if (checked := _checked.get((serializer, cookie))) is not None:
            signed_at, payload = checked
            if time.time() - signed_at > lifetime:  # as itsdangerous's max_age: expired
                return self.session_class()
            return self.session_class(serializer.load_payload(payload))
        try:
            data, signed_at = serializer.loads(cookie, max_age=int(lifetime), return_timestamp=True)
        except BadSignature:
            return self.session_class()
        # The cookie is "payload.timestamp.signature", all three checked just now.
        _checked.put((serializer, cookie), (signed_at.timestamp(), cookie.rsplit(".", 2)[0].encode()))
        return self.session_class(data)


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessionInterface()

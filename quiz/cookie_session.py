"""Flask's signed cookie session, without the work Flask repeats on every request.

- The cookie is read only when something first looks into the session: a request that never
  does (a static file, a download) neither decodes it, nor saves it, nor varies on it.
- Flask makes a new signing serializer for every request (itsdangerous even serializes an
  empty dict each time, to learn whether it makes text); here it is made once per set of keys.
- A browser sends back the same cookie request after request: once its signature has been
  checked, the cookie is remembered, and next time only its payload is decoded and its age
  compared with the session's lifetime. Only cookies signed with the app's keys are remembered,
  and the whole cookie is the lookup key, so a changed byte makes a new cookie, checked in full.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .caches import LRUCache

_serializers: LRUCache[tuple, URLSafeTimedSerializer] = LRUCache(max_size=4)
# (serializer, cookie) -> (when it was signed, its payload: the part before the signature)
_checked: LRUCache[tuple[URLSafeTimedSerializer, str], tuple[float, bytes]] = LRUCache(max_size=4096)


class LazyCookieSession(SecureCookieSession):
    """A session whose contents are read from the cookie by the first method that needs them."""

    def __init__(self, read: Callable[[], dict]) -> None:
        super().__init__()
        self._read: Callable[[], dict] | None = read

    @property
    def has_been_read(self) -> bool:
        return self._read is None

    def _read_once(self) -> None:
        if self._read is not None:
            read, self._read = self._read, None
            dict.update(self, read())  # dict's own update: reading modifies nothing


def _reading_first(method):
    def wrapper(self, *args, **kwargs):
        self._read_once()
        return method(self, *args, **kwargs)
    wrapper.__name__ = method.__name__
    return wrapper


# Every dict method that reads or writes the contents (a write must not be overwritten later
# by the cookie's contents); `permanent`, `dict(session)` and truth tests go through these.
for _name in ("__getitem__", "__setitem__", "__delitem__", "__contains__", "__iter__", "__len__",
              "__eq__", "__ne__", "__repr__", "__or__", "__ior__", "__reversed__", "get", "pop",
              "popitem", "setdefault", "update", "clear", "keys", "values", "items", "copy"):
    setattr(LazyCookieSession, _name, _reading_first(getattr(SecureCookieSession, _name)))


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
        return LazyCookieSession(lambda: self._contents(app, request, serializer))

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:
        if isinstance(session, LazyCookieSession) and not session.has_been_read:
            return  # nothing read it, nothing wrote to it: the cookie stays as it is
        super().save_session(app, session, response)

    def _contents(self, app: Flask, request: Request, serializer: URLSafeTimedSerializer) -> dict:
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return {}
        lifetime = app.permanent_session_lifetime.total_seconds()
        if (checked := _checked.get((serializer, cookie))) is not None:
            signed_at, payload = checked
            if time.time() - signed_at > lifetime:  # as itsdangerous's max_age: expired
                return {}
            return serializer.load_payload(payload)
        try:
            data, signed_at = serializer.loads(cookie, max_age=int(lifetime), return_timestamp=True)
        except BadSignature:
            return {}
        # The cookie is "payload.timestamp.signature", all three checked just now.
        _checked.put((serializer, cookie), (signed_at.timestamp(), cookie.rsplit(".", 2)[0].encode()))
        return data


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessionInterface()

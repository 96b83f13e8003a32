"""Who is signed in: Flask-Login set up for instructors."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request, session
from flask_login import LoginManager, user_logged_in, user_logged_out
from flask_login.config import COOKIE_NAME
from sqlalchemy import select

from ..extensions import db
from ..models import Instructor


class InstructorLoginManager(LoginManager):
    def _update_remember_cookie(self, response: Response) -> Response:
        """Flask-Login's after-request hook reads the session on every response, for a mark
        that only signing in or out leaves there (for this hook, in the same request). Other
        requests skip it, so a request that never needs the session leaves it unread."""
        if g.get("signed_in_or_out"):
            return super()._update_remember_cookie(response)
        return response


login_manager = InstructorLoginManager()


def load_instructor(session_token: str) -> Instructor | None:
    """The instructor whose current session token the cookie holds: a token rotated by
    signing out, a new password or disabling the account signs nobody in."""
    return db.session.scalar(select(Instructor).where(Instructor.session_token == session_token,
                                                      Instructor.disabled.is_(False)))


def nobody_signed_in() -> bool:
    """True when nobody can be signed in on this request, known without loading anyone:
    the session names no instructor and there is no remember-me cookie to sign one in."""
    return ("_user_id" not in session
            and current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) not in request.cookies)


def _note_sign_in_or_out(app: Flask, **_) -> None:
    g.signed_in_or_out = True


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_instructor)
    user_logged_in.connect(_note_sign_in_or_out, app)
    user_logged_out.connect(_note_sign_in_or_out, app)

"""Who is signed in: Flask-Login set up for instructors."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from sqlalchemy import select

from quiz.platform.extensions import db
from quiz.platform.models import Instructor

login_manager = LoginManager()


def load_instructor(session_token: str) -> Instructor | None:
    """The instructor whose current session token the cookie holds: a token rotated by
    signing out, a new password or disabling the account signs nobody in."""
    return db.session.scalar(select(Instructor).where(Instructor.session_token == session_token,
                                                      Instructor.disabled.is_(False)))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_instructor)

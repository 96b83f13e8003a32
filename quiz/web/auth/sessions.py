"""Who is signed in: Flask-Login set up for instructors, and the navigation the layout shows."""

from __future__ import annotations

from flask import Flask, request, session
from flask_login import LoginManager, current_user, user_logged_in, user_logged_out
from sqlalchemy import select

from quiz.platform.extensions import db
from quiz.platform.models import Instructor

login_manager = LoginManager()


def load_instructor(session_token: str) -> Instructor | None:
    """The instructor whose current session token the cookie holds: a token rotated by
    signing out, a new password or disabling the account signs nobody in."""
    return db.session.scalar(select(Instructor).where(Instructor.session_token == session_token,
                                                      Instructor.disabled.is_(False)))


# Set at sign-in and cleared at sign-out (Flask-Login's signals), read by the taker's pages.
SIGNED_IN = "instructor_signed_in"
# The pages that are the instructor's own: they ask Flask-Login who is signed in.
INSTRUCTOR_BLUEPRINTS = {"instructor", "groups", "auth"}


def shows_instructor_navigation() -> bool:
    """Whether the layout shows the instructor's navigation. On the taker's pages (start,
    sections, report) no user is loaded - that costs a query and a session-protection hash
    on every page a taker sees - a flag in the signed session cookie is read instead, so an
    instructor viewing a report still finds their navigation."""
    if request.blueprint in INSTRUCTOR_BLUEPRINTS:
        return current_user.is_authenticated
    return session.get(SIGNED_IN, False)


def _mark_signed_in(sender, user, **extra) -> None:
    session[SIGNED_IN] = True


def _mark_signed_out(sender, user, **extra) -> None:
    session.pop(SIGNED_IN, None)


def init_app(app: Flask) -> None:
    user_logged_in.connect(_mark_signed_in, app)
    user_logged_out.connect(_mark_signed_out, app)
    app.jinja_env.globals["shows_instructor_navigation"] = shows_instructor_navigation
    # Not Flask-Login's context processor: it loads the user for every template rendered, the
    # taker's pages included. The instructor's templates get the lazy proxy instead.
    login_manager.init_app(app, add_context_processor=False)
    app.jinja_env.globals["current_user"] = current_user
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_instructor)

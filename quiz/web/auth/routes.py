"""Instructor sign-in and sign-out."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.domain.caches import memoized
from quiz.platform import throttle
from quiz.platform.extensions import db
from quiz.platform.forms import QuizForm
from quiz.platform.models import Instructor
from quiz.platform.redirects import safe_next
from quiz.platform.throttle_responses import too_many_tries
from quiz.web.auth.forms import LoginForm

bp = Blueprint("auth", __name__, template_folder="templates", url_prefix="/instructor")


@memoized(max_size=1)
def _dummy_hash() -> str:
    return generate_password_hash("not a real password")


def _password_matches(instructor: Instructor | None, password: str) -> bool:
    """Check the password; for an unknown email check it against a dummy hash, so the
    response takes as long and does not tell which emails have accounts."""
    if instructor is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return instructor.check_password(password)


def _renew_csrf_token() -> None:
    """A new CSRF token from here on: a token planted or read before signing in or out is
    refused after it. Flask-WTF keeps the raw token in the session and the signed one in `g`
    for the request, both under WTF_CSRF_FIELD_NAME; without them it makes a new one."""
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    session.pop(field, None)
    g.pop(field, None)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        slots = throttle.take_slots([f"sign-in email {email}", f"sign-in address {request.remote_addr}"],
                                    current_app.config["LOGIN_FAILURES_ALLOWED"])
        if slots is None:
            flash("Too many failed sign-ins. Wait a minute, then try again.", "error")
            return too_many_tries(render_template("auth/login.html", form=form))
        instructor = db.session.scalar(select(Instructor).where(Instructor.email == email))
        if not _password_matches(instructor, form.password.data):
            flash("Wrong email or password.", "error")
            status = 401  # the slots stay taken: a failure counts
        else:
            throttle.give_back(slots)
            if login_user(instructor):
                _renew_csrf_token()
                return redirect(safe_next(request.args.get("next")))
            flash("This account is disabled. Ask whoever runs this site to enable it.", "error")
            status = 403
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    if not QuizForm().validate_on_submit():
        abort(400)
    current_user.end_sessions()  # on this and every other device
    db.session.commit()
    logout_user()
    _renew_csrf_token()
    flash("You are signed out.", "info")
    return redirect(url_for("taking.start"))

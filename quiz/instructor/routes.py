"""Instructor area: the question bank, its statistics and data export."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from .. import store

bp = Blueprint("instructor", __name__, url_prefix="/instructor")


@bp.before_request
@login_required
def require_login():
    """Every instructor page needs a signed-in instructor."""


@bp.get("/")
def questions():
    bank = store.current_bank(include_retired=True)
    return render_template("instructor/questions.html", bank=bank)


@bp.get("/statistics")
def statistics():
    return render_template("instructor/questions.html", bank=store.current_bank(include_retired=True))


@bp.get("/bank")
def bank():
    return render_template("instructor/questions.html", bank=store.current_bank(include_retired=True))

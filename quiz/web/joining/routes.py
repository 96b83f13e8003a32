"""Joining a group, for takers: the join link, and the code entered on the start page."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

from quiz.platform.dates import today
from quiz.platform.stores import groups as group_membership
from quiz.web.taking.forms import JoinCodeForm, StartForm
from quiz.web.taking.start_page import start_page, typed_code

bp = Blueprint("join", __name__, template_folder="templates")

TOO_MANY_CODES = "Too many codes that did not match. Wait a minute, then try again."
NOT_FOUND = "No open group has this code: it was not found or the group is closed. Check the code with your instructor."


@bp.get("/join/<token>")
def link(token):
    group = group_membership.group_by_token(token)
    if group is None or not group.is_open(today()):
        return render_template("joining/closed.html", group=group), 410 if group else 404
    return start_page(StartForm(group=token), group)


@bp.post("/join")
def by_code():
    form = JoinCodeForm()
    if not form.validate_on_submit():
        return start_page(join_form=form, status=422)
    group, page = typed_code(form.group_code, "join address", current_app.config["JOIN_FAILURES_ALLOWED"],
                             group_membership.open_group_by_code, NOT_FOUND, TOO_MANY_CODES, join_form=form)
    if group is None:
        return page
    return redirect(url_for("join.link", token=group.join_token), code=303)

"""Groups, for instructors: list and create, the dashboard and its printable view, the CSV,
co-instructors, archiving. An instructor sees only the groups they own or co-teach; any other
group is a 404, as if it did not exist."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from quiz.domain.results.groups import CHANGE_METHOD, MIN_GROUP_FOR_FLAGS
from quiz.domain.statistics.inference import FAMILY_ALPHA
from quiz.platform import models
from quiz.platform.dates import today
from quiz.platform.extensions import db
from quiz.platform.forms import QuizForm
from quiz.platform.stores import bank as bank_store
from quiz.web.groups.csv_export import group_csv, taker_count
from quiz.web.groups.dashboard import dashboard
from quiz.web.groups.forms import CoInstructorForm, GroupForm

bp = Blueprint("groups", __name__, template_folder="templates", url_prefix="/instructor/groups")


@bp.before_request
@login_required
def require_login():
    """Every group page and action needs a signed-in instructor."""


def group_or_404(group_id: int) -> models.Group:
    group = db.session.get(models.Group, group_id)
    if group is None or not group.is_run_by(current_user):
        abort(404)
    return group


def my_groups() -> list[models.Group]:
    co_teaching = select(models.group_instructor.c.group_id).where(
        models.group_instructor.c.instructor_id == current_user.id)
    return list(db.session.scalars(
        select(models.Group).where(or_(models.Group.owner_id == current_user.id,
                                       models.Group.id.in_(co_teaching)))
        .order_by(models.Group.archived, models.Group.created_at.desc())))


@bp.route("/", methods=["GET", "POST"])
def index():
    form = GroupForm()
    if form.validate_on_submit():
        group = models.Group(name=form.name.data.strip(), closes_on=form.closes_on.data,
                             owner=current_user)
        db.session.add(group)
        db.session.commit()
        flash(f"Group “{group.name}” created. Give your takers its link or code.", "info")
        return redirect(url_for(".show", group_id=group.id), code=303)
    return render_template("groups/index.html", groups=my_groups(), form=form, today=today()), \
        422 if form.errors else 200


def _min_finished() -> int:
    return current_app.config["GROUP_MIN_FINISHED"]


def _dashboard_page(group: models.Group, template: str = "groups/dashboard.html",
                    co_form: CoInstructorForm | None = None, status: int = 200):
    return render_template(template, board=dashboard(group, _min_finished()), group=group,
                           today=today(), co_form=co_form or CoInstructorForm(),
                           action_form=QuizForm(), change_method=CHANGE_METHOD, fdr=FAMILY_ALPHA,
                           min_flag_group=MIN_GROUP_FOR_FLAGS), status


@bp.get("/<positive:group_id>")
def show(group_id):
    return _dashboard_page(group_or_404(group_id))


@bp.get("/<positive:group_id>/print")
def printable(group_id):
    return _dashboard_page(group_or_404(group_id), "groups/print.html")


@bp.get("/<positive:group_id>/attempts.csv")
def export(group_id):
    """Row-level data: held back, like the distribution, until enough takers have finished."""
    group = group_or_404(group_id)
    takers = taker_count(group)
    if takers < _min_finished():
        abort(409, f"The CSV is available once {_min_finished()} takers have finished; "
                   f"{takers} have so far.")
    return Response(group_csv(group, bank_store.current_bank(include_retired=True)), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=group-{group.id}-attempts.csv"})


@bp.post("/<positive:group_id>/co-instructors")
def add_co_instructor(group_id):
    group = group_or_404(group_id)
    form = CoInstructorForm()
    if not form.validate_on_submit():
        return _dashboard_page(group, co_form=form, status=422)
    if not group.is_run_by(form.instructor):
        group.co_instructors.append(form.instructor)
        db.session.commit()
    flash(f"{form.instructor.email} can now see this group.", "info")
    return redirect(url_for(".show", group_id=group.id), code=303)


@bp.post("/<positive:group_id>/archive")
def archive(group_id):
    return _set_archived(group_id, True, "Archived: the group is closed to new takers and listed last; its results stay.")


@bp.post("/<positive:group_id>/restore")
def restore(group_id):
    return _set_archived(group_id, False, "Restored: the group is active again.")


def _set_archived(group_id: int, archived: bool, message: str):
    group = group_or_404(group_id)
    if not QuizForm().validate_on_submit():
        abort(400)
    group.archived = archived
    db.session.commit()
    flash(message, "info")
    return redirect(url_for(".show", group_id=group.id), code=303)

"""Instructor area: the question bank, its statistics and data export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from quiz.domain.bank import BankError, BankInvalid, BankTooLarge
from quiz.domain.bank.item_writing import question_warnings
from quiz.domain.bank.moodle import Choices, ImportRefused, is_moodle_file
from quiz.domain.bank.plain import Bank
from quiz.domain.question_types import KINDS
from quiz.domain.question_types.question import Question
from quiz.domain.statistics import items as stats
from quiz.platform import models
from quiz.platform.attempt_csv import attempts_csv
from quiz.platform.extensions import db
from quiz.platform.redirects import safe_next
from quiz.platform.security import takes_large_uploads
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import finished_attempts as results
from quiz.web.instructor import moodle_transfer, snapshot, transfer, versions
from quiz.web.instructor.forms import (
    FilterForm,
    ImportForm,
    MoodleExportForm,
    MoodleReviewForm,
    QuestionForm,
    StatusForm,
    new_question_data,
    question_data,
)

UPLOAD_MARGIN = 64 * 1024  # the multipart envelope and the form's other fields

# The blueprint's commands are `flask --app quiz stats ...`.
bp = Blueprint("instructor", __name__, template_folder="templates", url_prefix="/instructor")


@bp.before_request
@login_required
def require_login():
    """Every instructor page and action needs a signed-in instructor."""


@bp.context_processor
def labels():
    return {"type_labels": {kind.name: kind.label for kind in KINDS}}


@bp.get("/")
def questions():
    bank = bank_store.current_bank(include_retired=True)
    filters = FilterForm.for_bank(bank, request.args)
    return render_template("instructor/questions.html", bank=bank, filters=filters,
                           questions=filters.apply(bank.questions), answers=results.answer_counts())


@bp.route("/questions/new", methods=["GET", "POST"])
def new_question():
    bank = bank_store.current_bank(include_retired=True)
    data = new_question_data(request.args.get("type", ""), request.args.get("area", ""))
    return _question_page(QuestionForm.for_bank(bank, data), bank)


@bp.route("/questions/<question_id:question_id>", methods=["GET", "POST"])
def edit_question(question_id):
    row = db.get_or_404(models.Question, question_id)
    bank = bank_store.current_bank(include_retired=True)
    data = question_data(bank.question(question_id)) | {"base_version": str(row.current.number)}
    return _question_page(QuestionForm.for_bank(bank, data), bank, row)


def _question_page(form: QuestionForm, bank: Bank, row: models.Question | None = None):
    """Add or remove an option row, preview, or save; without JavaScript each button is
    a submit that comes back here."""
    preview, status = None, 200
    if form.is_submitted():
        if form.add_option.data:
            form.add_option_row()
        elif (index := form.removed_option()) is not None:
            form.options.pop_entry(index)
        elif (index := form.raised_option()) is not None:
            form.move_option_up(index)
        else:
            question = form.checked(bank, row and row.id, bool(row and row.retired))
            if question is None:
                status = 422
            elif form.preview.data:
                preview = question
            elif row and form.outdated(row.current.number):
                status = 409
            else:
                return _save(question)
    # Item-writing warnings: of the previewed question, else of the saved one being edited.
    shown = preview or (bank.question(row.id) if row else None)
    return render_template("instructor/edit.html", form=form, row=row, bank=bank, preview=preview,
                           warnings=question_warnings(shown) if shown else [],
                           version_answers=results.answers_per_version(row.id) if row else {}), status


SAVED = {
    "added": "Question {id} added. New attempts include it from now on.",
    "changed": "Saved {id} as a new version. Attempts already taken keep the version they answered.",
    "unchanged": "Nothing changed in {id}, so no new version was made.",
}
RESTORED = SAVED | {
    "changed": "Version {number} of {id} restored as its newest version. Attempts already taken keep "
               "the version they answered.",
    "unchanged": "Version {number} of {id} is the same as the current version, so no new version was made.",
}


@bp.get("/questions/<question_id:question_id>/versions/<positive:number>")
def version(question_id, number):
    row, this = _version(question_id, number)
    current = row.current.to_plain()
    return render_template("instructor/version.html", row=row, number=number, question=this,
                           is_current=number == row.current.number,
                           differences=versions.differences(this, current), form=StatusForm())


@bp.post("/questions/<question_id:question_id>/versions/<positive:number>/restore")
def restore_version(question_id, number):
    """An older version back as the newest one: a new version, so nothing already answered changes."""
    row, this = _version(question_id, number)
    if not StatusForm().validate_on_submit():
        abort(400)
    return _save(replace(this, retired=row.retired), RESTORED, number=number)


def _version(question_id: str, number: int) -> tuple[models.Question, Question]:
    row = db.get_or_404(models.Question, question_id)
    found = next((v for v in row.versions if v.number == number), None)
    if found is None:
        abort(404)
    return row, found.to_plain()


def _save(question: Question, messages: dict[str, str] = SAVED, **details):
    try:
        outcome = bank_store.save_question(question)
        db.session.commit()
    except IntegrityError:  # another instructor saved the same question at the same moment
        db.session.rollback()
        flash(f"{question.id} was saved by someone else at the same moment, so your changes were "
              "not saved. Here is the newest version: make your changes again.", "error")
    else:
        flash(messages[outcome].format(id=question.id, **details), "info")
    return redirect(url_for(".edit_question", question_id=question.id), code=303)


@bp.post("/questions/<question_id:question_id>/retire")
def retire(question_id):
    return _set_retired(question_id, True)


@bp.post("/questions/<question_id:question_id>/restore")
def restore(question_id):
    return _set_retired(question_id, False)


def _set_retired(question_id: str, retired: bool):
    """One click either way: the page retiring lands on offers "Undo" (base.html's "retired" message)."""
    row = db.get_or_404(models.Question, question_id)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    row.retired = retired
    db.session.commit()
    if retired:
        flash(row.id, "retired")
    else:
        flash(f"Restored {row.id}: new attempts include it again.", "info")
    return redirect(safe_next(form.next.data), code=303)


@bp.get("/statistics")
def statistics():
    bank = bank_store.current_bank(include_retired=True)
    return render_template("instructor/statistics.html", bank=bank, snapshot=snapshot.current(bank),
                           stats=stats)


@bp.get("/attempts.csv")
def export_attempts():
    bank = bank_store.current_bank(include_retired=True)
    return Response(attempts_csv(bank, results.finished_attempts(bank)), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=finished-attempts.csv"})


@bp.get("/bank")
def bank():
    return _bank_page(ImportForm())


@bp.post("/bank/import")
@takes_large_uploads(moodle_transfer.MAX_FILE_BYTES + UPLOAD_MARGIN)
def import_bank():
    form = ImportForm()
    if not form.validate_on_submit():
        return _bank_page(form, status=422)
    moodle_files = [f for f in form.files.data if is_moodle_file(f.filename or "")]
    if moodle_files:
        if len(form.files.data) > 1:
            return _bank_page(form, errors=[BankError("upload", None, (
                "import one Moodle file (.xml, .gift or .txt) at a time, with no other files"))], status=422)
        upload = moodle_files[0]
        name = PurePosixPath(upload.filename.replace("\\", "/")).name
        return _moodle_review(form, name, upload.read())
    if (request.content_length or 0) > current_app.config["MAX_CONTENT_LENGTH"]:
        abort(413)  # the larger limit above is for Moodle files; YAML keeps the site's
    try:
        summary = transfer.import_files(transfer.read_upload(form.files.data))
    except BankInvalid as invalid:
        return _bank_page(form, errors=invalid.errors,
                          status=413 if isinstance(invalid, BankTooLarge) else 422)
    flash(f"Imported the bank: {summary.added} questions added, {summary.changed} changed "
          f"(each as a new version), {summary.unchanged} unchanged.", "info")
    return redirect(url_for(".bank"), code=303)


def _bank_page(form: ImportForm, errors=(), status: int = 200):
    bank = bank_store.current_bank(include_retired=True)
    return render_template("instructor/bank.html", form=form, errors=errors, bank=bank,
                           export_form=MoodleExportForm.for_bank(bank, {})), status


def _refused(refused: ImportRefused) -> list[BankError]:
    return [BankError(p.file, p.line, p.message) for p in refused.problems]


def _moodle_review(form: ImportForm, name: str, data: bytes):
    """Step 1 of a Moodle import: read the file and show what would be imported; nothing saved."""
    bank = bank_store.current_bank(include_retired=True)
    try:
        plan = moodle_transfer.plan(name, data, bank)
    except ImportRefused as refused:
        return _bank_page(form, errors=_refused(refused), status=422)
    if not plan.candidates:
        reasons = [BankError(name, s.line, f"{s.name}: {s.reason}") for s in plan.skipped]
        return _bank_page(form, errors=[BankError(name, None, (
            "none of its questions can be imported here; each is listed with the reason"))] + reasons,
            status=422)
    review = MoodleReviewForm.for_bank(bank, plan.suggested_area, formdata=None,
                                       upload=moodle_transfer.signed_upload(name, data, current_user.id))
    return render_template("instructor/moodle_review.html", plan=plan, form=review, problems=()), 200


@bp.post("/bank/import/moodle")
@takes_large_uploads(2 * moodle_transfer.MAX_FILE_BYTES)
def confirm_moodle_import():
    """Step 2: the reviewed file, read again, saved with the instructor's choices - all or nothing."""
    bank = bank_store.current_bank(include_retired=True)
    try:
        name, data = moodle_transfer.unsigned_upload(request.form.get("upload", ""), current_user.id)
    except moodle_transfer.ReviewExpired:
        flash("That review has expired or was changed, so nothing was imported. Upload the file again.", "error")
        return redirect(url_for(".bank"), code=303)
    try:
        plan = moodle_transfer.plan(name, data, bank)
    except ImportRefused as refused:  # the file was read on upload; only a changed bank gets here
        return _bank_page(ImportForm(formdata=None), errors=_refused(refused), status=422)
    form = MoodleReviewForm.for_bank(bank, plan.suggested_area)
    if not form.validate_on_submit():
        return render_template("instructor/moodle_review.html", plan=plan, form=form, problems=()), 422
    choices = Choices(area=form.area.data, topics=tuple(form.topics.data or ()), weight=float(form.weight.data),
                      next_step=form.next_step.data or None)
    try:
        imported = moodle_transfer.save(plan, choices, bank)
    except ImportRefused as refused:
        return render_template("instructor/moodle_review.html", plan=plan, form=form,
                               problems=refused.problems), 422
    skipped = f"; {len(plan.skipped)} skipped" if plan.skipped else ""
    flash(f"Imported {name}: {imported.added} questions added, {imported.updated} updated (each as a new "
          f"version){skipped}.", "info")
    return redirect(url_for(".questions"), code=303)


@bp.get("/bank/export.zip")
def export_bank():
    return Response(transfer.export_zip(), mimetype="application/zip", headers={
        "Content-Disposition": f"attachment; filename=question-bank-{date.today():%Y-%m-%d}.zip"})


@bp.get("/bank/export")
def export_for_moodle():
    """The bank (still offered), one area, or the questions chosen in the list (`ids`), as
    Moodle XML or GIFT; what has no Moodle equivalent is listed in the X-Not-Exported header
    and on the export page."""
    bank = bank_store.current_bank(include_retired=True)
    form = MoodleExportForm.for_bank(bank, request.args)
    if not form.validate():
        abort(400)
    download = moodle_transfer.export(form.format.data, bank, form.area.data or None, form.ids.data or None)
    if not download.count:
        flash("No question there has a Moodle equivalent, so nothing was exported.", "error")
        return redirect(url_for(".bank"), code=303)
    headers = {"Content-Disposition": f"attachment; filename={download.file_name}"}
    if download.not_exported:
        headers["X-Not-Exported"] = ", ".join(n.question_id for n in download.not_exported)
    return Response(download.content, mimetype=download.mimetype, headers=headers)

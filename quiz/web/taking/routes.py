"""Taking the quiz: start, one page per skill area, review, finish, save and resume."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from quiz.domain import scoring
from quiz.domain.question_types import InvalidAnswer
from quiz.platform import throttle
from quiz.platform.models import REVIEW_PAGE
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import groups as group_membership
from quiz.platform.stores import results as finished_results
from quiz.platform.stores.attempts import get_attempt
from quiz.web.taking import attempts, remembered, section_page
from quiz.web.taking.forms import FinishForm, ResumeForm, StartForm
from quiz.web.taking.start_page import start_page

bp = Blueprint("taking", __name__, template_folder="templates")

FINISHED = "This attempt is finished; your answers were not changed."
CODE_NOT_FOUND = "No quiz has this resume code. Check it against the code you saved, then try again."
TOO_MANY_CODES = ("Too many resume codes were tried from your network in the last minute. "
                  "Wait a minute, then try this code again.")


@bp.get("/")
def start():
    return start_page()


@bp.post("/start")
def begin():
    form = StartForm()
    if not form.validate_on_submit():
        if form.display_name.errors and (group := group_membership.open_group_by_token(form.group.data)):
            return start_page(form, group, status=422)
        abort(400)
    previous = get_attempt(form.previous.data) if form.previous.data else None
    try:
        membership = group_membership.membership(form.group.data, previous, form.display_name.data)
    except group_membership.GroupClosed:
        return redirect(url_for("join.link", token=form.group.data), code=303)
    if throttle.take_slots([f"start address {request.remote_addr}"],
                           current_app.config["START_ATTEMPTS_ALLOWED"]) is None:
        flash("Too many quizzes were started from your network in the last minute. Wait a minute, "
              "then press Start again: what you entered is kept below.", "error")
        page, status = start_page(form, group_membership.open_group_by_token(form.group.data), status=429)
        return page, status, {"Retry-After": str(int(throttle.WINDOW.total_seconds()))}
    attempt = attempts.start_attempt(previous, **membership)
    remembered.remember(attempt.token)
    return redirect(url_for("taking.section", token=attempt.token, number=1), code=303)


@bp.post("/resume")
def resume_by_code():
    """A typed resume code: a code that is wrong comes back beside the field, as typed."""
    form = ResumeForm()
    if not form.validate_on_submit():
        return start_page(resume_form=form, status=422)
    attempt, status = throttle.look_up_code(f"resume address {request.remote_addr}",
                                            current_app.config["RESUME_FAILURES_ALLOWED"],
                                            lambda: attempts.find_by_resume_code(form.code.data))
    if attempt is None:
        form.code.errors.append(TOO_MANY_CODES if status == 429 else CODE_NOT_FOUND)
        return start_page(resume_form=form, status=status)
    return redirect(url_for("taking.resume", token=attempt.token), code=303)


@bp.get("/a/<token>")
def resume(token):
    attempt = get_attempt(token)
    if attempt.finished:
        return redirect(url_for("report.show", token=token))
    remembered.remember(token)
    number = attempts.resume_page(bank_store.attempt_bank(attempt), attempt)
    if number is None:
        return redirect(url_for("taking.review", token=token))
    return redirect(url_for("taking.section", token=token, number=number, resumed=1))


@bp.route("/a/<token>/section/<int:number>", methods=["GET", "POST"])
def section(token, number):
    attempt = attempts.snapshot(token)
    all_sections = attempts.attempt_sections(attempt)
    if not 1 <= number <= len(all_sections):
        abort(404)
    current = all_sections[number - 1]
    if request.method == "POST":
        return _save_section(attempt, current, last=len(all_sections))
    if attempt.finished:
        return redirect(url_for("report.show", token=token))
    values = attempts.form_values(current, attempt.answers)
    answered = len(values)
    kept, mistakes = attempts.mistakes_kept(current, attempt.entries_to_fix)
    # For a resumed taker, a note of the questions they passed without an answer.
    skipped = ([(s, q) for s in all_sections[:number - 1] for q in s.questions if q.id not in attempt.answers]
               if "resumed" in request.args else None)
    return section_page.render(attempt, current, len(all_sections), values | kept, answered,
                               mistakes, kept=bool(kept), skipped=skipped)


def _save_section(attempt: attempts.AttemptSnapshot, current: attempts.Section, last: int):
    """Store one page's answers and move on. "Save and continue" stores all of them or, on
    any mistake made by hand, none: the page comes back as entered, with the mistake beside
    its question (422). "Previous section" and "Save and continue later" store every answer
    that is right and keep the entries with mistakes, shown again with them when the taker
    is back on the page. Forged input gets a plain 400. The page's form is plain HTML: its
    questions are only known here, CSRFProtect has checked its token before the view runs,
    and which button was pressed is the one name among "next", "previous", "later" sent."""
    if attempt.finished:
        abort(409, FINISHED)
    try:
        selections, mistakes = attempts.parse_section(current, request.form)
    except InvalidAnswer as error:
        abort(400, f"{error}. Nothing from this page was saved.")
    leaving = "later" in request.form or "previous" in request.form
    entered = {q.id: values for q in current.questions
               if (values := q.kind.posted(q, request.form, attempts.field_name(q)))}
    if mistakes and not leaving:
        answered = sum(1 for q in current.questions if selections.get(q.id) or q.id in mistakes)
        return section_page.render(attempt, current, last, entered, answered, mistakes), 422
    token, number = attempt.token, current.number
    if "later" in request.form:
        going_to, target = number, url_for("taking.saved", token=token)
    elif "previous" in request.form:
        going_to = max(number - 1, 1)
        target = url_for("taking.section", token=token, number=going_to)
    elif number < last:
        going_to, target = number + 1, url_for("taking.section", token=token, number=number + 1)
    else:
        going_to, target = REVIEW_PAGE, url_for("taking.review", token=token)
    try:
        attempts.save_section(attempt, current, selections, going_to,
                              {question_id: entered.get(question_id, []) for question_id in mistakes})
    except attempts.AttemptFinished:  # finished in another tab while this page was sent
        abort(409, FINISHED)
    skipped = sum(1 for s in selections.values() if not s)
    if mistakes:
        flash(f"Saved, but for {len(mistakes)} answer{'s' if len(mistakes) > 1 else ''} with a mistake in "
              f"{current.area.title}: {'it is' if len(mistakes) == 1 else 'they are'} kept for you to fix "
              "when you are back on that page.", "info")
    elif skipped and "later" not in request.form:  # someone leaving needs no count of what is left
        flash(f"Saved. You skipped {skipped} question{'s' if skipped > 1 else ''} in "
              f"{current.area.title} - you can come back to them any time.", "info")
    return redirect(target, code=303)


@bp.get("/a/<token>/review")
def review(token):
    attempt = get_attempt(token)
    if attempt.finished:
        return redirect(url_for("report.show", token=token))
    return _review_page(attempt, FinishForm())


def _review_page(attempt, form: FinishForm, status: int = 200):
    bank = bank_store.attempt_bank(attempt)
    answers = attempt.selections()
    all_sections = attempts.sections(bank)
    unanswered = [(s, q) for s in all_sections for q in s.questions if q.id not in answers]
    return render_template("taking/review.html", attempt=attempt, unanswered=unanswered,
                           unscored=scoring.unscored_areas(bank, answers),
                           total=len(bank.questions), answered=len(answers),
                           sections=all_sections, form=form), status


@bp.post("/a/<token>/finish")
def finish(token):
    """Finish: with too few answers for every area to be scored, only by "Finish anyway"."""
    attempt = get_attempt(token)
    form = FinishForm()
    if not form.validate_on_submit():
        abort(400)
    if not attempt.finished and not form.finish_anyway.data:
        if scoring.unscored_areas(bank_store.attempt_bank(attempt), attempt.selections()):  # answers changed since the review page was shown: ask again
            return _review_page(attempt, form, status=409)
    attempts.finish(attempt)  # finishing twice is harmless
    finished_results.record(attempt)  # the scores group dashboards read, stored once
    return redirect(url_for("report.show", token=token), code=303)


@bp.get("/a/<token>/saved")
def saved(token):
    attempt = get_attempt(token)
    return render_template("taking/saved.html", attempt=attempt)

"""Taking the quiz: start, one page per skill area, review, finish, save and resume."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from quiz.domain import scoring
from quiz.domain.question_types import InvalidAnswer
from quiz.platform import browsers, throttle
from quiz.platform.models import REVIEW_PAGE
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import groups as group_membership
from quiz.platform.stores import results as finished_results
from quiz.platform.stores.attempts import get_attempt
from quiz.platform.throttle_responses import too_many_tries
from quiz.web.taking import attempts, section_form, section_page
from quiz.web.taking.forms import FinishForm, ForgetBrowserForm, ResumeForm, StartForm
from quiz.web.taking.start_page import start_page, typed_code

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
        return too_many_tries(start_page(form, group_membership.open_group_by_token(form.group.data)))
    attempt = attempts.start_attempt(previous, **membership)
    browsers.remember(attempt)
    return redirect(url_for("taking.section", token=attempt.token, number=1), code=303)


@bp.post("/resume")
def resume_by_code():
    """A typed resume code: a code that is wrong comes back beside the field, as typed."""
    form = ResumeForm()
    if not form.validate_on_submit():
        return start_page(resume_form=form, status=422)
    attempt, page = typed_code(form.code, "resume address", current_app.config["RESUME_FAILURES_ALLOWED"],
                               attempts.find_by_resume_code, CODE_NOT_FOUND, TOO_MANY_CODES, resume_form=form)
    if attempt is None:
        return page
    return redirect(url_for("taking.resume", token=attempt.token), code=303)


@bp.post("/forget")
def forget_browser():
    """"Forget this browser": the start page no longer offers the attempt it remembered."""
    if not ForgetBrowserForm().validate_on_submit():
        abort(400)
    browsers.forget()
    flash("This browser no longer remembers your quiz. Your answers are saved: your resume code or "
          "private link opens them from any browser.", "info")
    return redirect(url_for("taking.start"), code=303)


@bp.get("/a/<token>")
def resume(token):
    attempt = get_attempt(token)
    if attempt.finished:
        return redirect(url_for("report.show", token=token))
    browsers.remember(attempt)
    number = attempts.resume_page(bank_store.attempt_bank(attempt), attempt)
    if number is None:
        return redirect(url_for("taking.review", token=token))
    return redirect(url_for("taking.section", token=token, number=number, resumed=1))


@bp.route("/a/<token>/section/<positive:number>", methods=["GET", "POST"])
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
    values = section_form.form_values(current, attempt.answers)
    answered = len(values)
    kept, mistakes = section_form.mistakes_kept(current, attempt.entries_to_fix)
    # For a resumed taker, a note of the questions they passed without an answer.
    skipped = ([(s, q) for s in all_sections[:number - 1] for q in s.questions if q.id not in attempt.answers]
               if "resumed" in request.args else None)
    return section_page.render(attempt, current, len(all_sections), values | kept, answered,
                               mistakes, kept=bool(kept), skipped=skipped)


def _save_section(attempt: attempts.AttemptSnapshot, current: section_form.Section, last: int):
    """Store every answer on the page that is right, whichever button was pressed, and keep
    the entries with mistakes, shown again with them (issue 32: one mistake lost a page).
    "Save and continue" with a mistake stays on the page: it comes back as entered, each
    mistake beside its question (422). "Clear my choice" - a button per question, `clear`
    naming it - deletes that question's answer and brings the page back at it. Forged input
    gets a plain 400. The page's form is plain HTML: its questions are only known here,
    CSRFProtect has checked its token before the view runs, and which button was pressed is
    the one name among "next", "previous", "later" and "clear" sent."""
    if attempt.finished:
        abort(409, FINISHED)
    try:
        selections, mistakes, entered = section_form.parse_section(current, request.form)
    except InvalidAnswer as error:
        abort(400, f"{error}. Nothing from this page was saved.")
    cleared = _question_to_clear(current)
    if cleared is not None:
        selections[cleared.id] = ()
        mistakes.pop(cleared.id, None)
    going_to, target = _destination(attempt.token, current, last, cleared, stay=bool(mistakes))
    try:
        attempts.save_section(attempt, current, selections, going_to,
                              {question_id: entered.get(question_id, []) for question_id in mistakes})
    except attempts.AttemptFinished:  # finished in another tab while this page was sent
        abort(409, FINISHED)
    if target is None:  # "Save and continue" with mistakes: the page again, the rest saved
        answered = sum(1 for q in current.questions if selections.get(q.id) or q.id in mistakes)
        return section_page.render(attempts.snapshot(attempt.token), current, last, entered, answered,
                                   mistakes), 422
    skipped = sum(1 for s in selections.values() if not s)
    if cleared is not None:
        flash(f"Your choice for question {current.questions.index(cleared) + 1} was cleared: it is "
              "skipped until you answer it.", "info")
    elif mistakes:
        flash(f"Saved, but for {len(mistakes)} answer{'s' if len(mistakes) > 1 else ''} with a mistake in "
              f"{current.area.title}: {'it is' if len(mistakes) == 1 else 'they are'} kept for you to fix "
              "when you are back on that page.", "info")
    elif skipped and "later" not in request.form:  # someone leaving needs no count of what is left
        flash(f"Saved. You skipped {skipped} question{'s' if skipped > 1 else ''} in "
              f"{current.area.title} - you can come back to them any time.", "info")
    return redirect(target, code=303)


def _question_to_clear(current: section_form.Section):
    """The question whose "Clear my choice" was pressed, if one was; 400 for one not on the page."""
    question_id = request.form.get("clear")
    if question_id is None:
        return None
    question = next((q for q in current.questions if q.id == question_id), None)
    if question is None:
        abort(400, "There is no such question on this page. Nothing from this page was saved.")
    return question


def _destination(token: str, current: section_form.Section, last: int, cleared, stay: bool):
    """Where the button pressed leads: the section (or models.REVIEW_PAGE) the taker is going
    to, and the URL to send them to - None for "Save and continue" that must `stay`."""
    number = current.number
    if cleared is not None:
        return number, url_for("taking.section", token=token, number=number, _anchor=f"q-{cleared.id}")
    if "later" in request.form:
        return number, url_for("taking.saved", token=token)
    if "previous" in request.form:
        return max(number - 1, 1), url_for("taking.section", token=token, number=max(number - 1, 1))
    if stay:
        return number, None
    if number < last:
        return number + 1, url_for("taking.section", token=token, number=number + 1)
    return REVIEW_PAGE, url_for("taking.review", token=token)


@bp.get("/a/<token>/review")
def review(token):
    attempt = get_attempt(token)
    if attempt.finished:
        return redirect(url_for("report.show", token=token))
    return _review_page(attempt, FinishForm())


def _review_page(attempt, form: FinishForm, status: int = 200):
    bank = bank_store.attempt_bank(attempt)
    answers = attempt.selections()
    all_sections = section_form.sections(bank)
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

"""Pages more than one blueprint shows: the start page is also what a group's join link and a
mistyped group code show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from flask import render_template, request
from wtforms import Field

from quiz.domain import question_types
from quiz.domain.bank.timing import stated_minutes
from quiz.platform import browsers, throttle
from quiz.platform.stores import bank as bank_store
from quiz.platform.throttle_responses import too_many_tries
from quiz.web.taking.forms import ForgetBrowserForm, JoinCodeForm, ResumeForm, StartForm


def start_page(start_form: StartForm | None = None, group=None, join_form: JoinCodeForm | None = None,
               resume_form: ResumeForm | None = None, status: int = 200):
    """The start page; with `group`, the page a group's join link shows. Each form given is
    shown as it was sent, with its errors, listed in an error summary at the top. Without a
    group, an attempt this browser has under way is offered to continue, or else the report of
    the one it finished."""
    forms = {"start": start_form or StartForm(), "resume": resume_form or ResumeForm(),
             "join": join_form or JoinCodeForm()}
    remembered = None if group else browsers.remembered_attempt()
    in_progress = remembered if remembered and remembered.finished_at is None else None
    finished = remembered if remembered and remembered.finished_at is not None else None
    active = bank_store.active_questions()
    counts = Counter(question.area for question in active)
    return render_template("taking/start.html", areas=[a for a in bank_store.areas() if counts.get(a.key)],
                           counts=counts, question_count=len(active), minutes=stated_minutes(active), group=group,
                           kinds_described=question_types.described(),
                           in_progress=in_progress, finished=finished, forget_form=ForgetBrowserForm(),
                           answered=len(in_progress.selections()) if in_progress else 0,
                           start_form=forms["start"], resume_form=forms["resume"], join_form=forms["join"],
                           forms_with_errors=[f for f in forms.values() if f.errors]), status


def typed_code(field: Field, throttle_key: str, allowed: int, find: Callable, not_found: str,
               too_many: str, **shown_forms):
    """What a code typed on the start page (a resume code, a group code) names, and None; or
    None and the start page to show, the code kept as typed with the mistake beside it: 404
    when nothing has it, 429 with Retry-After when too many wrong codes came from the address."""
    found, status = throttle.look_up_code(f"{throttle_key} {request.remote_addr}", allowed,
                                          lambda: find(field.data))
    if status == 429:
        field.errors.append(too_many)
        return None, too_many_tries(start_page(**shown_forms))
    if found is None:
        field.errors.append(not_found)
        return None, start_page(**shown_forms, status=status)
    return found, None

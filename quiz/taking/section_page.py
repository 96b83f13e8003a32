"""A section page: the area's questions as a form, with the attempt's answers ticked.

Rendered by its template for a page with mistakes, a note for a resumed taker, a signed-in
instructor or a waiting message. Every other view is the same page for all attempts at the
same point of the same bank but for the attempt's link, resume code, answer counts, questions
and the CSRF token: that page is kept
as a frame (quiz/page_frames.py) and filled in, and its questions are joined from cached parts
(fieldsets.py).
"""

from __future__ import annotations

from types import SimpleNamespace

from flask import render_template, request
from markupsafe import Markup

from ..bank import store as bank_store
from .attempts import AttemptSnapshot, Section
from ..caches import LRUCache
from ..csrf_tokens import csrf_token
from ..page_frames import Frame, make_frame, shared_page_allowed
from . import fieldsets

# By database, bank revision, the attempt's question versions, section number and the site's
# address (the resume link is absolute): the sections of a few bank states, each on one address.
_frames: LRUCache[tuple, Frame] = LRUCache(max_size=256)
_SLOTS = ("token", "resume_code", "answered", "overall", "csrf", "questions")


def render(attempt: AttemptSnapshot, section: Section, total: int, values: dict[str, list[str]],
           answered: int, mistakes: dict[str, str] | None = None, kept: bool = False,
           skipped: list | None = None):
    """The section's form showing `values` (the stored answers, or what was just entered) and
    `mistakes` beside their questions: entries `kept` from an earlier visit, or just sent.
    `skipped`, for a resumed taker: the (section, question) pairs passed without an answer."""
    mistakes = mistakes or {}
    questions = fieldsets.section_fieldsets(section, attempt.token, values, mistakes)
    if mistakes or skipped is not None or not shared_page_allowed():
        return render_template("taking/section.html", attempt=attempt, section=section, total=total,
                               questions=questions, mistakes=mistakes, kept=kept, skipped=skipped,
                               answered_here=answered, answered_all=len(attempt.answers))
    key = (bank_store.database(), attempt.revision, attempt.version_ids, section.number,
           request.scheme, request.host, request.script_root)
    frame = _frames.get_or_compute(key, lambda: make_frame(
        lambda slot: render_template(
            "taking/section.html", section=section, total=total, mistakes={}, kept=False, skipped=None,
            attempt=SimpleNamespace(token=slot["token"], resume_code=slot["resume_code"],
                                    version_ids=attempt.version_ids),
            answered_here=slot["answered"], answered_all=slot["overall"],
            questions=Markup(slot["questions"]),
            csrf_token=lambda: slot["csrf"]), _SLOTS))
    return frame.fill({"token": attempt.token, "resume_code": attempt.resume_code,
                       "answered": str(answered), "overall": str(len(attempt.answers)),
                       "csrf": csrf_token(), "questions": questions})

"""A section page: the area's questions as a form, with the attempt's answers ticked. Its
questions are joined from cached parts (fieldsets.py)."""

from __future__ import annotations

from flask import render_template

from quiz.domain import audio
from quiz.web.taking import fieldsets
from quiz.web.taking.attempts import AttemptSnapshot
from quiz.web.taking.section_form import Section


def render(attempt: AttemptSnapshot, section: Section, total: int, values: dict[str, list[str]],
           answered: int, mistakes: dict[str, str] | None = None, kept: bool = False,
           skipped: list | None = None) -> str:
    """The section's form showing `values` (the stored answers, or what was just entered) and
    `mistakes` beside their questions: entries `kept` from an earlier visit, or just sent.
    `skipped`, for a resumed taker: the (section, question) pairs passed without an answer."""
    mistakes = mistakes or {}
    questions = fieldsets.section_fieldsets(section, attempt.token, values, mistakes)
    plays_clips = any(q.kind.plays_clips for q in section.questions)
    return render_template("taking/section.html", attempt=attempt, section=section, total=total,
                           questions=questions, mistakes=mistakes, kept=kept, skipped=skipped,
                           answered_here=answered, answered_all=len(attempt.answers),
                           level_check=audio.level_check_clip() if plays_clips else None)

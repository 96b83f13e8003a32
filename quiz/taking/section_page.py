"""A section page: the area's questions as a form, with the attempt's answers ticked. Its
questions are joined from cached parts (fieldsets.py)."""

from __future__ import annotations

from flask import render_template

from .attempts import AttemptSnapshot, Section
from . import fieldsets


def render(attempt: AttemptSnapshot, section: Section, total: int, values: dict[str, list[str]],
           answered: int, mistakes: dict[str, str] | None = None) -> str:
    """The section's form showing `values` (the stored answers, or what was just entered) and
    `mistakes` beside their questions."""
    mistakes = mistakes or {}
    questions = fieldsets.section_fieldsets(section, attempt.token, values, mistakes)
    return render_template("taking/section.html", attempt=attempt, section=section, total=total,
                           questions=questions, mistakes=mistakes, answered_here=answered)

"""Restoring an old version of a question runs the bank's rules again: what was fine when it
was saved may not be now (a topic or next step since removed, a rule added since), and a
restored version must be one the loader and the editor would accept today."""

from __future__ import annotations

from quiz.domain.bank.export import question_to_dict
from quiz.domain.bank.plain import Bank
from quiz.domain.bank.rules import Known, Problem, check_question
from quiz.domain.question_types.question import Question


def problems_restoring(version: Question, bank: Bank) -> list[Problem]:
    """What today's rules find in `version`, written out as the YAML would hold it; [] when it
    may be restored."""
    _, problems = check_question({**question_to_dict(version), "area": version.area}, Known.of(bank))
    return problems

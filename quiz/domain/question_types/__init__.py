"""The question types, the bottom of the domain: one folder each (its class, its template
partials, its script), registered in `KINDS` below - the one list that names them. Adding a
type: see "Adding a question type" in docs/questions.md."""

from __future__ import annotations

from quiz.domain.question_types import registry
from quiz.domain.question_types.base import (
    SELF_REPORT,
    TESTED,
    AnswerMistake,
    InvalidAnswer,
    Option,
    QuestionType,
    Review,
    Selection,
)
from quiz.domain.question_types.checklist import Checklist
from quiz.domain.question_types.listening import Listening
from quiz.domain.question_types.ranking import Ranking
from quiz.domain.question_types.self_rating import DEFAULT_SCALE, LEGACY, SCALE, SCALES, SelfRating
from quiz.domain.question_types.single_choice import SingleChoice

KINDS: tuple[QuestionType, ...] = (SelfRating(), SingleChoice(), Checklist(), Ranking(), Listening())
registry.BY_NAME.update({kind.name: kind for kind in KINDS})
BY_NAME = registry.BY_NAME
QUESTION_TYPES = tuple(BY_NAME)  # the names a question's `type` may take
DEFAULT = BY_NAME[SingleChoice.name]  # a new question in the editor starts as this


def described() -> str:
    """Every kind of question in a taker's words: "a, b and c"."""
    words = [kind.described for kind in KINDS]
    return ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["BY_NAME", "DEFAULT", "DEFAULT_SCALE", "KINDS", "LEGACY", "QUESTION_TYPES", "SCALE", "SCALES",
           "SELF_REPORT", "TESTED", "Selection", "AnswerMistake",
           "InvalidAnswer", "Option", "QuestionType", "Review", "described"]

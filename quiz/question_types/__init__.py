"""The question types: one module each, registered in `KINDS` below - the one list that
names them. Adding a type: see "Adding a question type" in docs/questions.md."""

from __future__ import annotations

from .base import (
    SELF_REPORT,
    TESTED,
    Answer,
    AnswerMistake,
    InvalidAnswer,
    Option,
    QuestionType,
    Review,
)
from .checklist import Checklist
from .ranking import Ranking
from .self_rating import DEFAULT_SCALE, LEGACY, SCALE, SCALES, SelfRating
from .single_choice import SingleChoice

KINDS: tuple[QuestionType, ...] = (SelfRating(), SingleChoice(), Checklist(), Ranking())
BY_NAME = {kind.name: kind for kind in KINDS}
QUESTION_TYPES = tuple(BY_NAME)  # the names a question's `type` may take
DEFAULT = BY_NAME[SingleChoice.name]  # a new question in the editor starts as this


def described() -> str:
    """Every kind of question in a taker's words: "a, b and c"."""
    words = [kind.described for kind in KINDS]
    return ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["BY_NAME", "DEFAULT", "DEFAULT_SCALE", "KINDS", "LEGACY", "QUESTION_TYPES", "SCALE", "SCALES",
           "SELF_REPORT", "TESTED", "Answer", "AnswerMistake",
           "InvalidAnswer", "Option", "QuestionType", "Review", "described"]

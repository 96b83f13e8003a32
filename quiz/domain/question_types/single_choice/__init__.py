"""Scenario: a studio situation with one best answer (other options may earn part of the
points). Tests what the taker knows: the tested side of calibration."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from quiz.domain.question_types.base import TESTED, Option, Review
from quiz.domain.question_types.picks import PickType

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question


def _with_feedback(option: Option) -> str:
    return f"{option.text} - {option.feedback}" if option.feedback else option.text


class SingleChoice(PickType):
    name = "single_choice"
    label = "Scenario"
    described = "studio situations where you pick what you would do"
    role = TESTED
    shuffled = True
    keyed = True
    editor_hint = ("Give at least two options; the best one scores the most points and others may "
                   "score part of them. Each taker sees the options in an order of their own.")

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        return f'you answered "{self.chosen(question, answer)[0].text}" to "{question.prompt}"'

    def review(self, question: Question, answer: Collection[str]) -> Review | None:
        if self.fraction(question, answer) >= 1:
            return None
        best = question.option(self.best_answer(question)[0])
        return Review(yours=f"You chose: {_with_feedback(self.chosen(question, answer)[0])}",
                      stronger=f"Stronger answer: {_with_feedback(best)}")

"""What the types whose answer is a pick of options share: an option is worth its points."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from quiz.domain.question_types.base import InvalidAnswer, Option, QuestionType, Selection

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question


class PickType(QuestionType):
    """One option (radio buttons) or, with `multiple`, several (checkboxes)."""

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        found = super().problems(data, options, qid)
        if options and not any(o.points > 0 for o in options):
            found.append(("options", f"question {qid} has no option that scores points"))
        return found

    def parse(self, question: Question, values: list[str]) -> Selection:
        unknown = [v for v in values if question.option(v) is None]
        if unknown:
            raise InvalidAnswer(f"question {question.id} has no option {unknown[0]!r}")
        if len(values) != len(set(values)):
            raise InvalidAnswer(f"question {question.id}: an option was sent twice")
        if len(values) > 1 and not self.multiple:
            raise InvalidAnswer(f"question {question.id} takes one answer, got {len(values)}")
        return tuple(sorted(values))

    def possible_points(self, question: Question) -> float:
        return question.scoring_points if self.multiple else question.best_points

    def fraction(self, question: Question, answer: Collection[str]) -> float:
        points = [question.option_points.get(i, 0.0) for i in answer]
        earned = sum(points) if self.multiple else max(points, default=0.0)
        possible = self.possible_points(question)
        return earned / possible if possible else 0.0

    def chosen(self, question: Question, answer: Collection[str]) -> list[Option]:
        return [o for o in question.options if o.id in answer]

    def best_answer(self, question: Question) -> Selection:
        if self.multiple:
            return tuple(sorted(o.id for o in question.options if o.points > 0))
        return (max(question.options, key=lambda o: o.points).id,)

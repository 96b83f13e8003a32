"""Experience checklist: tick everything you have done; each item scores its points, and an
optional "none of these" item stands alone."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from pydantic import StrictBool

from quiz.domain.question_types.base import AnswerMistake, Option, Selection, quoted
from quiz.domain.question_types.fields import PointsOption, QuestionFields, with_options
from quiz.domain.question_types.picks import PickType

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question


class ChecklistOption(PointsOption):
    none: StrictBool = False  # "none of these": ticked alone, scores 0


class ChecklistFields(QuestionFields):
    options: with_options(ChecklistOption) = []


class Checklist(PickType):
    name = "checklist"
    label = "Experience checklist"
    described = "checklists of what you have already done"
    multiple = True
    needs_time_window = True
    script = "checklist.js"
    fields = ChecklistFields
    editor_hint = ("Give at least two items; each ticked item scores its points. A last item marked "
                   "\u201cNone of these\u201d scores 0 and cannot be ticked with the others.")

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        found = super().problems(data, options, qid)
        found += [(f"options.{i}.points", f"the 'none of these' option of {qid} must score 0 points")
                  for i, o in enumerate(options) if o.none and o.points]
        return found

    def parse(self, question: Question, values: list[str]) -> Selection:
        answer = super().parse(question, values)
        none = next((question.option(v) for v in answer if question.option(v).none), None)
        if none and len(answer) > 1:
            raise AnswerMistake(f"Tick {quoted(none.text)} or the items you have done, not both.")
        return answer

    def levels(self, question: Question) -> tuple[float, ...]:
        """Every sum of ticked items' points, as a share of them all."""
        possible = self.possible_points(question)
        if not possible:
            return (0.0,)
        sums = {0.0}
        for option in question.options:
            if option.points > 0:
                sums |= {s + option.points for s in sums}
        return tuple(sorted(s / possible for s in sums))

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        missing = [o.text for o in question.options if o.points > 0 and o.id not in answer]
        return f'you have not yet: {"; ".join(missing)} ("{question.prompt}")'

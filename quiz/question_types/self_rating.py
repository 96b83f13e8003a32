"""Self-rating: a statement the taker rates on a fixed 1-5 scale (reverse-scored when agreeing
means less ready). What the taker says about themselves: the self-report side of calibration."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from .base import SELF_REPORT, Option
from .picks import PickType

if TYPE_CHECKING:
    from ..bank.plain import Question

SCALE = (1, 5)
ANCHORS = {
    1: "Not at all like me",
    2: "Rarely like me",
    3: "Somewhat like me",
    4: "Mostly like me",
    5: "Exactly like me",
}


def scale_options(reverse: bool) -> tuple[Option, ...]:
    """The five scale points; reverse-scored statements give 4 points to 1."""
    low, high = SCALE
    return tuple(Option(id=str(value), text=ANCHORS[value],
                        points=float(high - value if reverse else value - low))
                 for value in range(low, high + 1))


class SelfRating(PickType):
    name = "self_rating"
    label = "Self-rating"
    described = "statements you rate from 1 to 5"
    role = SELF_REPORT
    takes_options = False
    reversible = True
    starter_rows = 0
    taker_template = "question_types/scale.html"
    editor_template = "question_types/scale_editor.html"

    def fixed_options(self, reverse: bool) -> tuple[Option, ...]:
        return scale_options(reverse)

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        found = []
        scale = data.get("scale", list(SCALE))
        if not isinstance(scale, (list, tuple)) or list(scale) != list(SCALE):
            found.append(("scale", f"self-rating scale must be {list(SCALE)} in question {qid}, "
                                   f"not {scale!r}"))
        if data.get("options"):
            found.append(("options", f"self-rating question {qid} takes no options "
                                     "(the 1-5 scale is fixed)"))
        return found

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        return f'you rated "{question.prompt}" as "{self.chosen(question, answer)[0].text}"'

"""Self-rating: a statement the taker rates on a fixed 1-5 behaviour scale (reverse-scored when
a high rating means less ready). What the taker says about themselves: the self-report side of
calibration.

The named scales are defined here and nowhere else. `ability` (the default) anchors each point
in what the person can do; `frequency` in how often they do a concrete thing. Versions saved
before the scales existed store no scale name and keep the old "like me" anchors (LEGACY), so
their attempts' reports read exactly as before.

A statement about something the taker may never have had the chance to do
(`needs_experience: true`) also offers "I haven't had the chance yet": stored as the taker's
answer but never scored, so the question counts as unanswered for its area.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, StrictBool
from pydantic_core import PydanticCustomError

from quiz.domain.question_types.base import SELF_REPORT, Option, Selection
from quiz.domain.question_types.fields import QuestionFields
from quiz.domain.question_types.picks import PickType

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question

SCALE = (1, 5)


@dataclass(frozen=True)
class Scale:
    name: str | None  # as written in the YAML (`scale: ability`); None for the legacy scale
    hint: str  # the taker's instruction above the five points
    anchors: tuple[str, str, str, str, str]  # the labels of points 1..5


SCALES = {
    "ability": Scale("ability", "How well can you do this? 1 = not yet, 5 = you could teach it.",
                     ("Not yet", "With help", "On my own", "Reliably", "Could teach it")),
    "frequency": Scale("frequency", "How often do you do this? 1 = never, 5 = every time.",
                       ("Never", "Now and then", "About half the time", "Most times", "Every time")),
}
DEFAULT_SCALE = "ability"
LEGACY = Scale(None, "How much is this like you? 1 = not at all like me, 5 = exactly like me.",
               ("Not at all like me", "Rarely like me", "Somewhat like me", "Mostly like me",
                "Exactly like me"))

NOT_YET = Option(id="not-yet", text="I haven't had the chance yet")


def scale_of(name: str | None) -> Scale:
    """A scale by its stored name; None (a version saved before named scales) is the legacy one."""
    return LEGACY if name is None else SCALES[name]


def scale_options(reverse: bool, scale: str | None = None,
                  needs_experience: bool = False) -> tuple[Option, ...]:
    """The five scale points (reverse-scored statements give 4 points to 1), then "I haven't
    had the chance yet" when the statement needs experience the taker may not have had."""
    low, high = SCALE
    anchors = scale_of(scale).anchors
    points = tuple(Option(id=str(value), text=anchors[value - low],
                          points=float(high - value if reverse else value - low))
                   for value in range(low, high + 1))
    return points + ((NOT_YET,) if needs_experience else ())


def _scale(value: Any) -> Any:
    """Absent or blank: the default scale; [1, 5]: the legacy "like me" scale of versions saved
    before the named scales (stored as no name); else one of the named scales."""
    if value is None:
        return DEFAULT_SCALE
    if isinstance(value, (list, tuple)) and list(value) == list(SCALE):
        return None
    if isinstance(value, str) and value in SCALES:
        return value
    raise PydanticCustomError("scale", "must be {named}, not {value}",
                              {"named": " or ".join(SCALES), "value": repr(value)})


class SelfRatingFields(QuestionFields):
    """A statement rated on a fixed scale: no written options."""

    reverse: StrictBool = False
    scale: Annotated[str | None, BeforeValidator(_scale)] = DEFAULT_SCALE
    needs_experience: StrictBool = False


class SelfRating(PickType):
    name = "self_rating"
    label = "Self-rating"
    described = "statements you rate from 1 to 5"
    role = SELF_REPORT
    takes_options = False
    reversible = True
    starter_rows = 0
    fields = SelfRatingFields
    taker_template = "question_types/scale.html"
    editor_template = "question_types/scale_editor.html"

    def fixed_options(self, reverse: bool, scale: str | None,
                      needs_experience: bool) -> tuple[Option, ...]:
        return scale_options(reverse, scale, needs_experience)

    def export_fields(self, question: Question) -> dict:
        data: dict = {"scale": question.scale or list(SCALE)}
        if question.needs_experience:
            data["needs_experience"] = True
        return data

    def scored(self, question: Question, answer: Collection[str]) -> Selection:
        """The answer "I haven't had the chance yet" is kept but scores like no answer."""
        return () if NOT_YET.id in answer else tuple(answer)

    def levels(self, question: Question) -> tuple[float, ...]:
        return tuple(sorted({self.fraction(question, (o.id,)) for o in question.options
                             if o.id != NOT_YET.id}))

    def key_rows(self, question: Question) -> list[tuple[Option, str]]:
        return [(o, "not scored" if self.off_scale(o) else f"{o.points:g}") for o in question.options]

    def hint(self, question: Question) -> str:
        return scale_of(question.scale).hint

    def off_scale(self, option: Option) -> bool:
        """Whether an option stands apart from the five points ("I haven't had the chance yet")."""
        return option.id == NOT_YET.id

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        return f'you rated "{question.prompt}" as "{self.chosen(question, answer)[0].text}"'

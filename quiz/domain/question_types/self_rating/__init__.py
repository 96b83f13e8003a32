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

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quiz.domain.question_types.base import SELF_REPORT, Answer, Option
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

    def own_fields(self, data: Mapping) -> dict:
        scale = data.get("scale")
        if isinstance(scale, (list, tuple)):
            scale = None  # the legacy form, [1, 5]
        elif not isinstance(scale, str) or scale not in SCALES:
            scale = DEFAULT_SCALE  # absent (or wrong, which `problems` reports)
        return {"scale": scale, "needs_experience": data.get("needs_experience") is True}

    def fixed_options(self, reverse: bool, scale: str | None,
                      needs_experience: bool) -> tuple[Option, ...]:
        return scale_options(reverse, scale, needs_experience)

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        found = []
        scale = data.get("scale")
        # A list [1, 5] is the legacy "like me" scale, as exported from versions saved before
        # the named scales.
        legacy = isinstance(scale, (list, tuple)) and list(scale) == list(SCALE)
        if scale is not None and not legacy and (not isinstance(scale, str) or scale not in SCALES):
            found.append(("scale", f"self-rating scale must be {' or '.join(SCALES)} in "
                                   f"question {qid}, not {scale!r}"))
        if not isinstance(data.get("needs_experience", False), bool):
            found.append(("needs_experience", f"needs_experience must be true or false in question "
                                              f"{qid}, not {data['needs_experience']!r}"))
        if data.get("options"):
            found.append(("options", f"self-rating question {qid} takes no options "
                                     "(the 1-5 scale is fixed)"))
        return found

    def export_fields(self, question: Question) -> dict:
        data: dict = {"scale": question.scale or list(SCALE)}
        if question.needs_experience:
            data["needs_experience"] = True
        return data

    def scored(self, question: Question, answer: Collection[str]) -> Answer:
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

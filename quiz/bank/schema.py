"""Plain, immutable description of a question bank.

Pure Python: the scoring engine, the YAML loader and the database layer all
speak in these types, so none of them depends on the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


class InvalidAnswer(ValueError):
    """A submitted answer that no honest form could have produced."""

SELF_RATING = "self_rating"
SINGLE_CHOICE = "single_choice"
CHECKLIST = "checklist"
QUESTION_TYPES = (SELF_RATING, SINGLE_CHOICE, CHECKLIST)
# Types whose answer is the set of options chosen (not, say, an ordering of all of them).
CHOICE_TYPES = (SELF_RATING, SINGLE_CHOICE, CHECKLIST)

TYPE_LABELS = {
    SELF_RATING: "Self-rating",
    SINGLE_CHOICE: "Scenario",
    CHECKLIST: "Experience checklist",
}

LIKERT_SCALE = (1, 5)
LIKERT_ANCHORS = {
    1: "Not at all like me",
    2: "Rarely like me",
    3: "Somewhat like me",
    4: "Mostly like me",
    5: "Exactly like me",
}


def likert_options(reverse: bool) -> tuple["Option", ...]:
    """The five scale points; reverse-scored statements give 4 points to 1."""
    low, high = LIKERT_SCALE
    return tuple(
        Option(id=str(value), text=LIKERT_ANCHORS[value],
               points=float(high - value if reverse else value - low))
        for value in range(low, high + 1)
    )


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    description: str
    weight: float = 1.0


@dataclass(frozen=True)
class Topic:
    id: str
    description: str


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    author: str
    good_for: str


@dataclass(frozen=True)
class NextStep:
    id: str
    area: str
    title: str
    detail: str
    resource: str | None = None


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    points: float = 0.0
    feedback: str = ""
    none: bool = False  # checklist "none of these": exclusive, scores nothing


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    type: str
    prompt: str
    weight: float = 1.0
    topics: tuple[str, ...] = ()
    feedback: str = ""
    next_step: str | None = None
    resource: str | None = None
    reverse: bool = False
    options: tuple[Option, ...] = ()
    retired: bool = False
    # Database version id; None for a bank read straight from YAML.
    version_id: int | None = field(default=None, compare=False)

    @property
    def multiple(self) -> bool:
        """Whether the taker may tick several options."""
        return self.type == CHECKLIST

    @property
    def options_are_choices(self) -> bool:
        """Whether an answer is the set of options the taker chose, so counting how often each
        option was chosen (the statistics' distractor analysis) means something."""
        return self.type in CHOICE_TYPES

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @cached_property
    def _points(self) -> dict[str, float]:
        return {o.id: o.points for o in self.options}

    @cached_property
    def _possible(self) -> float:
        if self.multiple:
            return sum(p for p in self._points.values() if p > 0)
        return max(self._points.values(), default=0.0)

    def possible_points(self) -> float:
        return self._possible

    def earned_points(self, option_ids: frozenset[str]) -> float:
        points = [self._points.get(i, 0.0) for i in option_ids]
        return sum(points) if self.multiple else max(points, default=0.0)

    def fraction(self, option_ids: frozenset[str]) -> float:
        """Share of this question's points earned by a selection, 0..1."""
        possible = self.possible_points()
        return self.earned_points(option_ids) / possible if possible else 0.0

    def parse_selection(self, values: list[str]) -> frozenset[str]:
        """Turn submitted option ids into a selection, refusing tampered input.

        An empty list means the question was skipped.
        """
        unknown = [v for v in values if self.option(v) is None]
        if unknown:
            raise InvalidAnswer(f"question {self.id} has no option {unknown[0]!r}")
        if len(values) != len(set(values)):
            raise InvalidAnswer(f"question {self.id}: an option was sent twice")
        if len(values) > 1 and not self.multiple:
            raise InvalidAnswer(f"question {self.id} takes one answer, got {len(values)}")
        chosen = frozenset(values)
        if len(chosen) > 1 and any(self.option(v).none for v in chosen):
            raise InvalidAnswer(
                f"question {self.id}: 'none of these' cannot be ticked with other items"
            )
        return chosen


@dataclass(frozen=True)
class Bank:
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    topics: tuple[Topic, ...] = ()
    resources: tuple[Resource, ...] = ()
    next_steps: tuple[NextStep, ...] = ()

    @cached_property
    def _by_area(self) -> dict[str, list[Question]]:
        groups: dict[str, list[Question]] = {a.key: [] for a in self.areas}
        for question in self.questions:
            groups.setdefault(question.area, []).append(question)
        return groups

    def area(self, key: str) -> Area:
        return next(a for a in self.areas if a.key == key)

    def questions_in(self, area_key: str) -> list[Question]:
        return list(self._by_area.get(area_key, ()))

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def resource(self, resource_id: str | None) -> Resource | None:
        return next((r for r in self.resources if r.id == resource_id), None)

    @cached_property
    def _steps(self) -> dict[str, NextStep]:
        return {s.id: s for s in self.next_steps}

    def next_step(self, step_id: str | None) -> NextStep | None:
        return self._steps.get(step_id)

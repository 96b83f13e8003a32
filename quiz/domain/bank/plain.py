"""Plain, immutable description of a question bank.

Pure Python: the scoring engine, the YAML loader and the database layer all
speak in these types, so none of them depends on the others. What differs between
kinds of question is asked of `Question.kind`; the question and its options live with
the question types (`quiz.domain.question_types.question`), the bottom of the domain.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from quiz.domain.question_types.question import Question


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
class Bank:
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    topics: tuple[Topic, ...] = ()
    resources: tuple[Resource, ...] = ()
    next_steps: tuple[NextStep, ...] = ()

    def offered(self) -> Bank:
        """What a new attempt gets: this bank without its retired questions (a bank read from
        YAML keeps them, so that past reports still show them)."""
        return replace(self, questions=tuple(q for q in self.questions if not q.retired))

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

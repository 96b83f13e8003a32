"""A question and its options, as plain immutable values: what every question type reads,
and what the bank, the scoring engine and the database layer speak in.

Pure Python. What differs between kinds of question is asked of `Question.kind`, looked up
by name in the registry that the package fills (`quiz.domain.question_types`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from quiz.domain.question_types import registry

if TYPE_CHECKING:
    from quiz.domain.audio import Stimulus


class QuestionKind(Protocol):
    """What this module needs of a question type (`quiz.question_types.QuestionType`)."""

    def fraction(self, question: Question, answer: Collection[str]) -> float: ...

    def scored(self, question: Question, answer: Collection[str]) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    points: float = 0.0
    feedback: str = ""
    none: bool = False  # "none of these": exclusive, scores nothing (types with a "none" field)



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
    # Why the keyed answer is what a working producer would do: for instructors (preview,
    # export) and the finished report, never shown while the quiz is being taken.
    rationale: str = ""
    # Self-ratings: the named behaviour scale (None: the legacy "like me" scale of versions
    # saved before the named scales), and whether "I haven't had the chance yet" is offered.
    scale: str | None = None
    needs_experience: bool = False
    # Listening questions: what their clips are generated from (quiz.domain.audio).
    stimulus: Stimulus | None = None
    # Database version id; None for a bank read straight from YAML.
    version_id: int | None = field(default=None, compare=False)

    @cached_property
    def kind(self) -> QuestionKind:
        """The question's type: its rules, parsing, scoring and wording."""
        return registry.BY_NAME[self.type]

    def option(self, option_id: str) -> Option | None:
        return self._options_by_id.get(option_id)

    def chosen_texts(self, answer: Collection[str]) -> str:
        """The chosen options' texts in the answer's order, for a person reading an export."""
        return "; ".join(option.text for option_id in answer if (option := self.option(option_id)))

    @cached_property
    def _options_by_id(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @cached_property
    def option_points(self) -> dict[str, float]:
        return {o.id: o.points for o in self.options}

    @cached_property
    def option_positions(self) -> dict[str, int]:
        """Option id -> place in the written order (0-based)."""
        return {o.id: i for i, o in enumerate(self.options)}

    @cached_property
    def best_points(self) -> float:
        """The most any one option scores."""
        return max(self.option_points.values(), default=0.0)

    @cached_property
    def scoring_points(self) -> float:
        """What all the options that score add up to."""
        return sum(p for p in self.option_points.values() if p > 0)

    def scored_answer(self, answer: Collection[str]) -> tuple[str, ...]:
        """What of a stored answer is scored; empty (skipped, or "I haven't had the chance
        yet") counts as unanswered."""
        return self.kind.scored(self, answer)

    def fraction(self, answer: Collection[str]) -> float:
        """Share of this question's points an answer earns, 0..1."""
        return self.kind.fraction(self, answer)

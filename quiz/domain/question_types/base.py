"""What every question type provides, and the answers they work on.

A type is a small class: the rules its options follow, how a form post becomes an answer,
what an answer is worth, how the report words it, the order a taker sees the options in,
how it is exported, and which template partials show it. Everything else asks the type.

Pure Python: no Flask, no SQLAlchemy. The types build on the plain bank (`quiz.bank.plain`,
which holds `Option` and `Question`); it asks them for nothing at import time.
"""

from __future__ import annotations

import hashlib
import inspect
import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from quiz.domain.question_types.fields import OptionFields, PointsQuestion, QuestionFields, option_model
from quiz.domain.question_types.question import Option, Question

# An answer as stored: option ids, in the taker's order where the type cares about order
# (ranking), sorted otherwise. Empty means skipped.
Selection = tuple[str, ...]

SELF_REPORT = "self"  # roles for calibration: what the taker says about themselves ...
TESTED = "tested"  # ... and what their answers show


class InvalidAnswer(ValueError):
    """A submitted answer that no honest form could have produced (answered with a plain 400)."""


class AnswerMistake(ValueError):
    """A mistake a person can make by hand on the form; the message is shown to them beside
    the question (the page comes back with status 422 and everything they entered)."""


@dataclass(frozen=True)
class Review:
    """An answer that fell short, worded for the report next to what would have been stronger."""

    yours: str
    stronger: str


def quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def shuffled(options: tuple[Option, ...], seed: str, question_id: str) -> tuple[Option, ...]:
    """`options` in the order the attempt `seed` sees them in question `question_id`, the same
    on every visit."""
    order = list(options)
    random.Random(hashlib.sha256(f"{seed}:{question_id}".encode()).digest()).shuffle(order)
    return tuple(order)


class QuestionType:
    name: ClassVar[str]  # as written in the YAML and stored with each question version
    label: ClassVar[str]  # what instructors read
    described: ClassVar[str]  # what takers read on the start page: "statements you rate ..."
    role: ClassVar[str | None] = None  # SELF_REPORT, TESTED or neither, for calibration
    shuffled: ClassVar[bool] = False  # each attempt sees the options in an order of its own
    multiple: ClassVar[bool] = False  # the taker may pick several options
    # An answer is the set of options chosen, so counting how often each was chosen (the
    # statistics' distractor analysis) means something; not so for an ordering of them all.
    options_are_choices: ClassVar[bool] = True
    takes_options: ClassVar[bool] = True  # False: the type brings its own (a fixed scale)
    reversible: ClassVar[bool] = False  # "reverse: true" makes agreeing score low
    # The schema of a question of this type, options included (`quiz.domain.question_types.fields`):
    # the fields the YAML, the editor and a restored version may hold, each of its type.
    fields: ClassVar[type[QuestionFields]] = PointsQuestion
    # The taker rates every option on these levels, lowest first (the timing estimate reads them
    # once per section, like a fixed scale); empty: the taker picks options instead.
    rating_levels: ClassVar[tuple[str, ...]] = ()
    option_count: ClassVar[tuple[int, int | None]] = (2, None)  # fewest, most (None: no limit)
    starter_rows: ClassVar[int] = 3  # option rows on a blank editor form
    taker_template: ClassVar[str] = "question_types/choices.html"
    editor_template: ClassVar[str] = "question_types/options_editor.html"
    editor_hint: ClassVar[str] = ""
    # The type's own script in its folder's static/ (progressive enhancement only), or None.
    script: ClassVar[str | None] = None
    key_heading: ClassVar[str] = "Points"  # the preview's column for what each option is worth
    # The key is a judgement experienced producers must agree on: its `rationale` is required
    # (a warning in `bank check`, an error with --strict).
    keyed: ClassVar[bool] = False
    # Asks what the taker has done: the prompt must state a time window ("in the last two years").
    needs_time_window: ClassVar[bool] = False
    # Plays generated clips: `clips(question)` gives them, and a section with such a question
    # starts with a level check.
    plays_clips: ClassVar[bool] = False

    @property
    def folder(self) -> Path:
        """The type's own folder: its module, templates/ and static/ (Moodle's qtype habit)."""
        return Path(inspect.getfile(type(self))).parent

    # --- the bank's rules -------------------------------------------------------------

    @property
    def option_model(self) -> type[OptionFields] | None:
        """The schema of one written option; None for a type that brings its own options."""
        return option_model(self.fields)

    @property
    def option_fields(self) -> tuple[str, ...]:
        """What an option has beyond its id and text (the editor's rows, the YAML)."""
        model = self.option_model
        return tuple(name for name in model.model_fields if name not in ("id", "text")) if model else ()

    def completed_options(self, options: tuple[Option, ...]) -> tuple[Option, ...]:
        """The options as written, with any the type adds to every question of its own."""
        return options

    def written_options(self, question: Question) -> tuple[Option, ...]:
        """The options as written in the YAML and the editor: without those the type adds."""
        return question.options

    def fixed_options(self, reverse: bool, **own_fields) -> tuple[Option, ...]:
        """The options of a type that brings its own (see `takes_options`), given `reverse`
        and the type's own fields."""
        raise NotImplementedError

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        """What is wrong with a question of this type beyond the rules every question
        follows, as (field, message) pairs."""
        fewest, most = self.option_count
        if len(options) < fewest:
            return [("options", f"question {qid} needs at least {_count(fewest)} options")]
        if most is not None and len(options) > most:
            return [("options", f"question {qid} takes at most {_count(most)} options, not {len(options)}")]
        return []

    # --- answers ----------------------------------------------------------------------

    def input_names(self, question: Question, name: str) -> list[str]:
        """The names of the question's form inputs, for a question named `name` ("q-<id>")."""
        return [name]

    def input_name(self, question: Question, name: str, value: str) -> str:
        """Which of the question's inputs posts `value` (one of `input_names`)."""
        return name

    def posted(self, question: Question, form, name: str) -> list[str]:
        """The values a form post (anything with `getlist`, such as Flask's `request.form`) holds
        for the question named `name`, from every one of its inputs."""
        return [value for field in self.input_names(question, name) for value in form.getlist(field)]

    def parse(self, question: Question, values: list[str]) -> Selection:
        """A form post's values for this question as an answer; raises InvalidAnswer for
        forged input and AnswerMistake for a mistake made by hand."""
        raise NotImplementedError

    def form_values(self, question: Question, answer: Collection[str]) -> list[str]:
        """The values a form posts for `answer` (to show a stored answer in the form again)."""
        return list(answer)

    def option_values(self, question: Question, option: Option) -> tuple[str, ...]:
        """Every value `option`'s input can post; the section page's HTML cache renders the
        option unticked and with each of these ticked."""
        return (option.id,)

    def display_options(self, question: Question, seed: str) -> tuple[Option, ...]:
        """The options in the order this attempt shows them, the same on every visit."""
        return shuffled(question.options, seed, question.id) if self.shuffled else question.options

    # --- scoring and the report's words ---------------------------------------------

    def scored(self, question: Question, answer: Collection[str]) -> Selection:
        """The part of a stored answer that is scored; empty: it counts as unanswered."""
        return tuple(answer)

    def excused(self, answer: Collection[str]) -> bool:
        """Whether a stored answer says the taker could not take the question at all ("I can't
        listen right now"), which is no judgement of their skill: the question then leaves
        the area's two-thirds rule, so a taker without headphones is scored on the rest."""
        return False

    def fraction(self, question: Question, answer: Collection[str]) -> float:
        """Share of the question's points an answer earns, 0..1."""
        raise NotImplementedError

    def best_answer(self, question: Question) -> Selection:
        raise NotImplementedError

    def levels(self, question: Question) -> tuple[float, ...]:
        """Every share of points an answer can earn, lowest first (the measurement model's
        floor on an answer's spread); here, one option picked."""
        return tuple(sorted({self.fraction(question, (o.id,)) for o in question.options}))

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        """The answer in words, for "because you ..." in the next steps."""
        raise NotImplementedError

    def review(self, question: Question, answer: Collection[str]) -> Review | None:
        """Words for an answer worth revisiting, or None (nothing to revisit for this type)."""
        return None

    def key_rows(self, question: Question) -> list[tuple[Option, str]]:
        """Each option with what it is worth, for the instructor's preview."""
        return [(o, f"{o.points:g}") for o in question.options]

    def export_fields(self, question: Question) -> dict:
        """The type's own fields (those of its `fields` beyond every question's) as written in the YAML."""
        return {}

    def export_option(self, option: Option) -> dict:
        data: dict = {"id": option.id, "text": option.text}
        if "points" in self.option_fields:
            data["points"] = int(option.points) if float(option.points).is_integer() else option.points
        if option.feedback:
            data["feedback"] = option.feedback
        if option.none:
            data["none"] = True
        return data


def _count(number: int) -> str:
    return {2: "two", 3: "three"}.get(number, str(number))

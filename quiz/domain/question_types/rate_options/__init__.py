"""Rate each option (situational judgement): a studio situation and 3-5 ways to respond; the taker
rates every response on four levels, from "a poor idea" to "a very good idea", and each response
has a key rating with its rationale. So a response that is good but not the best is scored as
such, an answer that would combine two good responses is no problem, and one scenario gives
several data points.

Score: the mean over the responses of 1 - |rating - key rating| / (the furthest any rating can
be from that key), so the key's ratings score 1 and a response rated at the far end of the
scale from its key scores 0, wherever the key is: a key of 1 or 4 can be missed by three levels,
one of 2 or 3 by two. So the worst answer to every question scores 0 and the best 1, as for
every other type; the item statistics and the "+100 per area" retake figures need both ends.

Partly rated: a mistake the taker is shown (like a ranking with a position left blank), never a
partial score: "rate every response, or none to skip the question". So every score of a question
is over the same responses and the item statistics compare like with like. None rated: skipped.

On the form each response is a fieldset of four radio buttons of its own name (works without
JavaScript); each posts "<option id>:<rating>".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from quiz.domain.question_types.base import (
    TESTED,
    AnswerMistake,
    InvalidAnswer,
    Option,
    QuestionType,
    Review,
    Selection,
    quoted,
)
from quiz.domain.question_types.fields import OptionFields, QuestionFields, Text, with_options

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question

LEVELS = ("a poor idea", "not a good idea", "a good idea", "a very good idea")  # ratings 1..4
RATINGS = range(1, len(LEVELS) + 1)


def _whole_number(value: Any) -> Any:
    """A rating as written: true/false is no rating (pydantic would read it as 1 or 0)."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


class RatedOption(OptionFields):
    key_rating: Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=len(LEVELS))]
    rationale: Text


class RateOptionsFields(QuestionFields):
    options: with_options(RatedOption) = []


def level(rating: int) -> str:
    return LEVELS[rating - 1]


def ratings(answer: Collection[str]) -> dict[str, int]:
    """Option id -> the taker's rating, from a stored answer ("a:4", "b:1", ...)."""
    found = {}
    for value in answer:
        option_id, _, rating = value.partition(":")
        found[option_id] = int(rating)
    return found


def furthest(key: int) -> int:
    """How far a rating can be from this key: to the far end of the scale."""
    return max(key - RATINGS[0], RATINGS[-1] - key)


def closeness(rating: int, key: int) -> float:
    return 1 - abs(rating - key) / furthest(key)


class RateOptions(QuestionType):
    name = "rate_options"
    label = "Rate each option"
    described = "studio situations where you rate each way to respond"
    role = TESTED
    shuffled = True
    options_are_choices = False  # every option gets a rating: counting picks means nothing
    fields = RateOptionsFields
    option_count = (3, 5)
    starter_rows = 4
    taker_template = "question_types/rate_options.html"
    editor_hint = ("Give three to five responses, each with its key rating from 1 (a poor idea) to 4 "
                   "(a very good idea) and the rationale for it; use both ends of the scale. Takers "
                   "rate each response and score by how close each rating is to the key.")
    key_heading = "Key rating"
    rating_levels = LEVELS

    def problems(self, data: Mapping, options: tuple[Option, ...], qid: str) -> list[tuple[str, str]]:
        found = super().problems(data, options, qid)
        keys = {o.key_rating for o in options}
        if options and not (min(keys) <= 2 < max(keys)):
            found.append(("options", f"question {qid} needs at least one response keyed a good idea "
                                     "(3 or 4) and one keyed not a good idea (1 or 2): a taker who rates "
                                     "every response alike must not score well"))
        return found

    def input_names(self, question: Question, name: str) -> list[str]:
        """Each option's radio buttons are a group of their own."""
        return [f"{name}-{option.id}" for option in question.options]

    def input_name(self, question: Question, name: str, value: str) -> str:
        return f"{name}-{value.partition(':')[0]}"

    def parse(self, question: Question, values: list[str]) -> Selection:
        given: dict[str, int] = {}
        for value in values:
            option_id, colon, rating = value.partition(":")
            if not colon or question.option(option_id) is None or option_id in given:
                raise InvalidAnswer(f"question {question.id}: no option or a repeated option in {value!r}")
            if rating not in map(str, RATINGS):
                raise InvalidAnswer(f"question {question.id}: no rating {rating!r}")
            given[option_id] = int(rating)
        if not given:
            return ()
        if len(given) < len(question.options):
            raise AnswerMistake("Rate every response, or leave them all unrated to skip this question.")
        return tuple(sorted(f"{option_id}:{rating}" for option_id, rating in given.items()))

    def option_values(self, question: Question, option: Option) -> tuple[str, ...]:
        return tuple(f"{option.id}:{rating}" for rating in RATINGS)

    def fraction(self, question: Question, answer: Collection[str]) -> float:
        given = ratings(answer)
        rated = [o for o in question.options if o.id in given]
        if not rated:
            return 0.0
        return sum(closeness(given[o.id], o.key_rating) for o in rated) / len(rated)

    def levels(self, question: Question) -> tuple[float, ...]:
        """Every mean closeness a full rating can reach: each option's closeness at every
        distance from its key, up to the far end of the scale, averaged over the options."""
        sums = {Fraction(0)}  # exact, so equal means are one level
        for option in question.options:
            reach = furthest(option.key_rating)
            sums = {total + Fraction(reach - gap, reach) for total in sums for gap in range(reach + 1)}
        return tuple(float(total / len(question.options)) for total in sorted(sums))

    def best_answer(self, question: Question) -> Selection:
        return tuple(sorted(f"{o.id}:{o.key_rating}" for o in question.options))

    def _furthest(self, question: Question, answer: Collection[str]) -> Option | None:
        """The response rated furthest from its key (first in the written order on a tie); None
        when every rating is the key's."""
        given = ratings(answer)
        off = [(abs(given[o.id] - o.key_rating), -i, o) for i, o in enumerate(question.options)
               if o.id in given and given[o.id] != o.key_rating]
        return max(off, key=lambda gap: gap[:2])[2] if off else None

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        option = self._furthest(question, answer)
        if option is None:
            return f"you rated every response as an experienced producer would ({quoted(question.prompt)})"
        rating = ratings(answer)[option.id]
        return (f"you rated {quoted(option.text)} as {level(rating)}; an experienced producer rates it "
                f"{level(option.key_rating)} ({quoted(question.prompt)})")

    def review(self, question: Question, answer: Collection[str]) -> Review | None:
        given = ratings(answer)
        off = [o for o in question.options if o.id in given and given[o.id] != o.key_rating]
        if not off:
            return None
        return Review(
            yours="You rated: " + "; ".join(f"{quoted(o.text)} {level(given[o.id])}" for o in off) + ".",
            stronger="An experienced producer: " + "; ".join(
                f"{quoted(o.text)} {level(o.key_rating)} - {o.rationale}" for o in off))

    def key_rows(self, question: Question) -> list[tuple[Option, str]]:
        return [(o, f"{o.key_rating} ({level(o.key_rating)})") for o in question.options]

    def export_option(self, option: Option) -> dict:
        data: dict = {"id": option.id, "text": option.text, "key_rating": option.key_rating,
                      "rationale": option.rationale}
        if option.feedback:
            data["feedback"] = option.feedback
        return data

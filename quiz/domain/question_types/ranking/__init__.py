"""Ranking: put 3-7 items in the order you would do them. The key is the order the items are
written in (in the YAML and in the instructor's editor).

Score: 1 - the normalised Spearman footrule distance between the taker's order and the key,
    footrule = sum over items of |taker's position - key position|,
    normalised by its largest possible value, floor(n * n / 2) (the key reversed).
So the key order scores 1 and the reversed order 0. Swapping two neighbours that are out of
key order never lowers the score (it lowers the footrule by 2 or leaves it unchanged).

On the form every item has a position select (1..n), so it works without JavaScript; each
select posts "<item id>:<position>", or "<item id>:" when left blank.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

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
from quiz.domain.question_types.fields import OptionFields, QuestionFields, with_options

if TYPE_CHECKING:
    from quiz.domain.question_types.question import Question


def positions(key: Sequence[str]) -> dict[str, int]:
    return {item: place for place, item in enumerate(key)}


def footrule(order: Sequence[str], key: Mapping[str, int]) -> int:
    """Spearman's footrule distance between an order and the key (item -> key position)."""
    return sum(abs(place - key[item]) for place, item in enumerate(order))


def agreement(order: Sequence[str], key: Mapping[str, int]) -> float:
    """1 - normalised footrule: 1 for the key order, 0 for the key reversed."""
    largest = len(key) * len(key) // 2
    return 1 - footrule(order, key) / largest if largest else 1.0


def worst_swap(order: Sequence[str], key: Mapping[str, int]) -> tuple[str, str] | None:
    """The pair the taker put the wrong way round that lies furthest apart in the key
    (first in the key breaks ties), as (put first, belongs first); None if there is none."""
    swapped = [(key[early] - key[late], key[late], early, late)
               for i, early in enumerate(order) for late in order[i + 1:]
               if key[early] > key[late]]
    if not swapped:
        return None
    _, _, early, late = max(swapped, key=lambda s: (s[0], -s[1]))
    return early, late


class RankingFields(QuestionFields):
    options: with_options(OptionFields) = []


class Ranking(QuestionType):
    name = "ranking"
    label = "Ranking"
    described = "lists you put in the order you would work through them"
    role = TESTED
    shuffled = True
    keyed = True
    options_are_choices = False
    fields = RankingFields  # items take no points: their order is the key
    option_count = (3, 7)
    starter_rows = 4
    taker_template = "question_types/ranking.html"
    script = "ranking.js"
    editor_hint = ("Give three to seven items in the order an experienced producer would put them: "
                   "that order is the key (\u201cMove up\u201d changes it). Takers see the items in an "
                   "order of their own and score by how close they come to the key.")
    key_heading = "Key position"

    def parse(self, question: Question, values: list[str]) -> Selection:
        count = len(question.options)
        positions: dict[str, int | None] = {}
        for value in values:
            item, colon, position = value.partition(":")
            if not colon or question.option(item) is None or item in positions:
                raise InvalidAnswer(f"question {question.id}: no item or a repeated item in {value!r}")
            if position not in ("", *map(str, range(1, count + 1))):
                raise InvalidAnswer(f"question {question.id}: no position {position!r}")
            positions[item] = int(position) if position else None
        if values and len(positions) != count:
            raise InvalidAnswer(f"question {question.id}: {len(positions)} of {count} items sent")
        given = {item: p for item, p in positions.items() if p is not None}
        if not given:
            return ()  # every select left blank: skipped
        if len(given) < count:
            raise AnswerMistake(f"Give every item a position from 1 to {count}, "
                                "or leave them all blank to skip this question.")
        holders: dict[int, list[str]] = {}
        for item, position in given.items():
            holders.setdefault(position, []).append(item)
        shared = next((p for p in sorted(holders) if len(holders[p]) > 1), None)
        if shared is not None:
            first, second = (question.option(i).text for i in holders[shared][:2])
            missing = ", ".join(str(p) for p in range(1, count + 1) if p not in holders)
            raise AnswerMistake(f"Use each position once: {quoted(first)} and {quoted(second)} are "
                                f"both at {shared}, and nothing is at {missing}.")
        return tuple(sorted(given, key=given.get))

    def form_values(self, question: Question, answer: Collection[str]) -> list[str]:
        return [f"{item}:{position}" for position, item in enumerate(answer, start=1)]

    def option_values(self, question: Question, option: Option) -> tuple[str, ...]:
        return tuple(f"{option.id}:{position}" for position in range(1, len(question.options) + 1))

    def fraction(self, question: Question, answer: Collection[str]) -> float:
        return agreement(tuple(answer), question.option_positions)

    def levels(self, question: Question) -> tuple[float, ...]:
        """The footrule takes every even value from 0 to its largest, floor(n * n / 2)."""
        largest = len(question.options) ** 2 // 2
        return tuple(sorted(1 - distance / largest for distance in range(0, largest + 1, 2)))

    def best_answer(self, question: Question) -> Selection:
        return tuple(o.id for o in question.options)  # the key: the order they are written in

    def _swap_words(self, question: Question, answer: Collection[str]) -> str | None:
        swap = worst_swap(tuple(answer), question.option_positions)
        if swap is None:
            return None
        early, late = (question.option(i).text for i in swap)
        return (f"you put {quoted(early)} before {quoted(late)}; an experienced producer would "
                f"put {quoted(late)} first")

    def answer_text(self, question: Question, answer: Collection[str]) -> str:
        words = self._swap_words(question, answer) or "you put every item in the key order"
        return f"{words} ({quoted(question.prompt)})"

    def review(self, question: Question, answer: Collection[str]) -> Review | None:
        words = self._swap_words(question, answer)
        if words is None:
            return None
        key = "; ".join(f"{n}. {o.text}" for n, o in enumerate(question.options, start=1))
        return Review(yours=words[0].upper() + words[1:] + ".",
                      stronger=f"An experienced producer's order: {key}.")

    def key_rows(self, question: Question) -> list[tuple[Option, str]]:
        return [(o, str(n)) for n, o in enumerate(question.options, start=1)]

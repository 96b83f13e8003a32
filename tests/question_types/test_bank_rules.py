"""Each type's own bank rules (`problems`), checked through the bank's question rules with the
field and the message an instructor reads, and the figures a type gives the report and the
instructor's preview (levels, key rows, export)."""

from __future__ import annotations

import pytest

from quiz.bank import rules
from quiz.bank.rules import Problem
from quiz.question_types import BY_NAME
from quiz.question_types.base import Option
from quiz.question_types.ranking import agreement
from tests.factories import checklist, choice, ranking

KNOWN = rules.Known(areas=frozenset({"technical"}), topics=frozenset({"skill-technical"}),
                    next_steps=frozenset(), resources=frozenset())


def question(kind: str, options=None, **fields) -> dict:
    data = {"id": "q1", "area": "technical", "type": kind, "prompt": "P?", "topics": ["skill-technical"],
            **fields}
    if options is not None:
        data["options"] = [{"id": f"o{i}", "text": f"Option {i}", **o} for i, o in enumerate(options)]
    return data


def problems_of(data: dict) -> list[Problem]:
    return rules.check_question(data, KNOWN)[1]


@pytest.mark.parametrize("data, expected", [
    (question("single_choice", [{"points": 1}]),
     [Problem("options", "question q1 needs at least two options")]),
    (question("single_choice"), [Problem("options", "question q1 needs at least two options")]),
    (question("ranking", [{}, {}]), [Problem("options", "question q1 needs at least three options")]),
    (question("ranking", [{}] * 8), [Problem("options", "question q1 takes at most 7 options, not 8")]),
    (question("single_choice", [{"points": 0}, {}]),
     [Problem("options", "question q1 has no option that scores points")]),
    (question("checklist", [{"points": 0}, {"points": 0, "none": True}]),
     [Problem("options", "question q1 has no option that scores points")]),
    (question("checklist", [{"points": 1}, {"points": 1, "none": True}]),
     [Problem("options.1.points", "the 'none of these' option of q1 must score 0 points")]),
    (question("ranking", [{}, {"points": 2}, {}, {"points": 1}]),
     [Problem("options.1.points", "ranking items take no points in q1: their order is the key"),
      Problem("options.3.points", "ranking items take no points in q1: their order is the key")]),
    (question("self_rating", scale=[1, 7]),
     [Problem("scale", "self-rating scale must be ability or frequency in question q1, not [1, 7]")]),
    (question("self_rating", scale="1-5"),
     [Problem("scale", "self-rating scale must be ability or frequency in question q1, not '1-5'")]),
    (question("self_rating", [{"points": 1}, {"points": 2}]),
     [Problem("options", "self-rating question q1 takes no options (the 1-5 scale is fixed)")]),
], ids=["one-option", "no-options", "ranking-two", "ranking-eight", "nothing-scores",
        "checklist-nothing-scores", "none-with-points", "ranking-points", "scale", "scale-text",
        "rating-options"])
def test_each_types_rules_name_the_field_and_the_problem(data, expected):
    assert problems_of(data) == expected


@pytest.mark.parametrize("data", [
    question("single_choice", [{"points": 1}, {}]),
    question("ranking", [{}] * 3),
    question("ranking", [{}] * 7),
    question("checklist", [{"points": 1}, {"points": 0, "none": True}]),
    question("self_rating"),
    question("self_rating", scale=[1, 5]),
    question("self_rating", scale=(1, 5)),
], ids=["two-options", "ranking-three", "ranking-seven", "none-at-zero", "rating", "scale-list",
        "scale-tuple"])
def test_the_limits_themselves_are_allowed(data):
    assert problems_of(data) == []


def test_the_option_count_words_past_three_are_figures():
    class Five(type(BY_NAME["checklist"])):
        option_count = (5, None)
    assert Five().problems({}, (Option("a", "A", 1),), "q1") == [
        ("options", "question q1 needs at least 5 options")]


@pytest.mark.parametrize("items, levels", [
    (3, (0, 0.5, 1)),  # the largest footrule 3 * 3 // 2 = 4, every even distance 0, 2, 4
    (4, (0, 0.25, 0.5, 0.75, 1)),
    (5, tuple(1 - d / 12 for d in (12, 10, 8, 6, 4, 2, 0))),
])
def test_ranking_levels_are_every_score_an_order_can_get(items, levels):
    question = ranking("r", items=items)
    assert question.kind.levels(question) == pytest.approx(levels)


def test_a_single_item_key_agrees_with_itself():
    assert agreement(("a",), {"a": 0}) == 1.0


def test_a_checklist_that_scores_nothing_has_one_level_and_earns_nothing():
    question = checklist("k", points=(0, 0))
    assert question.kind.levels(question) == (0.0,)
    assert question.fraction(("item0",)) == 0.0


def test_key_rows_are_points_or_key_positions():
    scenario = choice("s", points=(3, 1.5, 0))
    assert [(o.id, worth) for o, worth in scenario.kind.key_rows(scenario)] == [
        ("a", "3"), ("b", "1.5"), ("c", "0")]
    order = ranking("r", items=3)
    assert [(o.id, worth) for o, worth in order.kind.key_rows(order)] == [("a", "1"), ("b", "2"), ("c", "3")]


def test_a_ranking_item_is_exported_without_points():
    kind = BY_NAME["ranking"]
    assert kind.export_option(Option("a", "First", 0, "Why first")) == {
        "id": "a", "text": "First", "feedback": "Why first"}


def test_a_pick_answer_goes_back_into_the_form_as_its_option_ids():
    scenario = choice("s")
    assert scenario.kind.form_values(scenario, ("b",)) == ["b"]

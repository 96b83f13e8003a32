"""Each type's own bank rules (`problems`), checked through the bank's question rules with the
field and the message an instructor reads, and the figures a type gives the report and the
instructor's preview (levels, key rows, export)."""

from __future__ import annotations

import pytest

from quiz.domain.bank import rules
from quiz.domain.bank.rules import Problem
from quiz.domain.question_types import BY_NAME
from quiz.domain.question_types.base import Option
from quiz.domain.question_types.ranking import agreement
from quiz.domain.question_types.self_rating import scale_options
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
     [Problem("options.1.points", "option o1 of question q1: unknown key 'points' (allowed here: id, text, feedback)"),
      Problem("options.3.points", "option o3 of question q1: unknown key 'points' (allowed here: id, text, feedback)")]),
    (question("self_rating", scale=[1, 7]),
     [Problem("scale", "in question q1: scale must be ability or frequency, not [1, 7]")]),
    (question("self_rating", scale="1-5"),
     [Problem("scale", "in question q1: scale must be ability or frequency, not '1-5'")]),
    (question("self_rating", [{"points": 1}, {"points": 2}]),
     [Problem("options", "in question q1: unknown key 'options' (allowed here: id, area, type, label, prompt, "
                         "weight, topics, feedback, rationale, next_step, resource, retired, reverse, scale, "
                         "needs_experience)")]),
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


# --- self-ratings: the named scales and "I haven't had the chance yet" ---------------------

def rating_from(**fields):
    rating, problems = rules.check_question(question("self_rating", **fields), KNOWN)
    assert problems == []
    return rating


def test_a_self_rating_uses_the_ability_scale_unless_it_names_another():
    ability = rating_from()
    assert ability.scale == "ability" and ability.needs_experience is False
    assert [o.text for o in ability.options] == ["Not yet", "With help", "On my own", "Reliably",
                                                 "Could teach it"]
    frequency = rating_from(scale="frequency", reverse=True)
    assert [(o.text, o.points) for o in frequency.options] == [
        ("Never", 4), ("Now and then", 3), ("About half the time", 2), ("Most times", 1),
        ("Every time", 0)]


def test_the_legacy_list_form_keeps_the_like_me_anchors():
    legacy = rating_from(scale=[1, 5])
    assert legacy.scale is None
    assert [o.text for o in legacy.options][::4] == ["Not at all like me", "Exactly like me"]


def test_needs_experience_offers_a_not_yet_answer_that_is_not_scored():
    rating = rating_from(needs_experience=True)
    assert [o.id for o in rating.options] == ["1", "2", "3", "4", "5", "not-yet"]
    assert rating.option("not-yet").text == "I haven't had the chance yet"
    assert rating.scored_answer(("not-yet",)) == () and rating.scored_answer(("4",)) == ("4",)
    assert rating.kind.levels(rating) == (0, 0.25, 0.5, 0.75, 1)
    assert rating.best_points == 4


def test_needs_experience_must_be_true_or_false():
    assert problems_of(question("self_rating", needs_experience="yes")) == [
        Problem("needs_experience", "in question q1: needs_experience must be true or false, not 'yes'")]


def test_a_rationale_is_kept_trimmed_and_is_optional():
    keyed, _ = rules.check_question(question("single_choice", [{"points": 1}, {}],
                                             rationale="  Producers agree.  "), KNOWN)
    assert keyed.rationale == "Producers agree."
    assert rules.check_question(question("single_choice", [{"points": 1}, {}]), KNOWN)[0].rationale == ""
    assert problems_of(question("single_choice", [{"points": 1}, {}], rationale=["a", "list"])) == [
        Problem("rationale", "in question q1: rationale must be text, not a list")]


def test_the_scale_points_alone_unless_the_statement_needs_experience():
    assert [o.id for o in scale_options(False)] == ["1", "2", "3", "4", "5"]
    assert [o.id for o in scale_options(False, "ability", True)][-1] == "not-yet"


@pytest.mark.parametrize("fields, exported", [
    ({}, {"scale": "ability"}),
    ({"scale": [1, 5]}, {"scale": [1, 5]}),  # the legacy "like me" scale goes back out as a list
    ({"scale": "frequency", "needs_experience": True}, {"scale": "frequency", "needs_experience": True}),
    ({"needs_experience": False}, {"scale": "ability"}),  # false is the default: not written
], ids=["default", "legacy", "frequency-needs-experience", "experience-false"])
def test_a_self_rating_exports_its_scale_and_needs_experience_only_when_set(fields, exported):
    rating = rating_from(**fields)
    assert rating.kind.export_fields(rating) == exported
    again = rating_from(**exported)  # and reads back as the same question
    assert (again.scale, again.needs_experience, again.options) == \
        (rating.scale, rating.needs_experience, rating.options)


def test_self_rating_key_rows_give_each_point_its_worth_and_not_yet_none():
    rating = rating_from(reverse=True, needs_experience=True)
    assert [(o.id, worth) for o, worth in rating.kind.key_rows(rating)] == [
        ("1", "4"), ("2", "3"), ("3", "2"), ("4", "1"), ("5", "0"), ("not-yet", "not scored")]
    assert rating.kind.off_scale(rating.option("not-yet"))
    assert not any(rating.kind.off_scale(rating.option(str(n))) for n in range(1, 6))


@pytest.mark.parametrize("fields, hint", [
    ({}, "How well can you do this? 1 = not yet, 5 = you could teach it."),
    ({"scale": "frequency"}, "How often do you do this? 1 = never, 5 = every time."),
    ({"scale": [1, 5]}, "How much is this like you? 1 = not at all like me, 5 = exactly like me."),
], ids=["ability", "frequency", "legacy"])
def test_a_self_rating_hint_is_its_scale_instruction(fields, hint):
    rating = rating_from(**fields)
    assert rating.kind.hint(rating) == hint


def test_each_ranking_item_can_post_every_position_and_only_those():
    order = ranking("r", items=3)
    assert order.kind.option_values(order, order.option("b")) == ("b:1", "b:2", "b:3")
    five = ranking("r5", items=5)
    assert five.kind.option_values(five, five.option("e")) == ("e:1", "e:2", "e:3", "e:4", "e:5")

"""The ranking type: footrule scoring, parsing the position selects, the report's words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.question_types import AnswerMistake, InvalidAnswer
from quiz.domain.question_types.ranking import agreement, footrule, positions, worst_swap
from tests.factories import ranking

KEY = ("a", "b", "c", "d")
WHERE = positions(KEY)


@pytest.mark.parametrize("order, distance, score", [
    (("a", "b", "c", "d"), 0, 1.0),
    (("d", "c", "b", "a"), 8, 0.0),  # reversed: the largest footrule for 4 items, 4 * 4 // 2
    (("b", "a", "c", "d"), 2, 0.75),
    (("a", "b", "d", "c"), 2, 0.75),
    (("b", "c", "d", "a"), 6, 0.25),
])
def test_footrule_and_its_score(order, distance, score):
    assert footrule(order, WHERE) == distance
    assert agreement(order, WHERE) == score


@pytest.mark.parametrize("items", [3, 4, 5, 6, 7])
def test_key_order_scores_1_and_reversed_0_for_every_size(items):
    question = ranking("r", items=items)
    key = [o.id for o in question.options]
    assert question.fraction(key) == 1
    assert question.fraction(key[::-1]) == 0


@settings(deadline=None)  # pure and fast: a deadline would only measure a busy machine
@given(st.integers(3, 7).flatmap(lambda n: st.tuples(st.permutations(range(n)), st.integers(0, n - 2))))
def test_swapping_neighbours_towards_the_key_never_lowers_the_score(case):
    order, i = case
    key = positions(sorted(order))
    if order[i] < order[i + 1]:
        return  # already in key order: swapping would move away from the key
    swapped = list(order)
    swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    assert agreement(swapped, key) >= agreement(order, key)


def test_worst_swap_is_the_pair_furthest_apart_in_the_key():
    assert worst_swap(("d", "b", "c", "a"), WHERE) == ("d", "a")
    assert worst_swap(("b", "a", "d", "c"), WHERE) == ("b", "a")  # a tie: the first in the key
    assert worst_swap(KEY, WHERE) is None


# --- parsing the position selects ---------------------------------------------------------

def parse(values):
    question = ranking("r")
    return question.kind.parse(question, values)


def test_positions_become_the_order():
    assert parse(["c:1", "a:2", "d:3", "b:4"]) == ("c", "a", "d", "b")


def test_every_select_left_blank_is_skipped():
    assert parse(["a:", "b:", "c:", "d:"]) == ()
    assert parse([]) == ()


@pytest.mark.parametrize("values, shared, empty", [
    (["a:1", "b:1", "c:3", "d:4"], "\u201cStep 0\u201d and \u201cStep 1\u201d are both at 1", "2"),
    (["a:4", "b:1", "c:4", "d:4"], "\u201cStep 0\u201d and \u201cStep 2\u201d are both at 4", "2, 3"),
    (["a:2", "b:2", "c:3", "d:4"], "\u201cStep 0\u201d and \u201cStep 1\u201d are both at 2", "1"),
])
def test_a_position_used_twice_is_a_mistake_named_for_the_taker(values, shared, empty):
    with pytest.raises(AnswerMistake) as caught:
        parse(values)
    assert str(caught.value) == f"Use each position once: {shared}, and nothing is at {empty}."


def test_some_selects_left_blank_is_a_mistake():
    with pytest.raises(AnswerMistake) as caught:
        parse(["a:1", "b:", "c:3", "d:4"])
    assert str(caught.value) == ("Give every item a position from 1 to 4, or leave them all blank to "
                                 "skip this question.")


@pytest.mark.parametrize("values", [
    ["a:1", "b:2", "c:3", "zz:4"],  # no such item
    ["a:1", "b:2", "c:3", "d:5"],  # no such position
    ["a:1", "b:2", "c:3", "d:0"],
    ["a:1", "b:2", "c:3", "d:x"],
    ["a:1", "a:2", "c:3", "d:4"],  # an item twice
    ["a:1", "b:2", "c:3"],  # an item missing
    ["a", "b", "c", "d"],  # not from a position select
])
def test_values_no_form_can_send_are_refused(values):
    with pytest.raises(InvalidAnswer):
        parse(values)


def test_an_answer_goes_back_into_the_form_as_it_came():
    question = ranking("r")
    values = question.kind.form_values(question, ("c", "a", "d", "b"))
    assert values == ["c:1", "a:2", "d:3", "b:4"]
    assert question.kind.parse(question, values) == ("c", "a", "d", "b")


# --- the report's words ---------------------------------------------------------------

def test_answer_text_names_the_pair_put_the_wrong_way_round():
    question = ranking("r")
    assert question.kind.answer_text(question, ("d", "b", "c", "a")) == (
        "you put \u201cStep 3\u201d before \u201cStep 0\u201d; an experienced producer would put "
        "\u201cStep 0\u201d first (\u201cPut the steps of r in order.\u201d)")


def test_review_sets_the_key_order_beside_the_answer():
    question = ranking("r")
    review = question.kind.review(question, ("b", "a", "c", "d"))
    assert review.yours == ("You put \u201cStep 1\u201d before \u201cStep 0\u201d; an experienced "
                            "producer would put \u201cStep 0\u201d first.")
    assert review.stronger == "An experienced producer's order: 1. Step 0; 2. Step 1; 3. Step 2; 4. Step 3."
    assert question.kind.review(question, KEY) is None


@pytest.mark.parametrize("values, message", [
    (["a:1", "b:2", "c:3", "zz:4"], "question r: no item or a repeated item in 'zz:4'"),
    (["a:1", "a:2", "c:3", "d:4"], "question r: no item or a repeated item in 'a:2'"),
    (["a", "b", "c", "d"], "question r: no item or a repeated item in 'a'"),
    (["a:1", "b:2", "c:3", "d:5"], "question r: no position '5'"),
    (["a:1", "b:2", "c:3", "d:4:1"], "question r: no position '4:1'"),
    (["a:1", "b:2", "c:3"], "question r: 3 of 4 items sent"),
])
def test_forged_values_are_named_in_the_error(values, message):
    with pytest.raises(InvalidAnswer, match=f"^{message}$"):
        parse(values)


def test_the_best_answer_is_the_key_order_and_is_worded_as_such():
    question = ranking("r")
    assert question.kind.best_answer(question) == KEY
    assert question.kind.answer_text(question, KEY) == (
        "you put every item in the key order (\u201cPut the steps of r in order.\u201d)")

"""Each pick type (scenario, checklist, self-rating) on its own: what a form post becomes, what
an answer is worth, how the report words it, the order a taker sees, how it is exported."""

from __future__ import annotations

import pytest

from quiz.domain.question_types import AnswerMistake, InvalidAnswer
from quiz.domain.question_types.base import Option
from quiz.domain.question_types.question import Question
from tests.factories import checklist, choice, rating

SCENARIO = choice("s1", points=(3, 1, 0))  # options a, b, c
CHECKLIST = checklist("c1", points=(1, 1, 2))  # item0, item1, item2 and "none"


@pytest.mark.parametrize("question, values, message", [
    (SCENARIO, ["z"], "question s1 has no option 'z'"),
    (SCENARIO, ["a", "b"], "question s1 takes one answer, got 2"),
    (CHECKLIST, ["item0", "item0"], "question c1: an option was sent twice"),
    (rating("r1"), ["6"], "question r1 has no option '6'"),
    (rating("r1"), ["0"], "question r1 has no option '0'"),
])
def test_values_no_form_can_send_are_forged(question, values, message):
    with pytest.raises(InvalidAnswer, match=f"^{message}$"):
        question.kind.parse(question, values)


def test_none_of_these_with_an_item_is_a_mistake_named_for_the_taker():
    with pytest.raises(AnswerMistake) as mistake:
        CHECKLIST.kind.parse(CHECKLIST, ["item1", "none"])
    assert str(mistake.value) == "Tick \u201cNone of these\u201d or the items you have done, not both."


@pytest.mark.parametrize("question, values, answer", [
    (SCENARIO, ["b"], ("b",)),
    (SCENARIO, [], ()),
    (CHECKLIST, ["item2", "item0"], ("item0", "item2")),  # sorted: the order ticked means nothing
    (CHECKLIST, ["none"], ("none",)),
    (rating("r1"), ["4"], ("4",)),
])
def test_what_an_honest_post_becomes(question, values, answer):
    assert question.kind.parse(question, values) == answer


@pytest.mark.parametrize("question, answer, fraction", [
    (SCENARIO, ("a",), 1.0),
    (SCENARIO, ("b",), 1 / 3),
    (SCENARIO, ("c",), 0.0),
    (CHECKLIST, ("item0",), 1 / 4),
    (CHECKLIST, ("item0", "item2"), 3 / 4),
    (CHECKLIST, ("item0", "item1", "item2"), 1.0),
    (CHECKLIST, ("none",), 0.0),
    (rating("r1"), ("1",), 0.0),
    (rating("r1"), ("4",), 3 / 4),
    (rating("r1", reverse=True), ("4",), 1 / 4),  # agreeing with a reversed statement scores low
    (rating("r1", reverse=True), ("1",), 1.0),
])
def test_fraction_on_hand_worked_answers(question, answer, fraction):
    assert question.fraction(answer) == pytest.approx(fraction)


def test_levels_are_every_share_an_answer_can_earn():
    assert SCENARIO.kind.levels(SCENARIO) == pytest.approx((0, 1 / 3, 1))
    assert CHECKLIST.kind.levels(CHECKLIST) == pytest.approx((0, 1 / 4, 2 / 4, 3 / 4, 1))
    assert rating("r1").kind.levels(rating("r1")) == pytest.approx((0, 1 / 4, 2 / 4, 3 / 4, 1))


def test_best_answers():
    assert SCENARIO.kind.best_answer(SCENARIO) == ("a",)
    assert CHECKLIST.kind.best_answer(CHECKLIST) == ("item0", "item1", "item2")
    assert rating("r1", reverse=True).kind.best_answer(rating("r1", reverse=True)) == ("1",)


def test_scenario_wording_and_review():
    kind = SCENARIO.kind
    assert kind.answer_text(SCENARIO, ("b",)) == \
        'you answered "Option 1" to "What would you do in s1?"'
    review = kind.review(SCENARIO, ("b",))
    assert (review.yours, review.stronger) == ("You chose: Option 1 - Feedback 1",
                                               "Stronger answer: Option 0 - Feedback 0")
    assert kind.review(SCENARIO, ("a",)) is None  # nothing to revisit in the best answer


def test_scenario_review_without_feedback_shows_the_option_alone():
    question = Question(id="s2", area="technical", type="single_choice", prompt="P?",
                        options=(Option("a", "Best", 2), Option("b", "Other", 0)))
    review = question.kind.review(question, ("b",))
    assert (review.yours, review.stronger) == ("You chose: Other", "Stronger answer: Best")


def test_checklist_and_rating_wording():
    assert CHECKLIST.kind.answer_text(CHECKLIST, ("item1",)) == \
        'you have not yet: Item 0; Item 2 ("Which of c1 have you done?")'
    question = rating("r1")
    assert question.kind.answer_text(question, ("2",)) == \
        'you rated "I am good at r1." as "Rarely like me"'
    assert CHECKLIST.kind.review(CHECKLIST, ("item1",)) is None


def test_scenario_options_are_shuffled_per_attempt_and_stable_on_every_visit():
    kind = SCENARIO.kind
    orders = {tuple(o.id for o in kind.display_options(SCENARIO, f"token-{n}")) for n in range(30)}
    assert len(orders) > 1  # different attempts see different orders
    assert all(sorted(order) == ["a", "b", "c"] for order in orders)
    assert kind.display_options(SCENARIO, "token-7") == kind.display_options(SCENARIO, "token-7")
    seven = choice("s7", points=(6, 5, 4, 3, 2, 1, 0))  # 5,040 orders: a repeat is no accident
    assert len({kind.display_options(seven, "token-7") for _ in range(5)}) == 1


def test_each_question_of_an_attempt_is_shuffled_its_own_way():
    # two questions with the same options: the attempt does not put the best one in the same place in both
    points = (6, 5, 4, 3, 2, 1, 0)
    kind, first, second = SCENARIO.kind, choice("s7", points=points), choice("s8", points=points)
    assert first.options == second.options
    assert any(kind.display_options(first, f"token-{n}") != kind.display_options(second, f"token-{n}")
               for n in range(5))


@pytest.mark.parametrize("question", [CHECKLIST, rating("r1")], ids=["checklist", "self_rating"])
def test_unshuffled_types_keep_the_bank_order(question):
    for n in range(10):
        assert question.kind.display_options(question, f"token-{n}") == question.options


def test_export_option_keeps_whole_points_whole_and_only_the_fields_that_are_set():
    kind = CHECKLIST.kind
    assert kind.export_option(Option("a", "A", 2.0)) == {"id": "a", "text": "A", "points": 2}
    assert type(kind.export_option(Option("a", "A", 2.0))["points"]) is int
    assert kind.export_option(Option("b", "B", 1.5, "Why")) == \
        {"id": "b", "text": "B", "points": 1.5, "feedback": "Why"}
    assert kind.export_option(Option("n", "None", 0, none=True)) == \
        {"id": "n", "text": "None", "points": 0, "none": True}


def test_a_pick_one_answer_earns_its_best_option_and_nothing_for_no_option():
    assert SCENARIO.fraction(()) == 0.0
    assert SCENARIO.fraction(("b", "a")) == 1.0  # never more than the question's points
    assert rating("r1").fraction(()) == 0.0


@pytest.mark.parametrize("question", [SCENARIO, CHECKLIST], ids=["scenario", "checklist"])
def test_an_option_the_question_does_not_have_earns_nothing(question):
    assert question.fraction(("gone",)) == 0.0

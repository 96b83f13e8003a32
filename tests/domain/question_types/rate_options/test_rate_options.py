"""The rate-each-option type on its own: what a post becomes, what ratings are worth (hand-worked),
its levels for the error model, the report's words, its schema and export."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError
from werkzeug.datastructures import MultiDict

from quiz.domain.bank.schema import question_faults
from quiz.domain.question_types import BY_NAME, AnswerMistake, InvalidAnswer
from quiz.domain.question_types.question import Option, Question
from quiz.domain.question_types.rate_options import LEVELS, RatedOption, RateOptions

KIND = BY_NAME["rate_options"]



def rated(qid: str = "col-sjt-1", keys=(4, 3, 1), **kw) -> Question:
    options = tuple(Option(chr(ord("a") + i), f"Response {i}", key_rating=key, rationale=f"Why {i}")
                    for i, key in enumerate(keys))
    return Question(id=qid, area="collaboration", type="rate_options", prompt="The singer is tired.",
                    topics=("resp-manage-recording",), options=options, **kw)


QUESTION = rated()  # a: 4, b: 3, c: 1


def test_it_is_registered_with_its_schema():
    assert isinstance(KIND, RateOptions) and KIND.fields.model_fields["options"]
    assert LEVELS == ("a poor idea", "not a good idea", "a good idea", "a very good idea")


@pytest.mark.parametrize("values, answer", [
    (["c:1", "a:4", "b:2"], ("a:4", "b:2", "c:1")),
    ([], ()),
])
def test_a_full_rating_is_the_answer_and_none_is_a_skip(values, answer):
    assert KIND.parse(QUESTION, values) == answer


def test_a_partial_rating_is_a_mistake_the_taker_reads():
    with pytest.raises(AnswerMistake, match="^Rate every response, or leave them all unrated"):
        KIND.parse(QUESTION, ["a:4"])


@pytest.mark.parametrize("values", [["z:1", "a:1", "b:1"], ["a:5", "b:1", "c:1"], ["a:0"], ["a"],
                                    ["a:1", "a:2", "b:1", "c:1"]])
def test_values_no_form_can_send_are_forged(values):
    with pytest.raises(InvalidAnswer):
        KIND.parse(QUESTION, values)


@pytest.mark.parametrize("values, message", [
    (["z:1", "a:1", "b:1"], "question col-sjt-1: no option or a repeated option in 'z:1'"),
    (["a:1", "a:2", "b:1", "c:1"], "question col-sjt-1: no option or a repeated option in 'a:2'"),
    (["a:5", "b:1", "c:1"], "question col-sjt-1: no rating '5'"),
    (["a:1:2", "b:1", "c:1"], "question col-sjt-1: no rating '1:2'"),  # the option is what comes before the first colon
])
def test_a_forged_value_is_named_with_what_is_wrong_in_it(values, message):
    with pytest.raises(InvalidAnswer) as refused:
        KIND.parse(QUESTION, values)
    assert str(refused.value) == message


@pytest.mark.parametrize("answer, fraction", [
    (("a:4", "b:3", "c:1"), 1.0),
    (("a:1", "b:1", "c:4"), 0.0),  # each at the far end from its key: a 3 of 3 off, b 2 of 2, c 3 of 3
    (("a:3", "b:2", "c:2"), (2 / 3 + 1 / 2 + 2 / 3) / 3),  # a 1 of 3 off, b 1 of 2, c 1 of 3
    ((), 0.0),
])
def test_the_score_is_the_mean_closeness_to_the_key(answer, fraction):
    assert KIND.fraction(QUESTION, answer) == pytest.approx(fraction)


def test_levels_are_every_mean_a_full_rating_can_reach():
    # keys 4, 3, 1: closeness in thirds, halves and thirds; their means, 0 and 1 included
    expected = sorted({(Fraction(a, 3) + Fraction(b, 2) + Fraction(c, 3)) / 3
                       for a in range(4) for b in range(3) for c in range(4)})
    assert KIND.levels(QUESTION) == pytest.approx(tuple(float(level) for level in expected))
    assert KIND.levels(QUESTION)[0] == 0 and KIND.levels(QUESTION)[-1] == 1
    # keys 2, 3, 2: each in halves, so the means are the sixths from 0 to 1
    assert KIND.levels(rated(keys=(2, 3, 2))) == pytest.approx(tuple(s / 6 for s in range(7)))


def test_the_best_answer_is_the_key():
    assert KIND.best_answer(QUESTION) == ("a:4", "b:3", "c:1")
    assert KIND.fraction(QUESTION, KIND.best_answer(QUESTION)) == 1


def test_the_report_names_the_response_furthest_off_and_reviews_each_one_off():
    answer = ("a:2", "b:3", "c:4")
    assert KIND.answer_text(QUESTION, answer) == (
        "you rated \u201cResponse 2\u201d as a very good idea; an experienced producer rates it a poor "
        "idea (\u201cThe singer is tired.\u201d)")
    review = KIND.review(QUESTION, answer)
    assert review.yours == "You rated: \u201cResponse 0\u201d not a good idea; \u201cResponse 2\u201d a very good idea."
    assert review.stronger == ("An experienced producer: \u201cResponse 0\u201d a very good idea - Why 0; "
                               "\u201cResponse 2\u201d a poor idea - Why 2")
    assert KIND.review(QUESTION, KIND.best_answer(QUESTION)) is None


def test_the_report_names_the_first_written_response_when_two_are_as_far_off():
    # a: 4 rated 2 and b: 3 rated 1 are both two levels off; c is on its key
    assert KIND.answer_text(QUESTION, ("a:2", "b:1", "c:1")).startswith("you rated \u201cResponse 0\u201d as not a good")
    # written the other way round, the other response comes first
    swapped = rated(keys=(3, 4, 1))
    assert KIND.answer_text(swapped, ("a:1", "b:2", "c:1")).startswith("you rated \u201cResponse 0\u201d as a poor")


def test_the_report_says_when_every_rating_is_the_keys():
    assert KIND.answer_text(QUESTION, KIND.best_answer(QUESTION)) == (
        "you rated every response as an experienced producer would (\u201cThe singer is tired.\u201d)")


def test_each_option_posts_its_own_values_under_its_own_field():
    assert KIND.option_values(QUESTION, QUESTION.options[0]) == ("a:1", "a:2", "a:3", "a:4")
    assert KIND.input_names(QUESTION, "q-x") == ["q-x-a", "q-x-b", "q-x-c"]
    form = MultiDict([("q-x-a", "a:4"), ("q-x-b", "b:1"), ("q-x-c", "c:2"), ("q-x", "stray")])  # a post
    assert KIND.posted(QUESTION, form, "q-x") == ["a:4", "b:1", "c:2"]
    assert KIND.input_name(QUESTION, "q-x", "b:1") == "q-x-b"


def data(**changes) -> dict:
    return {"id": "col-sjt-1", "area": "collaboration", "type": "rate_options", "prompt": "P?",
            "label": "A tired singer", "topics": ["resp-manage-recording"],
            "options": [{"id": "a", "text": "A", "key_rating": 4, "rationale": "R"},
                        {"id": "b", "text": "B", "key_rating": 1, "rationale": "R"},
                        {"id": "c", "text": "C", "key_rating": 2, "rationale": "R"}], **changes}


def test_the_schema_takes_key_ratings_and_rationales_and_refuses_points():
    assert question_faults(KIND.fields, data())[1] == []
    bad = data(options=[{"id": "a", "text": "A", "key_rating": 5, "rationale": " "},
                        {"id": "b", "text": "B", "key_rating": True, "rationale": "R", "points": 1},
                        {"id": "c", "text": "C", "rationale": "R"}])
    assert [(f.field, f.message) for f in question_faults(KIND.fields, bad)[1]] == [
        ("options.0.key_rating", "option a of question col-sjt-1: key_rating must be at most 4, not 5"),
        ("options.0.rationale", "option a of question col-sjt-1: rationale is missing"),
        ("options.1.key_rating", "option b of question col-sjt-1: key_rating must be a whole number, "
                                 "not true (true/false)"),
        ("options.1.points", "option b of question col-sjt-1: unknown key 'points' (allowed here: id, text, "
                             "feedback, key_rating, rationale)"),
        ("options.2.key_rating", "option c of question col-sjt-1: key_rating is missing"),
    ]


def test_the_type_wants_both_ends_of_the_scale_and_three_to_five_responses():
    alike = rated(keys=(3, 4, 3))
    both_ends = ("options", "question q needs at least one response keyed a good idea (3 or 4) and one keyed "
                 "not a good idea (1 or 2): a taker who rates every response alike must not score well")
    assert KIND.problems({}, alike.options, "q") == [both_ends]
    assert KIND.problems({}, rated(keys=(1, 2, 2)).options, "q") == [both_ends]  # none keyed a good idea
    assert KIND.problems({}, rated(keys=(2, 3, 2)).options, "q") == []  # 2 is not a good idea, 3 a good one
    assert [m for _, m in KIND.problems({}, rated(keys=(4, 1)).options, "q")] == [
        "question q needs at least three options"]
    assert KIND.problems({}, QUESTION.options, "q") == []


def test_export_writes_the_key_ratings_and_rationales():
    assert KIND.export_option(QUESTION.options[2]) == {"id": "c", "text": "Response 2", "key_rating": 1,
                                                       "rationale": "Why 2"}
    with_feedback = Option("c", "Response 2", key_rating=1, rationale="Why 2", feedback="Ask first.")
    assert KIND.export_option(with_feedback) == {"id": "c", "text": "Response 2", "key_rating": 1,
                                                 "rationale": "Why 2", "feedback": "Ask first."}


def test_the_key_shows_each_responses_rating_in_words():
    assert KIND.key_rows(QUESTION) == [(QUESTION.options[0], "4 (a very good idea)"),
                                       (QUESTION.options[1], "3 (a good idea)"),
                                       (QUESTION.options[2], "1 (a poor idea)")]


def test_a_true_or_false_key_rating_is_refused_as_pydantic_refuses_any_non_number():
    def error(key_rating):
        with pytest.raises(ValidationError) as refused:
            RatedOption.model_validate({"id": "a", "text": "A", "key_rating": key_rating, "rationale": "R"})
        return [(e["type"], e["msg"]) for e in refused.value.errors()]
    assert error(True) == error([4]) == [("int_type", "Input should be a valid integer")]

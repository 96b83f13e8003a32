"""The expected time to take the quiz: reading every prompt and option once (a fixed scale's
labels once per section), plus time per question and per written option."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.domain.bank import timing
from quiz.domain.bank.check import check_bank
from tests import factories


def seconds(questions) -> float:
    return timing.expected_minutes(questions) * 60


def test_a_scenario_is_its_words_read_plus_its_answer_and_options_weighed():
    question = factories.choice("q1")
    words = len(question.prompt.split()) + sum(len(o.text.split()) for o in question.options)
    expected = words / timing.WORDS_PER_MINUTE * 60 + 5 + 1.5 * len(question.options)
    assert seconds([question]) == pytest.approx(expected)


def test_a_question_that_plays_clips_adds_each_clip_heard_twice():
    question = factories.listening("l1", {"kind": "level", "louder": "a", "difference_db": 3})
    written = question.kind.written_options(question)
    words = len(question.prompt.split()) + sum(len(o.text.split()) for o in question.options)
    expected = words / timing.WORDS_PER_MINUTE * 60 + 5 + 1.5 * len(written) + 2 * (2.0 + 2.0)
    assert seconds([question]) == pytest.approx(expected)


def test_the_option_every_listening_question_adds_is_read_once_per_section_and_not_weighed():
    first = factories.listening("l1", {"kind": "level", "louder": "a", "difference_db": 3})
    second = factories.listening("l2", {"kind": "level", "louder": "b", "difference_db": 1})
    added = [o for o in first.options if o not in first.kind.written_options(first)]
    assert [o.text for o in added] == ["I can't listen right now"]
    each = seconds([first]) - len(added[0].text.split()) / timing.WORDS_PER_MINUTE * 60
    assert seconds([first, second]) == pytest.approx(seconds([first]) + each)
    elsewhere = dataclasses.replace(second, area="business")
    assert seconds([first, elsewhere]) == pytest.approx(2 * seconds([first]))


def test_a_fixed_scale_is_read_once_per_section_and_retired_questions_take_no_time():
    first, second = factories.rating("r1"), factories.rating("r2")
    scale_words = sum(len(o.text.split()) for o in first.options)
    prompts = len(first.prompt.split()) + len(second.prompt.split())
    assert scale_words > 0
    assert seconds([first, second]) == pytest.approx((prompts + scale_words) / timing.WORDS_PER_MINUTE * 60 + 10)
    other_section = dataclasses.replace(second, area="business")
    assert seconds([first, other_section]) == pytest.approx(
        (prompts + 2 * scale_words) / timing.WORDS_PER_MINUTE * 60 + 10)
    assert seconds([first, dataclasses.replace(second, retired=True)]) == pytest.approx(seconds([first]))


def test_a_rated_question_is_a_judgement_per_option_and_its_levels_are_read_once_per_section():
    first, second = factories.rated("s1"), factories.rated("s2", keys=(1, 4, 2, 3))
    level_words = sum(len(level.split()) for level in first.kind.rating_levels)
    words = sum(len(q.prompt.split()) + sum(len(o.text.split()) for o in q.options) for q in (first, second))
    assert level_words == 14  # "a poor idea" ... "a very good idea"
    assert seconds([first, second]) == pytest.approx(
        (words + level_words) / timing.WORDS_PER_MINUTE * 60 + 2 * 5 + 4.0 * (3 + 4))


def test_the_shipped_bank_takes_at_most_thirty_minutes():
    check = check_bank("questions")
    assert check.minutes <= timing.MINUTES_TARGET
    assert f"Expected time to take the quiz: {check.minutes:.0f} minutes" in "\n".join(check.lines())

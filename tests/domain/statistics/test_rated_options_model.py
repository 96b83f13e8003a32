"""The measurement model and the simulation with rate-each-option questions: their answers'
levels give the error model its steps, and the simulated takers rate each option by skill."""

from __future__ import annotations

import random

import pytest

from quiz.domain.scoring import answer_levels
from simulation.generator import Generator, RatedItem
from tests import factories


def test_a_rated_question_has_one_step_per_level_off_the_key():
    """Each level off a response's key costs 1/reach of that response's share (its reach: 3
    levels for a key of 4 or 1, 2 for a key of 3), so its closeness is a third or a half:
    keys (4, 3, 1) give the sums a/3 + b/2 + c/3 (a + c = 0..6 thirds, b = 0..2 halves), in
    sixths 2(a + c) + 3b: the even sixths 0..18 and the odd ones 3..15, 17 means over the
    three responses (k/18), so 16 steps for the error model; a scenario's pick has 1 to 3."""
    question = factories.rated("col-sjt", keys=(4, 3, 1))
    sixths = sorted({*range(0, 19, 2), *range(3, 16, 2)})
    assert answer_levels(question) == pytest.approx([k / 18 for k in sixths])
    assert len(answer_levels(question)) == 17
    worst, best = answer_levels(question)[0], answer_levels(question)[-1]
    assert (worst, best) == (0.0, 1.0)  # every response at the far end of its own reach scores 0


def test_simulated_takers_rate_closer_to_the_key_the_more_skilled_they_are():
    question = factories.rated("col-sjt", keys=(4, 3, 1, 2))
    generator = Generator(factories.bank(question), seed=3)
    assert isinstance(generator.items[question.id], RatedItem)
    low, middle, high = (generator.expected_share(question, theta) for theta in (-3, 0, 3))
    assert 0 < low < middle < high < 1
    rng = random.Random(5)
    answers = [generator.answer(question, 3.0, rng) for _ in range(200)]
    assert all(question.kind.parse(question, list(answer)) == answer for answer in answers)
    mean = sum(question.fraction(answer) for answer in answers) / len(answers)
    assert abs(mean - high) < 0.05  # the draws follow the expected share

"""The measurement model and the simulation with rate-each-option questions: their answers'
levels give the error model its steps, and the simulated takers rate each option by skill."""

from __future__ import annotations

import random

from quiz.domain.scoring import answer_levels
from simulation.generator import Generator, RatedItem
from tests import factories


def test_a_rated_question_has_one_step_per_level_off_the_key():
    question = factories.rated("col-sjt", keys=(4, 3, 1))  # up to 3 + 2 + 3 levels off
    assert len(answer_levels(question)) == 9  # 8 steps for the error model; a scenario's pick has 1 to 3


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

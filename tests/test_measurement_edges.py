"""The measurement model at its boundaries: the smallest norm group trusted, the alphas and
counts that give no classical error, weights of zero, flat profiles."""

from __future__ import annotations

import math

import pytest

from quiz.measurement import (
    MIN_NORM_ATTEMPTS, AreaNorm, Estimate, chi_square_sf, classical_sem, evenness, lean,
    weighted_estimate,
)


def norm(**changes) -> AreaNorm:
    figures = {"area": "technical", "first_attempts": MIN_NORM_ATTEMPTS, "sd": 20, "alpha": 0.8,
               "items": 10}
    return AreaNorm(**{**figures, **changes})


def test_a_norm_group_of_exactly_the_minimum_is_trusted():
    assert classical_sem(norm(), 10) == pytest.approx(20 * math.sqrt(0.2))


@pytest.mark.parametrize("changes, answered", [
    ({"alpha": 0.0}, 10),
    ({"alpha": 1.0}, 10),  # a perfect alpha would claim no error at all
    ({}, 0),
    ({"items": 0}, 10),
], ids=["alpha-0", "alpha-1", "nothing-answered", "no-items"])
def test_no_classical_sem_at_the_edges(changes, answered):
    assert classical_sem(norm(**changes), answered) is None


def test_a_part_of_weight_zero_counts_for_nothing_and_none_at_all_gives_no_estimate():
    overall = weighted_estimate([(Estimate(60, 6), 2), (Estimate(0, 50), 0)])
    assert (overall.value, overall.se) == (pytest.approx(60), pytest.approx(6))
    assert weighted_estimate([(Estimate(60, 6), 0)]) is None
    assert weighted_estimate([]) is None


def test_a_flat_profile_or_a_flat_emphasis_has_no_lean():
    flat = [Estimate(50, 5)] * 3
    assert lean(flat, [1, 0, -1]) is None
    assert lean([Estimate(20, 5), Estimate(50, 5), Estimate(80, 5)], [1, 1, 1]) is None


def test_equal_scores_are_perfectly_even():
    result = evenness([Estimate(50, 5), Estimate(50, 8), Estimate(50, 3)])
    assert (result.q, result.df) == (0, 2)
    assert result.p == 1.0 and result.even
    assert chi_square_sf(0, 1) == 1.0

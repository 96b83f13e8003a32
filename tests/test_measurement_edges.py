"""The measurement model at its boundaries: the smallest norm group trusted, the alphas and
counts that give no classical error, weights of zero, flat profiles."""

from __future__ import annotations

import math

import pytest

from quiz.statistics.measurement import (
    MIN_NORM_ATTEMPTS, Z95, AreaNorm, Estimate, ItemScore, area_estimate, chi_square_sf, classical_sem,
    evenness, lean, least_spread, smallest_clear_gap, weighted_estimate,
)


def norm(**changes) -> AreaNorm:
    figures = {"area": "technical", "first_attempts": MIN_NORM_ATTEMPTS, "sd": 20, "alpha": 0.8,
               "items": 10}
    return AreaNorm(**{**figures, **changes})


def test_a_norm_group_of_exactly_the_minimum_is_trusted():
    assert classical_sem(norm(), 10) == pytest.approx(20 * math.sqrt(0.2))


def test_one_answered_item_of_ten_has_ten_times_the_error_variance():
    # Spearman-Brown to a tenth: SEM^2 = SD^2 (1 - alpha) / (1/10) = 400 * 0.2 * 10 = 800
    assert classical_sem(norm(), 1) == pytest.approx(math.sqrt(800))


def test_a_one_item_norm_answered_in_full_is_the_plain_sem():
    assert classical_sem(norm(items=1), 1) == pytest.approx(20 * math.sqrt(0.2))


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


def test_area_estimate_value_is_the_weighted_mean_share_on_the_0_100_scale():
    # weights 3 and 1, shares 0.5 and 1: (1.5 + 1) / 4 = 0.625 -> 62.5
    items = [ItemScore(3, 0.5, "scenario"), ItemScore(1, 1.0, "scenario")]
    assert area_estimate(items).value == pytest.approx(62.5)
    strict = AreaNorm("technical", first_attempts=500, sd=90, alpha=0.5, items=2)  # SEM 63.6
    assert area_estimate(items, strict).value == pytest.approx(62.5)


@pytest.mark.parametrize("levels, mean, expected", [
    ((0.5, 1.0), 0.25, 0.25 * 0.25),  # below the lowest level: the scale's floor 0 is below it
    ((0.0, 0.5), 0.75, 0.25 * 0.25),  # above the highest: the scale's top 1 is above it
], ids=["below-every-level", "above-every-level"])
def test_least_spread_outside_the_levels_uses_the_ends_of_the_scale(levels, mean, expected):
    assert least_spread(levels, mean) == pytest.approx(expected)


def test_chi_square_sf_below_one():
    # one df: P(X >= x) = P(|Z| >= sqrt x) = erfc(sqrt(x / 2)); x = 1 -> 0.3173
    assert chi_square_sf(1, 1) == pytest.approx(0.317311, abs=1e-6)
    assert chi_square_sf(0.5, 2) == pytest.approx(math.exp(-0.25))  # two df: exp(-x / 2)
    assert chi_square_sf(-1, 3) == 1.0  # a chi-square is never negative


@pytest.mark.parametrize("x, df", [(14.067140, 7), (15.507313, 8), (16.918978, 9)])
def test_chi_square_sf_at_more_degrees_of_freedom(x, df):
    assert chi_square_sf(x, df) == pytest.approx(0.05, abs=1e-6)


def test_the_lean_does_not_depend_on_the_scale_of_the_emphasis():
    # the same profile as in test_measurement's hand-worked lean, emphasis 2 0 2 0 (|e| = 2)
    profile = [Estimate(v, 5) for v in (70, 50, 60, 40)]
    result = lean(profile, [2, 0, 2, 0])
    assert (result.contrast, result.z) == (pytest.approx(20), pytest.approx(4))
    assert result.r == pytest.approx(20 / math.sqrt(500))


def test_smallest_clear_gap_is_1_96_times_the_combined_error():
    assert smallest_clear_gap(Estimate(80, 6), Estimate(50, 8)) == pytest.approx(Z95 * 10)

"""Every formula of the measurement model against values worked out by hand."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from quiz.statistics import measurement
from quiz.statistics.measurement import (
    AreaNorm,
    Change,
    Estimate,
    ItemScore,
    area_estimate,
    chi_square_sf,
    classical_sem,
    evenness,
    gap_z,
    lean,
    least_spread,
    sampling_variance,
    spearman_brown,
    stratified_error,
    weighted_estimate,
)
from quiz.scoring import answer_levels, band_range
from tests.factories import checklist, choice

RATING = (0.0, 0.25, 0.5, 0.75, 1.0)


def test_measurement_module_imports_neither_flask_nor_sqlalchemy():
    tree = ast.parse(Path(measurement.__file__).read_text())
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m.split(".")[0] in {"flask", "sqlalchemy", "flask_sqlalchemy"} for m in imported)


def test_estimate_interval_is_clipped_and_said_in_words():
    estimate = Estimate(95, 5)  # 95 +- 9.8
    assert estimate.low == pytest.approx(85.2, abs=0.01)
    assert estimate.high == 100
    assert estimate.words() == "between 85 and 100"


def test_sampling_variance_of_all_or_nothing_answers_is_the_binomial_one():
    # shares 1, 0, 1, 1: m = 0.75, 4/3 * (3 * 0.0625 + 0.5625) / 16 = 0.0625 = p(1-p)/(n-1)
    items = [ItemScore(1, share, "scenario") for share in (1, 0, 1, 1)]
    assert sampling_variance(items) == pytest.approx(0.0625)


def test_sampling_variance_weighted():
    # weights 2 and 1, shares 1 and 0: m = 2/3;
    # 2/1 * (4 * (1/3)^2 + 1 * (2/3)^2) / 3^2 = (16/9) / 9
    items = [ItemScore(2, 1.0, "scenario"), ItemScore(1, 0.0, "scenario")]
    assert sampling_variance(items) == pytest.approx(16 / 81)


def test_two_equal_ratings_are_floored_not_exact():
    # p = (2 * 1 + 0.5) / 3 = 5/6; least spread (5/6 - 3/4)(1 - 5/6) = 0.01389 is below
    # p(1-p)/3 = 0.04630, so V = 2 * 0.04630 / 2^2 and the SE is 15.2 points, not 0.
    items = [ItemScore(1, 1.0, "self_rating", RATING)] * 2
    assert sampling_variance(items) == pytest.approx(2 * (5 / 36) / 3 / 4)
    assert stratified_error(items) == pytest.approx(15.21, abs=0.01)


def test_all_right_scenarios_keep_the_spread_of_a_likely_right_answer():
    # five of five: p = 5.5/6; least spread of an all-or-nothing answer p(1-p) = 0.0764,
    # V = 5 * 0.0764 / 25, SE = 12.4 points
    items = [ItemScore(1, 1.0, "scenario")] * 5
    p = 5.5 / 6
    assert stratified_error(items) == pytest.approx(100 * math.sqrt(5 * p * (1 - p) / 25))


@pytest.mark.parametrize("levels,mean,expected", [
    ((0.0, 1.0), 0.9, 0.09),
    (RATING, 0.6, 0.1 * 0.15),
    (RATING, 0.75, 0.0),
    ((0.0, 1 / 3, 1.0), 0.5, (0.5 - 1 / 3) * 0.5),
])
def test_least_spread(levels, mean, expected):
    assert least_spread(levels, mean) == pytest.approx(expected)


def test_stratified_error_keeps_question_kinds_apart():
    # Two ratings at 0.75: p = 2/3, floor p(1-p)/3 = 0.07407 per item -> V = 0.03704.
    # One scenario (weight 2) at 1/3: p = 5/12, floor p(1-p)/2 = 0.12153 -> V = 0.12153.
    # Area: (2/4)^2 * 0.03704 + (2/4)^2 * 0.12153 = 0.03964 -> SE 19.91.
    items = [ItemScore(1, 0.75, "self_rating", RATING), ItemScore(1, 0.75, "self_rating", RATING),
             ItemScore(2, 1 / 3, "single_choice", (0.0, 1 / 3, 1.0))]
    assert stratified_error(items) == pytest.approx(19.91, abs=0.01)


def test_spearman_brown():
    assert spearman_brown(0.8, 0.5) == pytest.approx(0.4 / 0.6)
    assert spearman_brown(0.5, 2) == pytest.approx(2 / 3)


def test_classical_sem_and_its_spearman_brown_shortening():
    norm = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=10)
    assert classical_sem(norm, 10) == pytest.approx(20 * math.sqrt(0.2))  # 8.94
    # Half the items: alpha' = 2/3, SD' = sqrt(400 * 0.8 / (2/3)) = 21.9 -> SEM 12.65,
    # the full test's error variance doubled.
    assert classical_sem(norm, 5) == pytest.approx(20 * math.sqrt(0.2) * math.sqrt(2))


@pytest.mark.parametrize("norm", [
    None,
    AreaNorm("technical", first_attempts=99, sd=20, alpha=0.8, items=10),
    AreaNorm("technical", first_attempts=500, sd=20, alpha=None, items=10),
    AreaNorm("technical", first_attempts=500, sd=20, alpha=-0.1, items=10),
])
def test_no_classical_sem_without_a_big_enough_norm_group_and_a_usable_alpha(norm):
    assert classical_sem(norm, 10) is None


def test_area_error_is_the_larger_of_per_person_and_classical():
    items = [ItemScore(1, share, "scenario") for share in (1, 0, 1, 1)]  # per-person SE 25
    small = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=4)  # 8.94
    large = AreaNorm("technical", first_attempts=150, sd=40, alpha=0.5, items=4)  # 28.3
    assert area_estimate(items).se == pytest.approx(25)
    assert area_estimate(items, small).se == pytest.approx(25)
    assert area_estimate(items, large).se == pytest.approx(40 * math.sqrt(0.5))
    assert area_estimate([]) is None


def test_overall_error_combines_area_errors_with_their_weights():
    overall = weighted_estimate([(Estimate(60, 6), 1), (Estimate(80, 8), 1)])
    assert (overall.value, overall.se) == (70, pytest.approx(5))  # sqrt(36 + 64) / 2
    weighted = weighted_estimate([(Estimate(60, 6), 3), (Estimate(80, 8), 1)])
    assert weighted.se == pytest.approx(math.sqrt(9 * 36 + 64) / 4)


def test_reliable_change_index():
    change = Change(Estimate(50, 6), Estimate(70, 8))
    assert change.sem == pytest.approx(math.sqrt(50))  # (36 + 64) / 2
    assert change.rci == pytest.approx(2.0)  # 20 / (sqrt 2 * sqrt 50) = 20 / 10
    assert change.smallest == pytest.approx(19.6, abs=0.01)
    assert change.verdict == "clearly improved"
    assert Change(Estimate(70, 8), Estimate(50, 6)).verdict == "clearly lower"
    assert Change(Estimate(50, 6), Estimate(69, 8)).verdict == "within measurement error"


def test_calibration_gap_z():
    assert gap_z(Estimate(80, 6), Estimate(50, 8)) == pytest.approx(3.0)


def test_lean_is_pearson_on_the_centred_profile_with_its_own_z():
    # profile 70 50 60 40 (mean 55, deviations 15 -5 5 -15, |d| = sqrt 500), emphasis 1 0 1 0
    # (centred +-0.5, |e| = 1): contrast 20, r = 20 / sqrt 500, SE = sqrt(4 * 0.25 * 25) = 5
    profile = [Estimate(v, 5) for v in (70, 50, 60, 40)]
    result = lean(profile, [1, 0, 1, 0])
    assert result.contrast == pytest.approx(20)
    assert result.r == pytest.approx(20 / math.sqrt(500))
    assert result.z == pytest.approx(4)
    assert lean([Estimate(50, 5)] * 4, [1, 0, 1, 0]) is None  # a flat profile has no shape


def test_evenness_chi_square():
    # mean 60, Q = (100 + 100 + 400) / 100 = 6 on 2 df: p = exp(-3) = 0.0498
    result = evenness([Estimate(50, 10), Estimate(50, 10), Estimate(80, 10)])
    assert (result.q, result.df) == (pytest.approx(6), 2)
    assert result.p == pytest.approx(math.exp(-3))
    assert not result.even
    assert evenness([Estimate(50, 10), Estimate(60, 10), Estimate(55, 10)]).even


@pytest.mark.parametrize("x,df", [(3.841459, 1), (5.991465, 2), (7.814728, 3), (9.487729, 4),
                                  (11.070498, 5), (12.591587, 6)])
def test_chi_square_sf_at_published_5_percent_critical_values(x, df):
    assert chi_square_sf(x, df) == pytest.approx(0.05, abs=1e-6)


def test_band_range_names_both_bands_when_the_interval_crosses_a_boundary():
    assert band_range(Estimate(60, 5)) == "Developing to Ready"  # 50.2 - 69.8
    assert band_range(Estimate(50, 3)) == "Developing"
    assert band_range(Estimate(50, 20)) == "Getting started to Strong"


def test_answer_levels():
    assert answer_levels(choice("c", points=(3, 1, 0))) == pytest.approx((0, 1 / 3, 1))
    assert answer_levels(checklist("k", points=(1, 1, 2))) == pytest.approx((0, 0.25, 0.5, 0.75, 1))

"""Every formula of the measurement model against values worked out by hand."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from quiz.domain.scoring import answer_levels
from quiz.domain.statistics import measurement
from quiz.domain.statistics.conditional_error import (
    binomial_variance,
    conditional_sem,
    effective_count,
    keats_factor,
)
from quiz.domain.statistics.measurement import (
    AreaNorm,
    Change,
    Estimate,
    ItemScore,
    area_estimate,
    classical_sem,
    lean,
    pooled_sem,
    spearman_brown,
    weighted_estimate,
)
from tests.factories import checklist, choice


def test_measurement_module_imports_neither_flask_nor_sqlalchemy():
    tree = ast.parse(Path(measurement.__file__).read_text())
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m.split(".")[0] in {"flask", "sqlalchemy", "flask_sqlalchemy"} for m in imported)


def test_estimate_interval_is_clipped():
    estimate = Estimate(95, 5)  # 95 +- 9.8
    assert estimate.low == pytest.approx(85.2, abs=0.01)
    assert estimate.high == 100


def test_effective_count_counts_a_question_by_its_steps():
    # Two all-or-nothing questions of weight 1 and one rating (4 steps) of weight 2:
    # (1 + 1 + 2)^2 / (1 + 1 + 4/4) = 16/3
    assert effective_count([(1, 1), (1, 1), (2, 4)]) == pytest.approx(16 / 3)
    assert effective_count([(1, 1)] * 10) == pytest.approx(10)


def test_lords_binomial_error_at_the_pulled_share():
    # 10 equal questions, share 0.8: pulled (8 + 1) / 12 = 0.75, V = 0.75 * 0.25 / 9
    assert binomial_variance(0.8, 10) == pytest.approx(0.1875 / 9)
    assert conditional_sem(0.8, 10) == pytest.approx(100 * math.sqrt(0.1875 / 9))  # 14.4
    # A perfect score keeps a range: (10 + 1) / 12 -> V = (11/12)(1/12) / 9, SE 9.2
    assert conditional_sem(1.0, 10) == pytest.approx(100 * math.sqrt(11 / 144 / 9))
    # the error is widest at mid-scale
    assert conditional_sem(0.5, 10) > conditional_sem(0.8, 10) > conditional_sem(1.0, 10)


def test_keats_factor_scales_the_binomial_to_the_norm_groups_error_variance():
    # mean 0.5, SD 0.2, alpha 0.8 over 10 questions: average binomial (0.25 - 0.04) / 9,
    # classical error variance 0.04 * 0.2 -> factor 0.008 * 9 / 0.21
    assert keats_factor(0.5, 0.2, 0.8, 10) == pytest.approx(0.008 * 9 / 0.21)
    assert keats_factor(0.5, 0.6, 0.8, 10) is None  # more spread than a binomial allows
    assert keats_factor(0.5, 0.2, 1.0, 10) is None


def test_effective_count_of_nothing_is_zero_questions():
    # no questions, or only questions of weight zero, are worth no trials at all
    assert effective_count([]) == 0
    assert effective_count([(0, 1), (0, 4)]) == 0


def test_lords_error_over_two_questions_divides_by_n_minus_one():
    # n = 2 at share 1/2: pulled (1 + 1) / 4 = 1/2, V = (1/4) / (2 - 1) = 1/4, SE 50 points
    assert binomial_variance(0.5, 2) == pytest.approx(0.25)
    assert conditional_sem(0.5, 2) == pytest.approx(50)


def test_keats_factor_over_two_questions_divides_by_n_minus_one():
    # mean 0.5, SD 0.2, alpha 0.8, n = 2: average binomial (0.25 - 0.04) / 1, factor 0.008 / 0.21
    assert keats_factor(0.5, 0.2, 0.8, 2) == pytest.approx(0.008 / 0.21)


def test_keats_factor_needs_an_alpha_above_zero_and_spread_below_the_binomials():
    assert keats_factor(0.5, 0.2, 0.0, 10) is None  # alpha 0: no true-score variance at all
    # SD^2 = mu (1 - mu) exactly: the norm group leaves no binomial variance to scale
    assert keats_factor(0.5, 0.5, 0.8, 10) is None


def test_area_error_after_norms_is_taken_at_kelleys_level_towards_the_mean():
    items = [ItemScore(1, share) for share in (1, 0, 1, 1)]  # share 0.75 on 4 questions
    norm = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=4, mean=60)
    after = area_estimate(items, norm, full_count=4)
    # Kelley: 0.6 + 0.8 * 0.15 = 0.72, pulled (4 * 0.72 + 1) / 6 = 0.64667, V = p (1 - p) / 3;
    # Keats factor 0.2 * 0.04 / ((0.24 - 0.04) / 3) = 0.12
    pulled = (4 * 0.72 + 1) / 6
    assert after.value == pytest.approx(75)
    assert after.se == pytest.approx(100 * math.sqrt(pulled * (1 - pulled) / 3 * 0.12))  # 9.56


def test_area_error_before_and_after_a_norm_group():
    items = [ItemScore(1, share) for share in (1, 0, 1, 1)]  # share 0.75 on 4 questions
    before = area_estimate(items)
    assert before.value == pytest.approx(75)
    assert before.se == pytest.approx(100 * math.sqrt(binomial_variance(0.75, 4)))
    norm = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=4, mean=50)
    after = area_estimate(items, norm, full_count=4)
    # Kelley's true-score estimate 0.5 + 0.8 * 0.25 = 0.7, the binomial there, times the factor
    factor = keats_factor(0.5, 0.2, 0.8, 4)
    assert after.se == pytest.approx(100 * math.sqrt(binomial_variance(0.7, 4) * factor))
    assert area_estimate([]) is None
    small = AreaNorm("technical", first_attempts=99, sd=20, alpha=0.8, items=4, mean=50)
    assert area_estimate(items, small, full_count=4) == before  # too small a norm group


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


def test_overall_error_combines_area_errors_with_their_weights():
    overall = weighted_estimate([(Estimate(60, 6), 1), (Estimate(80, 8), 1)])
    assert (overall.value, overall.se) == (70, pytest.approx(5))  # sqrt(36 + 64) / 2
    weighted = weighted_estimate([(Estimate(60, 6), 3), (Estimate(80, 8), 1)])
    assert weighted.se == pytest.approx(math.sqrt(9 * 36 + 64) / 4)


def test_change_before_norms_is_a_wald_test_on_the_shown_difference():
    change = Change(Estimate(50.4, 6), Estimate(70.4, 8))
    assert change.difference == 20  # 70 - 50, as the report shows it
    assert change.error == pytest.approx(10)  # sqrt(36 + 64)
    assert (change.z, change.method) == (pytest.approx(2.0), "Wald test")
    assert change.verdict == "within measurement error"  # until the report's procedure flags it
    from dataclasses import replace
    assert replace(change, flagged=True).verdict == "clearly improved"
    assert replace(Change(Estimate(70, 8), Estimate(50, 6)), flagged=True).verdict == "clearly lower"


def test_reliable_change_index_from_the_norm_group():
    norm = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=10, mean=50)
    sem = pooled_sem(norm, 10, 10)
    assert sem == pytest.approx(20 * math.sqrt(0.2))  # 8.94
    change = Change(Estimate(50, 6), Estimate(75, 8), sem)
    assert change.method == "reliable change index"
    assert change.z == pytest.approx(25 / (math.sqrt(2) * sem))  # 1.98
    assert pooled_sem(None, 10, 10) is None


def test_lean_is_pearson_on_the_centred_profile_with_its_own_z():
    # profile 70 50 60 40 (mean 55, deviations 15 -5 5 -15, |d| = sqrt 500), emphasis 1 0 1 0
    # (centred +-0.5, |e| = 1): contrast 20, r = 20 / sqrt 500, SE = sqrt(4 * 0.25 * 25) = 5
    profile = [Estimate(v, 5) for v in (70, 50, 60, 40)]
    result = lean(profile, [1, 0, 1, 0])
    assert result.contrast == pytest.approx(20)
    assert result.r == pytest.approx(20 / math.sqrt(500))
    assert result.z == pytest.approx(4)
    assert lean([Estimate(50, 5)] * 4, [1, 0, 1, 0]) is None  # a flat profile has no shape


def test_no_pooled_sem_when_either_attempt_answered_nothing():
    norm = AreaNorm("technical", first_attempts=150, sd=20, alpha=0.8, items=10, mean=50)
    assert pooled_sem(norm, 0, 10) is None
    assert pooled_sem(norm, 10, 0) is None


def test_lean_contrast_is_in_points_whatever_the_emphasis_length():
    # profile 80 60, emphasis 2 0 (centred +-1, |e| = sqrt 2): contrast 20 / sqrt 2 = 14.14,
    # |d| = sqrt(100 + 100) = 14.14, so r = 1; SE = sqrt(25 + 25) / sqrt 2 = 5, z = 2.83
    result = lean([Estimate(80, 5), Estimate(60, 5)], [2, 0])
    assert result.contrast == pytest.approx(20 / math.sqrt(2))
    assert result.r == pytest.approx(1)
    assert result.z == pytest.approx(20 / math.sqrt(2) / 5)


def test_answer_levels():
    assert answer_levels(choice("c", points=(3, 1, 0))) == pytest.approx((0, 1 / 3, 1))
    assert answer_levels(checklist("k", points=(1, 1, 2))) == pytest.approx((0, 0.25, 0.5, 0.75, 1))

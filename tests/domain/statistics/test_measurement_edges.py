"""The measurement model at its boundaries: the smallest norm group trusted, the alphas and
counts that give no classical error, weights of zero, flat profiles; the inference helpers."""

from __future__ import annotations

import math

import pytest

from quiz.domain.statistics.equivalence import deviation_errors, within_margin
from quiz.domain.statistics.inference import (
    NORMAL,
    benjamini_hochberg,
    chance_highest,
    holm,
    two_sided_p,
)
from quiz.domain.statistics.measurement import (
    MIN_NORM_ATTEMPTS,
    AreaNorm,
    Estimate,
    ItemScore,
    area_estimate,
    classical_sem,
    lean,
    weighted_estimate,
)


def norm(**changes) -> AreaNorm:
    figures = {"area": "technical", "first_attempts": MIN_NORM_ATTEMPTS, "sd": 20, "alpha": 0.8,
               "items": 10, "mean": 50}
    return AreaNorm(**{**figures, **changes})


def test_a_norm_group_of_exactly_the_minimum_is_trusted():
    assert classical_sem(norm(), 10) == pytest.approx(20 * math.sqrt(0.2))
    assert not norm(first_attempts=MIN_NORM_ATTEMPTS - 1).usable


def test_one_answered_item_of_ten_has_ten_times_the_error_variance():
    # Spearman-Brown to a tenth: SEM^2 = SD^2 (1 - alpha) / (1/10) = 400 * 0.2 * 10 = 800
    assert classical_sem(norm(), 1) == pytest.approx(math.sqrt(800))


@pytest.mark.parametrize("changes, answered", [
    ({"alpha": 0.0}, 10),
    ({"alpha": 1.0}, 10),  # a perfect alpha would claim no error at all
    ({"alpha": None}, 10),
    ({}, 0),
    ({"items": 0}, 10),
], ids=["alpha-0", "alpha-1", "no-alpha", "nothing-answered", "no-items"])
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


def test_area_estimate_value_is_the_weighted_mean_share_on_the_0_100_scale():
    # weights 3 and 1, shares 0.5 and 1: (1.5 + 1) / 4 = 0.625 -> 62.5
    items = [ItemScore(3, 0.5), ItemScore(1, 1.0)]
    assert area_estimate(items).value == pytest.approx(62.5)
    assert area_estimate(items, norm(items=2), full_count=1.6).value == pytest.approx(62.5)


def test_holm_steps_down_and_stops_at_the_first_failure():
    # m = 3 at 0.1: 0.01 <= 0.1/3, 0.04 <= 0.1/2, 0.2 > 0.1
    assert holm([0.04, 0.01, 0.2]) == [True, True, False]
    # 0.04 > 0.1/3 stops everything
    assert holm([0.04, 0.045, 0.05]) == [False, False, False]


def test_benjamini_hochberg_takes_the_largest_passing_rank():
    # m = 4, q = 0.1: thresholds 0.025 0.05 0.075 0.1; p sorted 0.03 0.04 0.07 0.5 -> k = 3
    assert benjamini_hochberg([0.5, 0.03, 0.07, 0.04]) == [False, True, True, True]
    assert benjamini_hochberg([0.2, 0.3]) == [False, False]


def test_chance_highest():
    chances = chance_highest([50, 50], [5, 5])
    assert chances == pytest.approx([0.5, 0.5], abs=1e-3)
    far = chance_highest([80, 40, 40], [3, 3, 3])
    assert far[0] == pytest.approx(1, abs=1e-6) and sum(far) == pytest.approx(1, abs=1e-3)


def test_equivalence_needs_every_area_shown_within_the_margin():
    # six areas at SE 3: SE of a deviation sqrt(9 (1 - 1/3) + 54/36) = 2.74; 1.645 * 2.74 = 4.5
    assert within_margin([50, 52, 48, 50, 51, 49], [3] * 6, margin=20)
    # 70 is 16.3 above the mean 53.7: 20 - 16.3 = 3.7 is less than 4.5
    assert not within_margin([50, 70, 48, 50, 51, 49], [3] * 6, margin=20)
    assert not within_margin([50, 52, 48, 50, 51, 49], [12] * 6, margin=20)  # too uncertain to tell


def test_two_sided_p_matches_the_normal_table_and_ignores_the_sign():
    assert two_sided_p(0) == pytest.approx(1)
    assert two_sided_p(1.959964) == pytest.approx(0.05, abs=1e-6)
    assert two_sided_p(2.575829) == pytest.approx(0.01, abs=1e-6)
    assert two_sided_p(1) == pytest.approx(0.3173, abs=1e-4)
    assert two_sided_p(-1.959964) == two_sided_p(1.959964)


# Benjamini and Hochberg's (1995) own example: 15 p-values; at 0.05 their procedure rejects the
# four smallest, Holm only the three smallest (0.0095 > 0.05 / 12 = 0.00417).
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
           0.4262, 0.5719, 0.6528, 0.7590, 1.0000]


def test_holm_and_benjamini_hochberg_on_the_1995_textbook_example():
    assert benjamini_hochberg(BH_1995, q=0.05) == [True] * 4 + [False] * 11
    assert holm(BH_1995, alpha=0.05) == [True] * 3 + [False] * 12


def test_a_p_value_exactly_at_its_threshold_is_rejected():
    # Holm: p_(k) <= alpha / (m - k); 0.05 is exactly 0.1 / 2, then 0.1 exactly 0.1 / 1
    assert holm([0.1, 0.05]) == [True, True]
    # Benjamini-Hochberg: p_(k) <= k q / m; 0.1 is exactly 2 * 0.1 / 2
    assert benjamini_hochberg([0.1, 0.1]) == [True, True]


def test_chance_highest_integrates_over_exactly_plus_minus_6_standard_errors():
    # a lone score is surely the highest, but for the normal mass beyond +-6 SE (2e-9)
    lone = chance_highest([50], [5])[0]
    assert lone == pytest.approx(1 - 2 * NORMAL.cdf(-6), abs=1e-10)
    # two equal scores with equal errors split exactly what the lone score gets
    pair = chance_highest([50, 50], [5, 5])
    assert pair[0] == pair[1] == pytest.approx(lone / 2, abs=1e-13)


@pytest.mark.parametrize("errors", [(5, 5), (10, 0.1), (0.1, 10), (8, 1), (2, 0.5)])
@pytest.mark.parametrize("gap", [-3, -0.5, 0, 0.3, 1, 2, 6])
def test_chance_highest_of_two_scores_is_the_normal_chance_of_their_difference(errors, gap):
    """For two scores the chance is known exactly: P(X1 > X2) = Phi(gap / sqrt(se1^2 + se2^2)),
    also when one is known a hundred times better than the other."""
    exact = NORMAL.cdf(gap / math.hypot(*errors))
    first, second = chance_highest([50 + gap, 50], list(errors))
    assert first == pytest.approx(exact, abs=5e-4)
    assert second == pytest.approx(1 - exact, abs=5e-4)


def test_deviation_errors_from_the_own_mean_by_hand():
    # six areas at SE 3: 9 (1 - 2/6) + 6 * 9 / 36 = 7.5
    assert deviation_errors([3] * 6) == pytest.approx([math.sqrt(7.5)] * 6)
    # two areas: each deviation is (x1 - x2) / 2, SE sqrt(9 + 16) / 2 = 2.5 for both
    assert deviation_errors([3, 4]) == pytest.approx([2.5, 2.5])
    # three: d_1 = (2 x1 - x2 - x3) / 3, variance (4 * 1 + 4 + 4) / 9 = 4/3
    assert deviation_errors([1, 2, 2])[0] == pytest.approx(math.sqrt(4 / 3))


def test_no_profile_is_shown_within_a_margin_it_only_touches():
    # equivalence needs |d| strictly inside the margin: known exactly at the margin is not inside
    assert not within_margin([40, 60], [0, 0], margin=10)
    assert within_margin([41, 59], [0, 0], margin=10)
    assert not within_margin([50, 50, 50], [0, 0, 0], margin=0)  # nothing lies within +-0

"""The true score's distribution given an observed score: pulled towards the norm group's
mean (or the middle of the scale before norms), skewed at the ends, its chances summing to one."""

from itertools import pairwise

import pytest

from quiz.domain.statistics.true_score import PRIOR, BetaBelief, area_belief, prior


def test_before_norms_the_prior_is_symmetric_and_pulls_a_perfect_score_below_100():
    belief = area_belief(1.0, 20, prior())
    assert prior() == (PRIOR, PRIOR)
    assert belief == BetaBelief(PRIOR + 20, PRIOR)
    assert belief.centre == pytest.approx(100 * (PRIOR + 20) / (2 * PRIOR + 20))
    assert belief.high - belief.centre < belief.centre - belief.low  # skewed: more room below
    assert belief.low > 50


def test_the_norm_group_prior_has_its_true_mean_and_variance():
    a, b = prior(mean=60, sd=20, reliability=0.8)
    mean, variance = a / (a + b), a * b / ((a + b) ** 2 * (a + b + 1))
    assert mean == pytest.approx(0.6)
    assert variance == pytest.approx(0.8 * 0.2 ** 2)


@pytest.mark.parametrize("figures", [(None, 20, 0.8), (60, None, 0.8), (60, 20, None), (60, 20, 1.0),
                                     (60, 20, 0.0), (0, 20, 0.8), (60, 60, 0.99)])
def test_no_usable_norm_gives_the_flat_prior(figures):
    assert prior(*figures) == (PRIOR, PRIOR)


def test_with_norms_a_high_score_is_pulled_towards_the_mean_by_about_kelleys_amount():
    norm = prior(mean=50, sd=20, reliability=0.8)
    belief = area_belief(0.9, 60, norm)
    kelley = 50 + 0.8 * (90 - 50)
    assert 50 < belief.centre < 90
    assert belief.centre == pytest.approx(kelley, abs=6)


def test_the_keats_factor_widens_nothing_but_weighs_the_answers_less():
    plain, scaled = area_belief(0.7, 30, prior()), area_belief(0.7, 30, prior(), keats_factor=0.5)
    assert scaled.sd < plain.sd  # answers that scatter less than the binomial say more


def test_chances_add_up_and_the_range_holds_the_middle_95():
    belief = area_belief(0.62, 25, prior(mean=55, sd=18, reliability=0.75))
    edges = [0, 40, 65, 85, 100]
    assert sum(belief.chance(lo, hi) for lo, hi in pairwise(edges)) == pytest.approx(1)
    assert belief.chance(belief.low, belief.high) == pytest.approx(0.95, abs=1e-6)
    assert belief.below(belief.quantile(0.3)) == pytest.approx(0.3, abs=1e-9)

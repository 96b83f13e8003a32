"""The item statistics against values worked out by hand (the working is in the comments),
F-table values, and closed forms of the F distribution."""

from __future__ import annotations

import math
from dataclasses import asdict, replace

import pytest

from quiz.domain.question_types.question import Option
from quiz.domain.scoring import STANDING_PARTS
from quiz.domain.statistics import items as stats
from quiz.domain.statistics.f_distribution import f_quantile
from tests import factories


def approx(value):
    return pytest.approx(value, abs=1e-4)


def interval(value: stats.Interval | None):
    return None if value is None else (value.low, value.high)


# --- the standard library wrappers ------------------------------------------------------------

def test_correlation_by_hand():
    # xs 1..5, mean 3: deviations -2 -1 0 1 2; ys 2 4 5 4 5, mean 4: deviations -2 0 1 0 1
    # sxy = 4 + 0 + 0 + 0 + 2 = 6, sxx = 10, syy = 4 + 0 + 1 + 0 + 1 = 6 -> 6 / sqrt(60)
    assert stats.correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == approx(6 / math.sqrt(60))  # 0.7746


@pytest.mark.parametrize("xs, ys", [
    ([1], [2]),  # one pair
    ([], []),
    ([1, 1, 1], [1, 2, 3]),  # no spread in x
    ([1, 2, 3], [5, 5, 5]),  # no spread in y
    ([0.1, 0.1, 0.1], [1, 2, 3]),  # equal values whose mean is not exact in binary: still no spread
])
def test_correlation_undefined(xs, ys):
    assert stats.correlation(xs, ys) is None


def test_correlation_at_exactly_two_pairs():
    assert stats.correlation([0, 1], [2, 3]) == 1.0
    assert stats.correlation([0, 1], [3, 2]) == -1.0


def test_correlation_with_a_small_spread():
    # Shares between 0 and 0.003: variances around 1e-6, far below 1, yet real spread.
    # xs 0 .001 .002 .003 (deviations -1.5 -.5 .5 1.5 thousandths), ys 0 .002 .001 .003
    # (deviations -1.5 .5 -.5 1.5): sxy = 2.25 - .25 - .25 + 2.25 = 4, sxx = syy = 5 -> 0.8
    assert stats.correlation([0, .001, .002, .003], [0, .002, .001, .003]) == approx(0.8)


def test_correlation_needs_pairs():
    with pytest.raises(ValueError, match="^correlation needs two sequences of the same length$"):
        stats.correlation([1, 2], [1])


@pytest.mark.parametrize("xs, ys, r", [
    ([0.801, 0.445], [0.801 * 2.81, 0.445 * 2.81], 1.0),  # the library says 1.0000000000000002
    ([0.627, 0.301], [0.627 * -1.57, 0.301 * -1.57], -1.0),  # and -1.0000000000000002
])
def test_correlation_rounding_past_one_is_held_at_one(xs, ys, r):
    assert stats.correlation(xs, ys) == r
    assert interval(stats.fisher_interval(stats.correlation(xs * 2, ys * 2), 4)) == (r, r)


def test_values_exactly_the_no_spread_cut_off_apart_do_not_vary():
    assert stats.correlation([0, stats.NO_SPREAD, 0], [1, 2, 3]) is None


def test_mean_variance_sd_undefined_without_enough_values():
    assert (stats.mean([]), stats.variance([3]), stats.sd([3])) == (None, None, None)
    # 1 and 2: mean 1.5, squared deviations .25 + .25 over n - 1 = 1
    assert (stats.mean([1, 2]), stats.variance([1, 2]), stats.sd([1, 2])) == (1.5, 0.5, approx(math.sqrt(.5)))


# --- intervals --------------------------------------------------------------------------------

def test_fisher_interval_by_hand():
    # r = .5 over 28 pairs: z = atanh(.5) = .549306, half-width 1.959964 / sqrt(25) = .391993
    # tanh(.157313) = .156028, tanh(.941299) = .735819
    assert interval(stats.fisher_interval(0.5, 28)) == (approx(0.156028), approx(0.735819))


def test_fisher_interval_needs_four_pairs():
    assert stats.fisher_interval(0.5, 3) is None
    # 4 pairs: half-width 1.959964 / 1; tanh(.549306 -/+ 1.959964) = tanh(-1.410658), tanh(2.509270)
    assert interval(stats.fisher_interval(0.5, 4)) == (approx(-0.887634), approx(0.986859))
    assert stats.fisher_interval(None, 50) is None
    assert interval(stats.fisher_interval(1.0, 10)) == (1.0, 1.0)


def test_f_quantiles_against_closed_forms_and_tables():
    # F(1, 1) is the square of a Cauchy variable: P(F <= x) = 2 P(t <= sqrt x) - 1, so its
    # 97.5 % point is tan(pi * .4875)^2 = 647.789 and its 2.5 % point tan(pi * .0125)^2 = .0015437.
    assert f_quantile(0.975, 1, 1) == pytest.approx(math.tan(math.pi * 0.4875) ** 2, rel=1e-9)
    assert f_quantile(0.025, 1, 1) == pytest.approx(math.tan(math.pi * 0.0125) ** 2, rel=1e-9)
    # F(2, d2): P(F <= x) = 1 - (1 + 2x / d2)^(-d2 / 2), so x = d2 / 2 * ((1 - p)^(-2 / d2) - 1);
    # for d2 = 4: 2 * (.025^-.5 - 1) = 10.649111 and 2 * (.975^-.5 - 1) = .025479
    assert f_quantile(0.975, 2, 4) == pytest.approx(2 * (0.025 ** -0.5 - 1), rel=1e-9)
    assert f_quantile(0.025, 2, 4) == pytest.approx(2 * (0.975 ** -0.5 - 1), rel=1e-9)
    # Printed F tables (upper 2.5 % points): F(10, 20) = 2.7737, F(20, 10) = 3.4185, F(3, 6) = 6.5988
    assert f_quantile(0.975, 10, 20) == pytest.approx(2.7737, abs=1e-4)
    assert f_quantile(0.975, 20, 10) == pytest.approx(3.4185, abs=1e-4)
    assert f_quantile(0.975, 3, 6) == pytest.approx(6.5988, abs=1e-4)


def test_feldt_interval_by_hand():
    # alpha .6 from 11 takers and 3 items: F with 10 and 20 degrees of freedom.
    # Lower: 1 - .4 * F.975(10, 20) = 1 - .4 * 2.7737 = -.10948
    # Upper: 1 - .4 * F.025(10, 20) = 1 - .4 / F.975(20, 10) = 1 - .4 / 3.4185 = .88299
    assert interval(stats.feldt_interval(0.6, 11, 3)) == (approx(-0.10948), approx(0.88299))


def test_feldt_interval_at_two_takers_and_two_items():
    # 1 and 1 degrees of freedom: 1 - .2 * 647.789 = -128.558 and 1 - .2 * .0015437 = .999691
    assert interval(stats.feldt_interval(0.8, 2, 2)) == (
        approx(1 - 0.2 * math.tan(math.pi * 0.4875) ** 2), approx(1 - 0.2 * math.tan(math.pi * 0.0125) ** 2))
    assert stats.feldt_interval(0.8, 1, 2) is None
    assert stats.feldt_interval(0.8, 2, 1) is None
    assert stats.feldt_interval(None, 50, 5) is None


# --- Cronbach's alpha, pairwise ---------------------------------------------------------------

def test_cronbach_alpha_by_hand():
    # Three items, five takers, nothing skipped.
    #   item 1: 4 2 3 1 4, mean 2.8, squared deviations 1.44 .64 .04 3.24 1.44 = 6.8 -> variance 1.7
    #   item 2: 3 2 3 2 4, mean 2.8, squared deviations .04 .64 .04 .64 1.44 = 2.8 -> variance 0.7
    #   item 3: 4 1 3 1 3, mean 2.4, squared deviations 2.56 1.96 .36 1.96 .36 = 7.2 -> variance 1.8
    #   totals: 11 5 9 4 11, mean 8, squared deviations 9 9 1 16 9 = 44 -> variance 11
    # alpha = 3/2 * (1 - (1.7 + 0.7 + 1.8) / 11) = 1.5 * 6.8 / 11 = 10.2 / 11
    rows = [[4, 3, 4], [2, 2, 1], [3, 3, 3], [1, 2, 1], [4, 4, 3]]
    assert stats.cronbach_alpha(rows) == approx(10.2 / 11)  # 0.9273


# Five takers, two skips (None).
#   taker   i1    i2   i3
#   1       1     1    1
#   2       1     0    1
#   3       0     1    -
#   4       0     0    0
#   5       -     1    0
PAIRWISE = [[1, 1, 1], [1, 0, 1], [0, 1, None], [0, 0, 0], [None, 1, 0]]


def test_pairwise_alpha_by_hand():
    # Variances over the takers who answered each item:
    #   i1 (1-4): 1 1 0 0, mean .5 -> 4 * .25 / 3 = 1/3
    #   i2 (1-5): 1 0 1 0 1, mean .6 -> (3 * .16 + 2 * .36) / 4 = .3
    #   i3 (1, 2, 4, 5): 1 1 0 0 -> 1/3
    # Covariances over the takers who answered both:
    #   i1, i2 (1-4): deviations .5 .5 -.5 -.5 and .5 -.5 .5 -.5 -> .25 - .25 - .25 + .25 = 0
    #   i1, i3 (1, 2, 4): 1 1 0 both, mean 2/3: (1/9 + 1/9 + 4/9) / 2 = 1/3
    #   i2, i3 (1, 2, 4, 5): 1 0 0 1 and 1 1 0 0, means .5: .25 - .25 + .25 - .25 = 0
    # Sum of variances 1/3 + .3 + 1/3 = 29/30; whole matrix 29/30 + 2 * 1/3 = 49/30
    # alpha = 3/2 * (1 - 29/49) = 30/49
    covariances = stats.Covariances.pairwise(PAIRWISE)
    assert covariances.alpha() == approx(30 / 49)  # 0.6122
    assert covariances.fewest_pairs() == 3  # i1 and i3
    # Without i1: 1 - (.3 + 1/3) / (.3 + 1/3) = 0 -> 0; without i2: 2 * (1 - (2/3) / (2/3 + 2/3)) = 1;
    # without i3: like without i1, 0
    assert covariances.alpha_if_deleted() == [approx(0), approx(1), approx(0)]


def test_pairwise_alpha_keeps_attempts_listwise_deletion_drops():
    # Only takers 1, 2 and 4 answered everything: i1 1 1 0, i2 1 0 0, i3 1 1 0.
    # Variances 1/3 each; totals 3 2 0, mean 5/3, (16/9 + 1/9 + 25/9) / 2 = 7/3
    # listwise alpha = 3/2 * (1 - 1 / (7/3)) = 6/7, not the 30/49 of all five takers
    complete = [row for row in PAIRWISE if None not in row]
    assert stats.cronbach_alpha(complete) == approx(6 / 7)
    assert stats.cronbach_alpha(PAIRWISE) != approx(6 / 7)


def test_alpha_at_exactly_two_items_and_two_takers():
    # items 1 2 and 2 4: variances .5 and 2, covariance 1; total 2.5 + 2 = 4.5
    # alpha = 2 * (1 - 2.5 / 4.5) = 8/9
    assert stats.cronbach_alpha([[1, 2], [2, 4]]) == approx(8 / 9)


def test_alpha_with_exactly_two_takers_behind_a_covariance():
    # item 1: 1 2 3 (variance 1), item 2: 2 4 (variance 2), both answered by two: covariance 1
    # alpha = 2 * (1 - 3 / (1 + 2 + 2)) = 0.8
    assert stats.cronbach_alpha([[1, 2], [2, 4], [3, None]]) == approx(0.8)
    # Only one taker answered both: the covariance, and so alpha, is undefined.
    assert stats.cronbach_alpha([[1, 2], [2, None], [None, 4], [3, 5]]) is not None
    assert stats.cronbach_alpha([[1, 2], [2, None], [None, 4]]) is None


@pytest.mark.parametrize("rows", [
    [[1, 2, 3]],  # one taker
    [[1], [2], [3]],  # one item
    [[1, 1], [1, 1], [1, 1]],  # no spread
    [],
])
def test_cronbach_alpha_undefined(rows):
    assert stats.cronbach_alpha(rows) is None


@pytest.mark.parametrize("worth", [1 / 1000, 1 / 100_000])
def test_alpha_with_a_small_spread(worth):
    # The hand-worked rows above, as scores of questions worth 1/1000 or 1/100000: the
    # variances shrink by a million or ten billion (the total's to 1.1e-9), alpha stays 10.2 / 11.
    rows = [[v * worth for v in row] for row in [[4, 3, 4], [2, 2, 1], [3, 3, 3], [1, 2, 1], [4, 4, 3]]]
    assert stats.cronbach_alpha(rows) == approx(10.2 / 11)


def test_discriminative_efficiency_by_hand():
    # item 1 1 0 0 .5 (mean .5), rest 1 .5 .5 0 1 (mean .6): covariance
    #   (.5 * .4 + .5 * -.1 - .5 * -.1 - .5 * -.6 + 0) / 4 = .5 / 4
    # sorted: 0 0 .5 1 1 and 0 .5 .5 1 1: (-.5 * -.6 - .5 * -.1 + 0 + .5 * .4 + .5 * .4) / 4 = .75 / 4
    assert stats.discriminative_efficiency([1, 1, 0, 0, .5], [1, .5, .5, 0, 1]) == approx(2 / 3)
    assert stats.discriminative_efficiency([1, 1, 1], [1, 2, 3]) is None  # no spread
    # Exactly two pairs: already sorted the same way -> 1; the other way round -> -1
    assert stats.discriminative_efficiency([0, 1], [2, 3]) == approx(1)
    assert stats.discriminative_efficiency([0, 1], [3, 2]) == approx(-1)
    assert stats.discriminative_efficiency([1], [1]) is None


def test_discriminative_efficiency_with_a_small_spread():
    # The hand-worked values above as scores of questions worth 1/100000: every covariance
    # shrinks by 1e-10 (the largest to 1.9e-11), the efficiency stays 2/3
    small = 1 / 100_000
    assert stats.discriminative_efficiency([v * small for v in [1, 1, 0, 0, .5]],
                                           [v * small for v in [1, .5, .5, 0, 1]]) == approx(2 / 3)


def test_no_efficiency_when_the_largest_covariance_is_the_no_spread_cut_off():
    # 0, c, 2c twice: the largest covariance is the variance c^2, c the no-spread cut-off
    cut = stats.NO_SPREAD
    assert stats.discriminative_efficiency([0, cut, 2 * cut], [0, cut, 2 * cut]) is None


def test_no_alpha_when_the_total_spread_is_the_no_spread_cut_off():
    # one item 0, c, 2c (variance c^2), the other never varies: the total's SD is the cut-off
    cut = stats.NO_SPREAD
    assert stats.cronbach_alpha([[0, 0], [cut, 0], [2 * cut, 0]]) is None
    assert stats.cronbach_alpha([[0, 0], [2 * cut, 0], [4 * cut, 0]]) == approx(0)  # twice it: alpha 0


# --- the whole bank ---------------------------------------------------------------------------

def test_item_score_is_weight_times_share_of_points():
    question = factories.choice("q", points=(3, 1, 0), weight=2)
    response = stats.item_response(question, frozenset({"b"}))
    assert (response.area, response.share, response.score) == ("technical", approx(1 / 3), approx(2 / 3))


# A small fixed data set: three technical questions of weight 1, five first attempts.
#   taker   q1 (rating)  q2 (choice 3/1/0)  q3 (rating)   technical score
#   1       "5" -> 1     "a" -> 1           "5" -> 1      100
#   2       "5" -> 1     "c" -> 0           "5" -> 1      66.7
#   3       "1" -> 0     "a" -> 1           "1" -> 0      33.3
#   4       "1" -> 0     "c" -> 0           "1" -> 0      0
#   5       "3" -> .5    "a" -> 1           (skipped)     75
QUESTIONS = (factories.rating("q1"), factories.choice("q2"), factories.rating("q3"),
             factories.rating("other", area="business"))
ANSWERS = [
    {"q1": "5", "q2": "a", "q3": "5", "other": "2"},
    {"q1": "5", "q2": "c", "q3": "5"},
    {"q1": "1", "q2": "a", "q3": "1", "other": "4"},
    {"q1": "1", "q2": "c", "q3": "1"},
    {"q1": "3", "q2": "a"},
]
BY_ID = {q.id: q for q in QUESTIONS}


def attempt(answers: dict[str, str], retake: bool = False, questions=BY_ID) -> stats.AttemptAnswers:
    """A finished attempt: question id -> the one option chosen."""
    return stats.AttemptAnswers({qid: stats.item_response(questions[qid], frozenset({option}))
                                 for qid, option in answers.items()}, retake)


@pytest.fixture
def figures():
    return stats.analyse(["technical", "business"], QUESTIONS, [attempt(a) for a in ANSWERS])


def test_analyse_counts_facility_and_sd(figures):
    assert (figures.first_attempts, figures.retakes) == (5, 0)
    assert [figures.item(q).answered for q in ("q1", "q2", "q3")] == [5, 5, 4]
    # q1: 1 1 0 0 .5 -> mean .5, squared deviations 4 * .25 = 1 over 4 -> SD .5
    # q2: 1 0 1 0 1 -> mean .6, (3 * .16 + 2 * .36) / 4 = .3 -> SD sqrt(.3)
    # q3: 1 1 0 0 -> mean .5, 1 / 3 -> SD sqrt(1/3)
    assert [(figures.item(q).facility, figures.item(q).sd) for q in ("q1", "q2", "q3")] == [
        (approx(0.5), approx(0.5)), (approx(0.6), approx(math.sqrt(0.3))),
        (approx(0.5), approx(math.sqrt(1 / 3)))]


def test_analyse_discrimination_uses_the_mean_of_the_other_answered_items(figures):
    # The rest score is the mean share of the OTHER questions answered; a skip is left out.
    # q1: item 1 1 0 0 .5 (mean .5); rest (q2, q3) 1 .5 .5 0 1 (taker 5: q2 alone; mean .6)
    #   sxy = .5 * .4 + .5 * -.1 - .5 * -.1 - .5 * -.6 + 0 = .5; sxx = 1; syy = .16+.01+.01+.36+.16 = .7
    #   (counting the skipped q3 as 0 would give taker 5 a rest of .5 and another r)
    assert figures.item("q1").discrimination == approx(0.5 / math.sqrt(0.7))  # 0.5976
    # q2: item 1 0 1 0 1 (mean .6); rest (q1, q3) 1 1 0 0 .5 (mean .5)
    #   sxy = .4 * .5 - .6 * .5 + .4 * -.5 - .6 * -.5 + .4 * 0 = 0
    assert figures.item("q2").discrimination == approx(0)
    # q3 (takers 1-4): item 1 1 0 0, rest (q1, q2) 1 .5 .5 0: sxy = .25 + .25 = .5, sxx = 1, syy = .5
    assert figures.item("q3").discrimination == approx(1 / math.sqrt(2))  # 0.7071


def test_analyse_discrimination_intervals(figures):
    # q1: atanh(.597614) = .689355 -/+ 1.959964 / sqrt(2) = 1.385904 -> tanh: -.602126, .968981
    assert interval(figures.item("q1").discrimination_interval) == (approx(-0.602126), approx(0.968981))
    # q2: r = 0 -/+ -> tanh(1.385904) = .882266
    assert interval(figures.item("q2").discrimination_interval) == (approx(-0.882266), approx(0.882266))
    # q3, four pairs: atanh(.707107) = .881374 -/+ 1.959964 -> -.792676, .993214
    assert interval(figures.item("q3").discrimination_interval) == (approx(-0.792676), approx(0.993214))


def test_analyse_discriminative_efficiency(figures):
    # q1 as in test_discriminative_efficiency_by_hand: 2/3
    # q3: item 1 1 0 0 and rest 1 .5 .5 0 are already sorted the same way: 1
    assert [figures.item(q).efficiency for q in ("q1", "q2", "q3")] == [approx(2 / 3), approx(0), approx(1)]


def test_analyse_pairwise_alpha_and_its_interval(figures):
    # Item scores (weight 1, so the shares) - variances over the takers who answered:
    #   q1 .25 (5 takers), q2 .3 (5), q3 1/3 (takers 1-4)
    # covariances: q1, q2 over 5: deviations .5 .5 -.5 -.5 0 and .4 -.6 .4 -.6 .4 -> .2-.3-.2+.3 = 0
    #   q1, q3 over 1-4: 1 1 0 0 both -> 1 / 3; q2, q3 over 1-4: 1 0 1 0 and 1 1 0 0 -> 0
    # sum of variances 53/60, whole matrix 53/60 + 2/3 = 93/60: alpha = 3/2 * (1 - 53/93) = 20/31
    area = figures.area("technical")
    assert (area.items, area.first_attempts, area.alpha_takers) == (3, 5, 4)
    assert area.alpha == approx(20 / 31)  # 0.6452
    # Feldt with n = 4 (the fewest takers behind a covariance), k = 3: F(3, 6)
    # 1 - 11/31 * 6.5988 = -1.34151; 1 - 11/31 / F.975(6, 3) = 1 - 11/31 / 14.7347 = .975918
    assert interval(area.alpha_interval) == (approx(-1.34151), approx(0.975918))
    # business has one question: alpha is undefined
    assert figures.area("business").alpha is None


def test_analyse_alpha_if_deleted(figures):
    # Without q1: q2, q3 have covariance 0 -> 2 * (1 - 1) = 0.
    # Without q2: variances .25 + 1/3 = 7/12, covariance 1/3 -> 2 * (1 - (7/12) / (7/12 + 2/3)) = 16/15
    #   (above 1: pairwise variances and covariances come from different takers in so small a sample)
    # Without q3: q1, q2 covariance 0 -> 0.
    assert [figures.item(q).alpha_if_deleted for q in ("q1", "q2", "q3")] == [
        approx(0), approx(16 / 15), approx(0)]
    assert figures.item("other").alpha_if_deleted is None  # alpha needs two questions left


def test_analyse_area_sd_sem_and_error_ratio(figures):
    # Technical scores 100 66.67 33.33 0 75: mean 55, deviations 45 11.67 -21.67 -55 20
    #   squares 2025 + 136.11 + 469.44 + 3025 + 400 = 6055.56, / 4 = 1513.89 -> SD 38.9087
    # error ratio sqrt(1 - 20/31) = sqrt(11/31) = .595683; SEM 38.9087 * .595683 = 23.1773
    area = figures.area("technical")
    assert (area.mean, area.sd) == (approx(55), approx(38.908725))
    assert area.error_ratio == approx(math.sqrt(11 / 31))
    assert area.sem == approx(23.177282)


def test_area_figures_with_weights_below_one():
    # Two business questions of weight .5: the area score is still the weighted mean share.
    #   taker 1: "5" -> 1 and "3" -> .5: (.5 + .25) / 1 = .75; taker 2: "1" -> 0 twice: 0
    questions = {q.id: q for q in (factories.rating("b1", area="business", weight=0.5),
                                   factories.rating("b2", area="business", weight=0.5))}
    sheet = [attempt({"b1": "5", "b2": "3"}, questions=questions),
             attempt({"b1": "1", "b2": "1"}, questions=questions)]
    area = stats.analyse(["business"], list(questions.values()), sheet).area("business")
    # scores 75 and 0: mean 37.5, SD sqrt(2 * 37.5^2) = 53.033
    assert (area.first_attempts, area.mean, area.sd) == (2, approx(37.5), approx(53.033009))


def test_an_area_is_scored_from_two_thirds_of_its_weight_not_of_its_question_count():
    # Three questions weighing 1 each (3 in all): two answered (2 of 3) are enough, one is not.
    questions = {q.id: q for q in (factories.rating("b1", area="business"), factories.rating("b2", area="business"),
                                   factories.rating("b3", area="business"))}
    sheet = [attempt({"b1": "5", "b2": "5"}, questions=questions), attempt({"b1": "1", "b3": "1"}, questions=questions),
             attempt({"b1": "5"}, questions=questions)]
    area = stats.analyse(["business"], list(questions.values()), sheet).area("business")
    assert (area.first_attempts, area.mean) == (2, approx(50))


def test_an_area_answered_at_exactly_the_engines_edge_is_scored_as_the_report_scores_it():
    # The report scores an area from 2/3 of its weight less 1e-9 (its rounding tolerance), that
    # edge included. b1's weight (found by search) puts b1 alone exactly on it: 2/3 * (b1 + 1) - 1e-9.
    edge = 1.999999996999999
    assert edge == stats.ENOUGH_WEIGHT * math.fsum([edge, 1.0]) - 1e-9
    questions = {q.id: q for q in (factories.rating("b1", area="business", weight=edge),
                                   factories.rating("b2", area="business"))}
    sheet = [attempt({"b1": "5"}, questions=questions)]
    assert stats.analyse(["business"], list(questions.values()), sheet).area("business").first_attempts == 1


def test_an_area_with_no_active_question_has_no_area_figures_though_others_were_answered():
    # business has no question (all retired, or none written yet); the takers answered technical
    technical_only = [attempt({qid: option for qid, option in a.items() if qid != "other"}) for a in ANSWERS]
    business = stats.analyse(["technical", "business"], QUESTIONS[:3], technical_only).area("business")
    assert (business.first_attempts, business.mean, business.sd) == (0, None, None)


def test_an_area_answered_under_two_thirds_of_its_weight_is_left_out_of_its_norms_not_its_items():
    # Taker 3 answered only b1 (half the area's weight): the report does not score the area, so
    # the area's mean and SD are the first two takers'; b1's own figures keep all three answers.
    questions = {q.id: q for q in (factories.rating("b1", area="business", weight=0.5),
                                   factories.rating("b2", area="business", weight=0.5))}
    sheet = [attempt({"b1": "5", "b2": "3"}, questions=questions),
             attempt({"b1": "1", "b2": "1"}, questions=questions), attempt({"b1": "5"}, questions=questions)]
    figures = stats.analyse(["business"], list(questions.values()), sheet)
    assert (figures.area("business").first_attempts, figures.area("business").mean) == (2, approx(37.5))
    assert figures.item("b1").answered == 3 and figures.first_attempts == 3


def test_a_taker_who_answered_no_question_of_a_part_is_left_out_of_that_parts_figures():
    # Taker 1 answered both self-ratings (2 of the area's 3 weight: scored) and no scenario; taker 2
    # all three. Self-view: 100 and 0 (mean 50); tested: taker 2's q2 "a" alone (100), no SD of one.
    sheet = [attempt({"q1": "5", "q3": "5"}), attempt({"q1": "1", "q2": "a", "q3": "1"})]
    technical = stats.analyse(["technical"], QUESTIONS[:3], sheet, part_roles=STANDING_PARTS).area("technical")
    assert technical.first_attempts == 2
    assert (technical.self_view["mean"], technical.self_view["sd"]) == (approx(50), approx(50 * math.sqrt(2)))
    assert (technical.tested["mean"], technical.tested["sd"]) == (approx(100), None)


def test_sub_score_figures_of_the_self_ratings_and_the_scenarios(figures):
    # Self-ratings q1 q3 (weight 1): takers' shares 100 100 0 0 and 50 (q1 alone, q3 skipped):
    #   mean 50, squared deviations 4 * 2500 over 4 -> SD 50. Pairwise alpha: var q1 .25 (5),
    #   var q3 1/3 (4), covariance 1/3 (4): total .25 + 1/3 + 2/3 = 1.25,
    #   2 * (1 - (7/12) / 1.25) = 16/15 (pairwise alpha can pass 1 in a small sample)
    # Scenario q2 alone: shares 100 0 100 0 100: mean 60, SD sqrt(.3) * 100; no alpha of one item
    parts = stats.analyse(["technical", "business"], QUESTIONS, [attempt(a) for a in ANSWERS],
                          part_roles=STANDING_PARTS)
    technical = parts.area("technical")
    assert technical.self_view == {"mean": approx(50), "sd": approx(50), "alpha": approx(16 / 15), "items": 2}
    assert technical.tested == {"mean": approx(60), "sd": approx(100 * math.sqrt(.3)), "alpha": None, "items": 1}
    assert parts.area("business").tested is None  # no scenario question there
    assert figures.area("technical").self_view is None  # no parts asked for


def test_area_figures_read_back_as_stored(figures):
    technical = figures.area("technical")
    assert technical.alpha_interval is not None
    assert stats.load_areas([asdict(a) for a in figures.areas]) == list(figures.areas)


def test_a_rest_weighing_the_no_spread_cut_off_is_no_rest():
    # two self-ratings each weighing only the cut-off: without one, the other's weight is noise
    questions = {q.id: q for q in (factories.rating("b1", weight=stats.NO_SPREAD),
                                   factories.rating("b2", weight=stats.NO_SPREAD))}
    answered = stats.Answered({qid: stats.item_response(q, frozenset({"5"})) for qid, q in questions.items()})
    assert answered.rest_share("b1") is None


def test_sem_needs_both_sd_and_alpha():
    area = stats.AreaStats("technical", 3, 50, 60.0, 20.0, 0.75, None, 50)
    assert (area.error_ratio, area.sem) == (0.5, 10.0)  # sqrt(.25) = .5; 20 * .5
    assert replace(area, sd=None).sem is None
    assert replace(area, alpha=None).sem is None and replace(area, alpha=None).error_ratio is None
    assert replace(area, alpha=1.2).error_ratio == 0.0  # pairwise alpha can pass 1 in small samples


def test_analyse_names_each_items_area_and_finds_nothing_unknown(figures):
    assert [figures.item(q).area for q in ("q1", "other")] == ["technical", "business"]
    assert figures.item("nope") is None and figures.area("nope") is None


def test_an_area_counts_only_the_attempts_that_answered_in_it(figures):
    # "other" was answered by takers 1 ("2" -> .25) and 3 ("4" -> .75); the others never
    # reached business and count neither as 0 nor at all
    business = figures.area("business")
    assert (business.first_attempts, business.mean) == (2, approx(50))


def test_an_area_without_questions_or_attempts_has_no_figures():
    empty = stats.analyse(["technical", "business"], [factories.rating("q1")], [])
    assert empty.first_attempts == 0
    business = empty.area("business")
    assert (business.items, business.first_attempts, business.mean, business.alpha,
            business.alpha_takers) == (0, 0, None, None, 0)
    q1 = empty.item("q1")
    assert (q1.answered, q1.facility, q1.alpha_if_deleted) == (0, None, None)
    assert stats.Covariances.pairwise([]).alpha_if_deleted() == []


def test_an_unanswered_question_has_every_option_at_a_share_of_zero():
    question = factories.choice("q2")
    options = stats.analyse(["technical"], [question], []).item("q2").options
    assert [(o.option_id, o.count, o.share) for o in options] == [("a", 0, 0.0), ("b", 0, 0.0), ("c", 0, 0.0)]


def test_analyse_answer_distribution(figures):
    options = figures.item("q2").options
    assert [(o.option_id, o.text, o.count) for o in options] == [
        ("a", "Option 0", 3), ("b", "Option 1", 0), ("c", "Option 2", 2)]
    assert [o.share for o in options] == approx([0.6, 0.0, 0.4])
    assert [o.earns_nothing for o in options] == [False, False, True]
    # Choosing "a" (1 0 1 0 1) against the rest (1 1 0 0 .5) is q2's discrimination, 0;
    # "b" was never chosen, so it has no correlation.
    assert [o.rest_correlation for o in options] == [approx(0), None, approx(0)]


def test_analyse_counts_first_attempts_only():
    retakes = [attempt({"q1": "1", "q2": "c", "q3": "5"}, retake=True),
               attempt({"q1": "5", "q2": "c", "q3": "1"}, retake=True)]
    first = stats.analyse(["technical"], QUESTIONS, [attempt(a) for a in ANSWERS])
    mixed = stats.analyse(["technical"], QUESTIONS, [attempt(a) for a in ANSWERS] + retakes)
    assert (mixed.first_attempts, mixed.retakes) == (5, 2)
    assert mixed.items == first.items and mixed.areas == first.areas


def test_options_of_older_versions_keep_their_names_through_analyse():
    question = factories.choice("q", points=(1, 0))
    old = replace(question, options=question.options + (Option("old", "Since removed", 0),))
    sheet = [attempt({"q": "old"}, questions={"q": old}), attempt({"q": "a"}, questions={"q": old})]
    figures = stats.analyse(["technical"], [question], sheet, {"q": {"old": "An option since removed"}})
    assert [(o.option_id, o.text, o.count) for o in figures.item("q").options] == [
        ("a", "Option 0", 1), ("b", "Option 1", 0), ("old", "An option since removed", 1)]
    # An option no longer in the question cannot be flagged as a wrong answer.
    assert figures.item("q").options[2].earns_nothing is False
    # without a label for it, the option is shown by its id
    unnamed = stats.analyse(["technical"], [question], sheet).item("q").options[2]
    assert (unnamed.option_id, unnamed.text) == ("old", "old")


def test_no_option_table_where_options_are_not_choices():
    ordering = replace(factories.choice("q"), type="ranking")  # an answer orders all the options
    sheet = [attempt({"q": "a"}, questions={"q": ordering})] * 3
    assert stats.analyse(["technical"], [ordering], sheet).item("q").options == ()


def test_alpha_leaves_out_retired_questions():
    questions = (factories.rating("q1"), factories.rating("q2"), factories.rating("gone", retired=True))
    sheet = [attempt(row, questions={q.id: q for q in questions}) for row in (
        {"q1": "5", "q2": "4", "gone": "1"}, {"q1": "2", "q2": "1", "gone": "5"},
        {"q1": "3", "q2": "3", "gone": "2"})]
    area = stats.analyse(["technical"], questions, sheet).area("technical")
    # Only q1 (shares 1 .25 .5) and q2 (.75 0 .5) count:
    #   q1 mean 7/12: deviations 5/12 -4/12 -1/12 -> (25 + 16 + 1) / 144 / 2 = 42/288 = 7/48
    #   q2 mean 5/12: deviations 4/12 -5/12 1/12 -> (16 + 25 + 1) / 144 / 2 = 7/48
    #   covariance (5 * 4 + 4 * 5 - 1) / 144 / 2 = 39/288 = 6.5/48
    # alpha = 2 * (1 - 14/48 / (14/48 + 13/48)) = 2 * 13/27 = 26/27
    assert (area.items, area.alpha) == (2, approx(26 / 27))


# --- flags ------------------------------------------------------------------------------------

def _strong_takers_pick_the_wrong_option(count: int) -> list[stats.AttemptAnswers]:
    """`count` first attempts on three ratings and one scenario: a quarter of the takers are
    strong (5 on every rating) and they choose the scenario's worthless option "c"; the others
    rate 1 and choose the best option "a"."""
    return [attempt({"q1": "5", "q3": "5", "q2": "c"} if i % 4 == 0 else {"q1": "1", "q3": "1", "q2": "a"})
            for i in range(count)]


def test_flags_a_negative_item_and_a_wrong_option_strong_takers_choose():
    assert stats.PROVISIONAL_BELOW == 100  # issue 11: flags are trusted from 100 first attempts
    figures = stats.analyse(["technical"], QUESTIONS,
                            _strong_takers_pick_the_wrong_option(stats.PROVISIONAL_BELOW))
    assert not figures.provisional
    q2 = figures.item("q2")
    assert q2.discrimination == approx(-1)
    warnings = figures.warnings(q2)
    assert warnings[0].startswith("Negative discrimination")
    assert "“Option 2” earns no points, yet takers who do well" in warnings[1]
    assert [o.attracts_strong_takers for o in q2.options] == [False, False, True]
    assert [i.question_id for i in figures.flagged] == ["q2"]


def test_no_flags_while_provisional():
    figures = stats.analyse(["technical"], QUESTIONS,
                            _strong_takers_pick_the_wrong_option(stats.PROVISIONAL_BELOW - 1))
    assert figures.provisional
    assert figures.item("q2").warnings  # the evidence is there ...
    assert figures.warnings(figures.item("q2")) == [] and figures.flagged == []  # ... but not shown


def _item(r: float, low: float, high: float) -> stats.ItemStats:
    return stats.ItemStats("q", "technical", 200, 200, 0.5, 0.3, r, stats.Interval(low, high), 0.5, None, ())


LOW = ("Low discrimination: even the top of its 95 % interval is below 0.1, so this item hardly "
       "separates stronger from weaker takers. Check whether it is too easy, too hard or unclear.")
NEGATIVE = ("Negative discrimination: takers who do well on the rest of this area do worse here. "
            "Check the scoring and the wording.")


@pytest.mark.parametrize("r, low, high, warnings", [
    (0.05, -0.09, 0.099, [LOW]),  # the whole interval below .1
    (0.0, -0.09, 0.09, [LOW]),
    (0.05, -0.09, 0.1, []),  # reaches .1: could be a fine item
    (0.02, -0.15, 0.19, []),  # near zero but too uncertain to flag
    (-0.3, -0.45, -0.15, [NEGATIVE]),
])
def test_discrimination_flag_needs_the_whole_interval_below_the_threshold(r, low, high, warnings):
    assert _item(r, low, high).warnings == warnings


@pytest.mark.parametrize("earns_nothing, low, high, flagged", [
    (True, 0.01, 0.3, True),  # a wrong option, clearly chosen more by stronger takers
    (True, 0.0, 0.3, False),  # not clearly
    (True, -0.05, 0.3, False),
    (False, 0.1, 0.4, False),  # an option worth points: strong takers should choose it
])
def test_wrong_option_flag_needs_the_whole_interval_above_zero(earns_nothing, low, high, flagged):
    option = stats.OptionStats("c", "Option 2", 30, 0.3, earns_nothing, (low + high) / 2,
                               stats.Interval(low, high))
    assert option.attracts_strong_takers is flagged
    assert stats.OptionStats("c", "Option 2", 1, 0.01, True, None, None).attracts_strong_takers is False

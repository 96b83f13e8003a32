"""With too few first attempts, a correlation or Cronbach's alpha says nothing yet: with three
takers alpha can come out at -12 and discrimination at -1.00. The figures say so
("not enough data yet") below defensible minimum counts (docs/measurement.md), and alpha is
undefined when the takers' totals hardly vary."""

from __future__ import annotations

import pytest

from quiz.domain.statistics import items as stats
from tests import factories

QUESTIONS = (factories.rating("q1"), factories.choice("q2"))
BY_ID = {q.id: q for q in QUESTIONS}
# q1 (rating) 1 0 .5 against q2 (choice) 0 1 1: the two pull against each other.
PULLING_APART = [{"q1": "5", "q2": "c"}, {"q1": "1", "q2": "a"}, {"q1": "3", "q2": "a"}]


def attempt(answers: dict[str, str]) -> stats.AttemptAnswers:
    return stats.AttemptAnswers({qid: stats.item_response(BY_ID[qid], frozenset({option}))
                                 for qid, option in answers.items()}, retake=False)


def figures(count: int) -> stats.Statistics:
    """`count` first attempts, the three answer patterns in turn."""
    return stats.analyse(["technical"], QUESTIONS, [attempt(PULLING_APART[i % 3]) for i in range(count)])


def test_three_attempts_are_not_enough_for_alpha_or_discrimination():
    few = figures(3)
    area, item = few.area("technical"), few.item("q1")
    assert area.alpha == pytest.approx(-12)  # the impossible-looking figure, as computed
    assert area.too_few_for_alpha
    assert item.discrimination == pytest.approx(-0.866, abs=1e-3)
    assert item.too_few_for_discrimination
    assert few.item("q2").too_few_for_discrimination


def test_at_exactly_the_minimum_counts_the_figures_are_shown():
    assert stats.MIN_PAIRS_FOR_DISCRIMINATION < stats.MIN_ATTEMPTS_FOR_ALPHA
    below = figures(stats.MIN_PAIRS_FOR_DISCRIMINATION - 1)
    at = figures(stats.MIN_PAIRS_FOR_DISCRIMINATION)
    assert below.item("q1").too_few_for_discrimination and not at.item("q1").too_few_for_discrimination
    assert at.item("q1").rest_pairs == stats.MIN_PAIRS_FOR_DISCRIMINATION
    assert figures(stats.MIN_ATTEMPTS_FOR_ALPHA - 1).area("technical").too_few_for_alpha
    assert not figures(stats.MIN_ATTEMPTS_FOR_ALPHA).area("technical").too_few_for_alpha


def test_only_takers_who_answered_another_question_of_the_area_count_for_discrimination():
    alone = [attempt({"q1": "5"}) for _ in range(stats.MIN_PAIRS_FOR_DISCRIMINATION)]
    item = stats.analyse(["technical"], QUESTIONS, alone + [attempt(a) for a in PULLING_APART]).item("q1")
    assert (item.answered, item.rest_pairs) == (stats.MIN_PAIRS_FOR_DISCRIMINATION + 3, 3)
    assert item.too_few_for_discrimination


def test_no_alpha_when_the_totals_hardly_vary():
    # Two items that cancel out: each varies (variance .25), their total barely (about 3e-9).
    rows = [[0, 1], [1, 0], [0.5, 0.5 + 1e-4]]
    assert stats.cronbach_alpha(rows) is None
    # A total that varies at all: alpha as defined, here 0 (the items are unrelated).
    assert stats.cronbach_alpha([[0, 0], [1, 1], [0, 1], [1, 0]]) == pytest.approx(0)


def test_alpha_is_given_down_to_totals_varying_exactly_one_percent_of_the_items_summed_variances():
    # On the 0-100 scale: variances 50 and 50 (sum 100), covariance -49.5: the total's variance
    # 50 + 50 - 2 * 49.5 = 1, exactly LEAST_TOTAL_SPREAD of 100. Alpha 2 * (1 - 100 / 1) = -198.
    assert stats.LEAST_TOTAL_SPREAD * 100 == 1
    at_the_edge = stats.Covariances(((50, -49.5), (-49.5, 50)), ((20, 20), (20, 20)))
    assert at_the_edge.alpha() == pytest.approx(-198)
    below = stats.Covariances(((50, -49.6), (-49.6, 50)), ((20, 20), (20, 20)))  # total 0.8
    assert below.alpha() is None

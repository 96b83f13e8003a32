"""The item statistics against values worked out by hand (the working is in the comments)."""

from __future__ import annotations

import math

import pytest

from quiz.instructor import stats
from tests import factories


def approx(value):
    return pytest.approx(value, abs=1e-4)


def test_pearson_by_hand():
    # xs 1..5, mean 3: deviations -2 -1 0 1 2; ys 2 4 5 4 5, mean 4: deviations -2 0 1 0 1
    # sxy = 4 + 0 + 0 + 0 + 2 = 6, sxx = 10, syy = 4 + 0 + 1 + 0 + 1 = 6 -> 6 / sqrt(60)
    assert stats.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == approx(6 / math.sqrt(60))  # 0.7746


@pytest.mark.parametrize("xs, ys", [
    ([1], [2]),  # one pair
    ([], []),
    ([1, 1, 1], [1, 2, 3]),  # no spread in x
    ([1, 2, 3], [5, 5, 5]),  # no spread in y
])
def test_pearson_undefined(xs, ys):
    assert stats.pearson(xs, ys) is None


def test_pearson_needs_pairs():
    with pytest.raises(ValueError):
        stats.pearson([1, 2], [1])


def test_facility_is_mean_score_over_maximum():
    # scores 3, 1, 0, 3 of 3: mean 1.75 / 3
    assert stats.facility([3, 1, 0, 3], [3, 3, 3, 3]) == approx(1.75 / 3)  # 0.5833
    assert stats.facility([], []) is None


def test_discrimination_uses_the_rest_of_the_area():
    # item 1 1 0 0, area totals 3 2 1 0 -> rest 2 1 1 0
    # item deviations .5 .5 -.5 -.5, rest mean 1: deviations 1 0 0 -1
    # sxy = .5 + 0 + 0 + .5 = 1, sxx = 1, syy = 2 -> 1 / sqrt(2)
    assert stats.discrimination([1, 1, 0, 0], [3, 2, 1, 0]) == approx(1 / math.sqrt(2))


def test_negative_discrimination_by_hand():
    # item 0 0 1 1, totals 2 2 1 2 -> rest 2 2 0 1 (mean 1.25)
    # item deviations -.5 -.5 .5 .5; rest deviations .75 .75 -1.25 -.25
    # sxy = -.375 - .375 - .625 - .125 = -1.5; sxx = 1; syy = .5625 + .5625 + 1.5625 + .0625 = 2.75
    value = stats.discrimination([0, 0, 1, 1], [2, 2, 1, 2])
    assert value == approx(-1.5 / math.sqrt(2.75))  # -0.9045
    assert "Negative" in stats.discrimination_warning(value)


@pytest.mark.parametrize("value, warned", [
    (-0.3, "Negative"), (0.0, "Near-zero"), (0.09, "Near-zero"), (0.1, None), (0.5, None), (None, None)])
def test_discrimination_warning(value, warned):
    warning = stats.discrimination_warning(value)
    assert (warning is None) if warned is None else warning.startswith(warned)


def test_cronbach_alpha_by_hand():
    # Three items, five takers.
    #   item 1: 4 2 3 1 4, mean 2.8, squared deviations 1.44 .64 .04 3.24 1.44 = 6.8 -> variance 1.7
    #   item 2: 3 2 3 2 4, mean 2.8, squared deviations .04 .64 .04 .64 1.44 = 2.8 -> variance 0.7
    #   item 3: 4 1 3 1 3, mean 2.4, squared deviations 2.56 1.96 .36 1.96 .36 = 7.2 -> variance 1.8
    #   totals: 11 5 9 4 11, mean 8, squared deviations 9 9 1 16 9 = 44 -> variance 11
    # alpha = 3/2 * (1 - (1.7 + 0.7 + 1.8) / 11) = 1.5 * 6.8 / 11 = 10.2 / 11
    rows = [[4, 3, 4], [2, 2, 1], [3, 3, 3], [1, 2, 1], [4, 4, 3]]
    assert stats.cronbach_alpha(rows) == approx(10.2 / 11)  # 0.9273


@pytest.mark.parametrize("rows", [
    [[1, 2, 3]],  # one taker
    [[1], [2], [3]],  # one item
    [[1, 1], [1, 1], [1, 1]],  # no spread
    [],
])
def test_cronbach_alpha_undefined(rows):
    assert stats.cronbach_alpha(rows) is None


def test_item_score_is_weight_times_share_of_points():
    question = factories.choice("q", points=(3, 1, 0), weight=2)
    response = stats.item_response(question, frozenset({"b"}))
    assert (response.area, response.score, response.maximum) == ("technical", pytest.approx(2 / 3), 2)


# A small fixed data set: three technical questions, five finished attempts.
#   taker   q1 (rating)  q2 (choice 3/1/0)  q3 (rating)   area total
#   1       "5" -> 1     "a" -> 1           "5" -> 1      3
#   2       "5" -> 1     "c" -> 0           "5" -> 1      2
#   3       "1" -> 0     "a" -> 1           "1" -> 0      1
#   4       "1" -> 0     "c" -> 0           "1" -> 0      0
#   5       "3" -> .5    "c" -> 0           (skipped)     .5
QUESTIONS = (factories.rating("q1"), factories.choice("q2"), factories.rating("q3"),
             factories.rating("other", area="business"))
ANSWERS = [
    {"q1": "5", "q2": "a", "q3": "5", "other": "2"},
    {"q1": "5", "q2": "c", "q3": "5"},
    {"q1": "1", "q2": "a", "q3": "1", "other": "4"},
    {"q1": "1", "q2": "c", "q3": "1"},
    {"q1": "3", "q2": "c"},
]


@pytest.fixture
def figures():
    by_id = {q.id: q for q in QUESTIONS}
    sheet = [{qid: stats.item_response(by_id[qid], frozenset({option})) for qid, option in answers.items()}
             for answers in ANSWERS]
    return stats.analyse(["technical", "business"], QUESTIONS, sheet)


def test_analyse_counts_and_facility(figures):
    assert figures.attempts == 5
    assert [figures.item(q).answered for q in ("q1", "q2", "q3")] == [5, 5, 4]
    # q1: (1 + 1 + 0 + 0 + .5) / 5; q2: 2 / 5; q3: 2 / 4
    assert figures.item("q1").facility == approx(0.5)
    assert figures.item("q2").facility == approx(0.4)
    assert figures.item("q3").facility == approx(0.5)


def test_analyse_discrimination(figures):
    # q1 over takers 1-5: item 1 1 0 0 .5 (mean .5), rest = total - item = 2 1 1 0 0 (mean .8)
    #   sxy = .5*1.2 + .5*.2 - .5*.2 - .5*-.8 + 0 = 1; sxx = 1; syy = 1.44+.04+.04+.64+.64 = 2.8
    assert figures.item("q1").discrimination == approx(1 / math.sqrt(2.8))  # 0.5976
    # q2: item 1 0 1 0 0 (mean .4), rest 2 2 0 0 .5 (mean .9)
    #   sxy = .6*1.1 - .4*1.1 + .6*-.9 - .4*-.9 - .4*-.4 = .66 - .44 - .54 + .36 + .16 = .2
    #   sxx = .36+.16+.36+.16+.16 = 1.2; syy = 1.21+1.21+.81+.81+.16 = 4.2
    assert figures.item("q2").discrimination == approx(0.2 / math.sqrt(1.2 * 4.2))  # 0.0891
    # q3 over takers 1-4 (5 skipped it): item 1 1 0 0, rest 2 1 1 0 -> 1 / sqrt(2)
    assert figures.item("q3").discrimination == approx(1 / math.sqrt(2))  # 0.7071


def test_analyse_flags_near_zero_discrimination(figures):
    assert [i.question.id for i in figures.flagged] == ["q2"]
    assert figures.item("q2").warning.startswith("Near-zero")


def test_analyse_alpha_uses_complete_attempts(figures):
    # Takers 1-4 answered all three: rows 111, 101, 010, 000.
    # Each item's variance: (4 * .25) / 3 = 1/3; totals 3 2 1 0: variance 5/3
    # alpha = 3/2 * (1 - 1 / (5/3)) = 1.5 * .4 = 0.6
    area = figures.area("technical")
    assert (area.items, area.complete) == (3, 4)
    assert area.alpha == approx(0.6)
    # business has one question: alpha is undefined
    assert figures.area("business").alpha is None


def test_analyse_answer_distribution(figures):
    distribution = figures.item("q2").distribution
    assert [(o.option_id, o.count) for o in distribution] == [("a", 2), ("b", 0), ("c", 3)]
    assert [o.share for o in distribution] == approx([0.4, 0.0, 0.6])
    assert distribution[0].text == "Option 0"


def test_alpha_leaves_out_retired_questions():
    questions = (factories.rating("q1"), factories.rating("q2"), factories.rating("gone", retired=True))
    sheet = [{q: stats.item_response(questions[0], frozenset({v})) for q, v in row.items()}
             for row in ({"q1": "5", "q2": "4"}, {"q1": "2", "q2": "1"}, {"q1": "3", "q2": "3"})]
    area = stats.area_stats("technical", questions, sheet)
    assert (area.items, area.complete) == (2, 3)


def test_options_of_older_versions_keep_their_names():
    question = factories.choice("q", points=(1, 0))
    sheet = [{"q": stats.ItemResponse("technical", frozenset({"old"}), 0.0, 1.0)}]
    item = stats.item_stats(question, sheet, {"old": "An option since removed"})
    assert [(o.option_id, o.text, o.count) for o in item.distribution] == [
        ("a", "Option 0", 0), ("b", "Option 1", 0), ("old", "An option since removed", 1)]

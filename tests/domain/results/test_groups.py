"""The group aggregates against values worked out by hand (pure: no app, no database)."""

from __future__ import annotations

import pytest

from quiz.domain.results import groups as agg
from quiz.domain.results.steps import step_gains
from quiz.domain.scoring import score
from quiz.web.groups.chart import strip_plot, x_of
from tests import factories as f


@pytest.mark.parametrize("df, expected", [(1, 12.7062), (2, 4.3027), (4, 2.7764), (10, 2.2281),
                                          (30, 2.0423), (499, 1.9647)])
def test_t_critical_matches_the_printed_tables(df, expected):
    assert agg.t_critical(df) == pytest.approx(expected, abs=1e-4)


def test_mean_interval_of_five_scores():
    # mean 60; sd = sqrt((400 + 100 + 0 + 100 + 400) / 4) = 15.811; se = 7.0711;
    # t(4) = 2.7764, so the half-width is 19.632.
    interval = agg.mean_interval([40, 50, 60, 70, 80])
    assert (interval.mean, interval.n) == (60, 5)
    assert interval.low == pytest.approx(40.368, abs=1e-3)
    assert interval.high == pytest.approx(79.632, abs=1e-3)


def test_one_score_has_no_width_and_an_interval_stays_on_the_scale():
    assert agg.mean_interval([70]) == agg.Interval(70, 70, 70, 1)
    assert agg.mean_interval([]) is None
    wide = agg.mean_interval([0, 0, 100])
    assert (wide.low, wide.high) == (0, 100)


def test_item_tally_interval_from_mean_and_mean_square():
    # fractions 0, 0, .5, .5: mean .25, mean square .125, variance (.125 - .0625) * 4/3 = .08333,
    # se = .28868 / 2 = .14434, t(3) = 3.1824: half-width .45935.
    tally = agg.ItemTally("q1", answered=4, mean=0.25, mean_square=0.125, low=2)
    interval = tally.interval()
    assert interval.low == 0
    assert interval.high == pytest.approx(0.70935, abs=1e-4)


def test_fishers_one_sided_p_is_the_hypergeometric_tail():
    # 2 low of the group's 4, none of the rest's 40: P(X >= 2) = C(2,2) C(42,2) / C(44,4) = 861 / 135751
    assert agg.fisher_more_low(2, 4, 0, 40) == pytest.approx(861 / 135751)
    assert agg.fisher_more_low(0, 4, 5, 40) == pytest.approx(1.0)


def test_no_question_is_flagged_below_the_stated_group_size():
    bank = f.bank(f.choice("q1"), f.choice("q2"))
    group = {"q1": agg.ItemTally("q1", 4, 0.25, 0.125, 2)}  # p = 0.0063, but only 4 answered
    rest = {"q1": agg.ItemTally("q1", 40, 0.8, 0.8, 0), "q2": agg.ItemTally("q2", 40, 0.5, 0.3, 0)}
    (item,) = agg.item_comparisons(bank, group, rest)  # q2: the group never answered it
    assert (item.question.id, item.population, item.population_n) == ("q1", 0.8, 40)
    assert item.p == pytest.approx(861 / 135751)
    assert not item.clearly_lower


def test_flags_hold_the_false_discovery_rate_across_questions():
    bank = f.bank(f.choice("q1"), f.choice("q2"), f.choice("q3"))
    # q1: 8 of 12 low against 5 of 50: p tiny; q2: 4 of 12 against 10 of 50 (p 0.24); q3: none low
    group = {"q1": agg.ItemTally("q1", 12, 0.3, 0.2, 8), "q2": agg.ItemTally("q2", 12, 0.6, 0.5, 4),
             "q3": agg.ItemTally("q3", 12, 0.9, 0.85, 0)}
    rest = {"q1": agg.ItemTally("q1", 50, 0.8, 0.7, 5), "q2": agg.ItemTally("q2", 50, 0.7, 0.6, 10),
            "q3": agg.ItemTally("q3", 50, 0.9, 0.85, 2)}
    items = agg.item_comparisons(bank, group, rest)
    assert [i.clearly_lower for i in items] == [True, False, False]
    assert items[0].p <= 0.1 / 3 < items[1].p


def test_the_rest_is_everyone_less_the_group():
    everyone = agg.ItemTally("q1", 10, 0.5, 0.35, 4)
    group = agg.ItemTally("q1", 4, 0.25, 0.125, 3)
    rest = everyone.without(group)  # sums: 5 - 1 = 4 over 6; 3.5 - 0.5 = 3 over 6; 4 - 3 lows
    assert (rest.answered, rest.mean, rest.mean_square, rest.low) == (6, pytest.approx(4 / 6),
                                                                      pytest.approx(0.5), 1)
    assert everyone.without(None) is everyone


def taker(attempt_id, scores=None, steps=None, finished=True, previous=None, name=None, errors=None):
    return agg.GroupAttempt(attempt_id, name, finished, previous, scores or {}, steps or {}, errors)


def test_counts_list_display_names_by_state():
    takers = [taker(1, name="Sam"), taker(2), taker(3, finished=False, name="Ada"),
              taker(4, name="Bo"), taker(5, finished=False)]
    assert agg.counts(takers) == agg.Counts(5, 3, 2, 3, ("Bo", "Sam"), ("Ada",))


def test_a_taker_who_retook_the_quiz_counts_once_with_the_latest_attempt():
    attempts = [taker(1, name="Sam"), taker(2, name="Sam", previous=1), taker(3, previous=2, finished=False),
                taker(4), taker(5, previous=4, finished=False)]
    assert [a.attempt_id for a in agg.latest(attempts)] == [2, 4]
    assert agg.counts(attempts) == agg.Counts(5, 3, 2, 2, ("Sam",), ())


def test_area_summary_counts_each_band_and_skips_unanswered_and_unfinished():
    areas = f.areas()[2:3]  # technical
    scores = [10, 45, 64.9, 65, 90]
    takers = [taker(i, {"technical": s}) for i, s in enumerate(scores)]
    takers += [taker(9, {"technical": None}), taker(10, {"technical": 100}, finished=False)]
    (summary,) = agg.area_summaries(areas, agg.latest(takers))
    assert summary.scores == (10, 45, 64.9, 65, 90)
    assert {band.key: n for band, n in summary.bands} == {
        "getting-started": 1, "developing": 2, "ready": 1, "strong": 1}
    assert summary.interval.mean == pytest.approx(54.98)


def test_teach_next_ranks_by_how_many_takers_then_by_mean_gain():
    bank = f.bank(f.choice("q1", next_step="s1"), f.choice("q2", next_step="s1"),
                  f.choice("q3", next_step="s2"),
                  next_steps=[f.step("s1"), f.step("s2"), f.step("s3")])
    takers = [taker(1, steps={"s1": 10, "s2": 30}), taker(2, steps={"s1": 20}),
              taker(3, steps={"s2": 5}), taker(4, steps={"s1": 6}),
              taker(5, steps={"s3": 50}, finished=False),
              taker(6, steps={"gone": 90})]  # a step since removed from the catalog
    items = {"q1": agg.ItemTally("q1", 5, 0.4, 0.3, 2), "q3": agg.ItemTally("q3", 5, 0.5, 0.4, 1)}
    first, second = agg.teach_next(bank, agg.latest(takers), items)
    # s1: 3 of 5 finished takers, gains 10, 20, 6 -> mean 12; s2: 2 of 5, mean 17.5.
    assert (first.step.id, first.takers, first.share, first.mean_gain) == ("s1", 3, 0.6, 12)
    assert (second.step.id, second.takers, second.share, second.mean_gain) == ("s2", 2, 0.4, 17.5)
    assert [(q.question.id, q.low, q.share) for q in first.questions] == [("q1", 2, 0.4), ("q2", 0, 0)]


def test_equal_reach_is_broken_by_the_larger_mean_gain():
    bank = f.bank(next_steps=[f.step("s1"), f.step("s2")])
    takers = [taker(1, steps={"s1": 10, "s2": 30}), taker(2, steps={"s1": 20, "s2": 5})]
    assert [s.step.id for s in agg.teach_next(bank, takers, {})] == ["s2", "s1"]


def test_step_gain_is_the_area_points_its_answers_would_add():
    # Two equally weighted technical questions: q1 answered worst (0 of 3 points), q2 rated 5
    # (full points). The area scores 50; full points on q1 would add 100 * 1 / 2 = 50.
    bank = f.bank(f.choice("q1", next_step="s1"), f.rating("q2"), next_steps=[f.step("s1")])
    report = score(bank, {"q1": frozenset({"c"}), "q2": frozenset({"5"})})
    assert report.area("technical").score == 50
    assert step_gains(report) == {"s1": 50.0}


def test_retakes_are_judged_by_the_reliable_change_index():
    # Every score with a standard error of 5: SEM 5, so a change counts when
    # |difference| / (sqrt(2) * 5) > 1.96, i.e. beyond 13.86 points.
    def scored(attempt_id, score, previous=None):
        return taker(attempt_id, {"technical": score}, previous=previous, errors={"technical": 5.0})

    takers = [scored(1, 50), scored(2, 65, previous=1),  # +15: improved reliably
              scored(3, 70), scored(4, 80, previous=3),  # +10: within measurement error
              scored(5, 80), scored(6, 60, previous=5),  # -20: declined reliably
              scored(7, 90, previous=99)]  # its earlier attempt is not in the group
    (summary,) = agg.retakes(f.areas()[2:3], takers)
    assert (summary.retakes, summary.improved, summary.within_error, summary.declined) == (3, 1, 1, 1)
    assert summary.mean_delta == pytest.approx((15 + 10 - 20) / 3)


def test_strip_plot_has_a_dot_per_score_and_marks_the_mean_and_interval():
    (summary,) = agg.area_summaries(f.areas()[2:3], [taker(i, {"technical": s})
                                                     for i, s in enumerate([40, 50, 60, 70, 80])])
    plot = strip_plot(summary)
    assert [d.x for d in plot.dots] == [x_of(s) for s in (40, 50, 60, 70, 80)]
    assert x_of(0) == 5 and x_of(100) == 95 and x_of(50) == 50  # percent of the width
    assert plot.mean_x == x_of(60)
    assert plot.interval_x == pytest.approx((x_of(40.368), x_of(79.632)), abs=0.1)
    assert "5 takers, scores from 40 to 80; group mean 60 (95 % interval 40 to 80)" in plot.description

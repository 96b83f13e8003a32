"""The report's verdicts decided together and worded with their chances: the self-view
standing, change under Holm, the strongest area, the producer's balance by equivalence."""

from __future__ import annotations

import math
import random
from statistics import NormalDist

import pytest

from quiz.domain.bank.plain import Area
from quiz.domain.scoring import (
    AreaResult,
    Calibration,
    PathFit,
    QuestionResult,
    Report,
    Retake,
    SelfViewSummary,
    _calibrations,
    _path_fit,
    retake,
)
from quiz.domain.statistics.measurement import Z95, AreaNorm, Change, Estimate, PartNorm
from quiz.domain.statistics.standing import Standing, pooled, standing
from simulation import experiments
from simulation.generator import Person
from tests.factories import choice, rating


def test_standing_puts_both_parts_on_the_norm_groups_scale():
    rated, tested = PartNorm(60, 20, 0.75, 4), PartNorm(45, 20, 0.75, 6)
    found = standing(80, 4, rated, 45, 6, tested)
    assert found.self_percentile == pytest.approx(84.13, abs=0.01)  # z = 1
    assert found.tested_percentile == pytest.approx(50)
    assert found.gap == pytest.approx(1 / math.sqrt(0.75))  # disattenuated
    assert found.se == pytest.approx(math.sqrt(2 / 3))  # (1 - .75) / .75 twice
    both = pooled([found, found])
    assert both.gap == pytest.approx(found.gap) and both.se == pytest.approx(found.se / math.sqrt(2))


def test_a_self_view_level_with_the_skill_has_no_gap():
    # z = 1 on both parts with the same reliability: the same true standing, so no gap at all
    rated, tested = PartNorm(60, 20, 0.75, 4), PartNorm(45, 20, 0.75, 6)
    level = standing(80, 4, rated, 65, 6, tested)
    assert level.self_percentile == pytest.approx(level.tested_percentile) == pytest.approx(84.13, abs=0.01)
    assert level.gap == pytest.approx(0)


def test_the_scenario_standing_is_disattenuated_by_its_shortened_reliability():
    # scenarios: alpha .5 over 6 questions, 3 answered -> Spearman-Brown .5*.5 / (1 - .5*.5) = 1/3;
    # tested z = 1 -> true standing 1 / sqrt(1/3) = sqrt(3); self z = 0 -> gap -sqrt(3)
    rated, tested = PartNorm(60, 20, 0.75, 4), PartNorm(45, 20, 0.5, 6)
    found = standing(60, 4, rated, 65, 3, tested)
    assert found.gap == pytest.approx(-math.sqrt(3))
    assert found.se == pytest.approx(math.sqrt(1 / 3 + 2))  # (1 - .75) / .75 + (1 - 1/3) / (1/3)
    # swapping the parts turns the gap round
    swapped = standing(65, 3, tested, 60, 4, rated)
    assert swapped.gap == pytest.approx(math.sqrt(3)) and swapped.se == pytest.approx(found.se)


@pytest.mark.parametrize("norm, answered", [
    (PartNorm(60, 20, None, 4), 4),   # no alpha yet
    (PartNorm(60, 20, 0.0, 4), 4),    # alpha 0: nothing of the score is true standing
    (PartNorm(60, 20, 1.0, 4), 4),    # alpha 1: no error, not a sample's estimate
    (PartNorm(60, 20, 1.5, 4), 4),    # alpha above 1 is not a reliability
    (PartNorm(60, 20, -0.2, 4), 4),   # nor is a negative one
    (PartNorm(60, 0, 0.75, 4), 4),    # everyone scored alike: no spread to stand in
    (PartNorm(60, 20, 0.75, 4), 0),   # nothing answered
])
def test_no_standing_when_either_part_cannot_be_placed(norm, answered):
    good = PartNorm(45, 20, 0.75, 6)
    assert standing(80, answered, norm, 45, 6, good) is None
    assert standing(45, 6, good, 80, answered, norm) is None


def test_a_small_spread_and_a_single_answer_still_place_a_part():
    # an SD of half a point and one question answered are enough: z = (61 - 60) / 0.5 = 2
    found = standing(61, 1, PartNorm(60, 0.5, 0.75, 4), 45, 1, PartNorm(45, 20, 0.75, 6))
    assert found is not None
    assert found.self_percentile == pytest.approx(97.72, abs=0.01)
    assert found.tested_percentile == pytest.approx(50)


def test_pooled_percentiles_are_the_average_of_the_areas():
    a = Standing(80, 30, 1.0, 0.5)
    b = Standing(60, 50, 0.0, 0.5)
    both = pooled([a, b])
    assert (both.self_percentile, both.tested_percentile) == (pytest.approx(70), pytest.approx(40))
    assert both.gap == pytest.approx(0.5) and both.se == pytest.approx(0.5 / math.sqrt(2))
    assert pooled([]) is None


def test_no_self_view_verdict_before_a_norm_group():
    w = experiments.world()
    skill = dict.fromkeys(w.areas, 0.0)
    report = w.report(Person(skill, {a: 2.0 for a in w.areas}), random.Random(1), with_norms=False)
    assert not any(c.testable for c in report.calibrations)
    assert "not available yet" in report.self_view.message
    assert not report.self_view.flagged


def test_a_self_view_far_above_the_skill_is_flagged_in_plain_words():
    w, rng = experiments.world(), random.Random(3)
    skill = dict.fromkeys(w.areas, -0.5)
    report = w.report(Person(skill, {a: 2.5 for a in w.areas}), rng)
    assert report.self_view.flagged and report.self_view.standing.gap > 0
    assert "clearly higher" in report.self_view.message


def test_change_verdicts_are_decided_together_with_holm():
    w, rng = experiments.world(), random.Random(5)
    person = w.person(rng)
    before, after = w.report(person, rng), w.report(person.shifted(skill=2.5), rng)
    changes = retake(after, before, w.norms)
    assert {c.method for c in changes.areas.values()} == {"reliable change index"}
    assert any(c.verdict == "clearly improved" for c in changes.areas.values())
    for change in changes.areas.values():  # the number shown and its verdict agree in sign
        assert change.verdict == "within measurement error" or (change.difference > 0) == (
            change.verdict == "clearly improved")
    early = retake(w.report(person, rng, with_norms=False), w.report(person, rng, with_norms=False))
    assert {c.method for c in early.areas.values()} == {"Wald test"}


# --- the same verdicts on hand-made profiles ------------------------------------------------

KEYS = ("musicianship", "collaboration", "technical", "creativity", "business", "experience")


def profile(values, se=4.0):
    return [AreaResult(Area(key, key.title(), ""), Estimate(v, se), 10, 10, None, None, ())
            for key, v in zip(KEYS, values)]


def test_a_missing_area_blocks_the_path():
    areas = profile([50] * 6)
    areas[4] = AreaResult(Area("business", "Business", ""), None, 2, 10, None, None, ())
    assert _path_fit(areas).reason == ("No path yet: the shape of your scores needs every area, and Business "
                                       "has too few answers.")


def test_an_even_precise_profile_is_the_producers_balance():
    fit = _path_fit(profile([60, 62, 58, 61, 59, 60], se=3))
    assert (fit.path.key, fit.strength, fit.balanced) == ("producer", "an even profile", True)
    assert fit.reason.startswith("Every area is shown to lie within 20 points of your own average")


def test_an_even_but_uncertain_profile_is_not_called_balanced():
    fit = _path_fit(profile([60, 62, 58, 61, 59, 60], se=12))
    assert fit.path is None and not fit.balanced
    assert "not yet shown to be even" in fit.reason or "not yet clear" in fit.reason


@pytest.mark.parametrize("se, balanced", [(10.5, True), (12, False)])
def test_an_even_profile_must_be_shown_even_at_two_and_a_half_percent(se, balanced):
    """Six equal scores: each deviation from their mean has error se x sqrt(5/6). At se 12
    (10.95) a 20-point margin is 1.83 errors away, enough at 5 % (1.645) but not at the 2.5 %
    the balance is tested at (1.96); at se 10.5 (9.59) it is 2.09 errors away."""
    assert _path_fit(profile([60] * 6, se=se)).balanced is balanced


def test_a_lean_names_its_path_and_its_strength_allows_for_error():
    engineer = dict(zip(KEYS, (50, 50, 85, 45, 20, 75)))
    strong = _path_fit(profile(engineer.values(), se=3))
    assert (strong.path.key, strong.strength) == ("engineer", "a strong lean")
    weaker = _path_fit(profile([50, 50, 64, 48, 38, 58], se=4))
    assert (weaker.path.key, weaker.strength) == ("engineer", "a clear lean")


def test_a_leading_path_that_is_not_clear_is_said_to_lead():
    fit = _path_fit(profile([50, 50, 60, 48, 44, 54], se=8))
    assert fit.path is None
    assert fit.reason.startswith("The recording engineer path leads, but it is not yet clear")


def test_an_area_is_compared_only_with_a_norm_group_and_enough_answers_of_both_kinds():
    area = Area("technical", "Technical", "")
    scenarios = tuple(QuestionResult(choice(f"c{i}"), ("c",), share) for i, share in enumerate((0, 1 / 3, 1)))
    standing_ = Standing(62, 48, 0.4, 0.6)
    assert Calibration(area, Estimate(80, 5), Estimate(40, 5), 5, scenarios, standing_).testable
    assert not Calibration(area, Estimate(80, 5), Estimate(40, 5), 5, scenarios).testable
    assert not Calibration(area, Estimate(80, 5), Estimate(40, 5), 2, scenarios, standing_).testable


# --- the path, the headline and the retake, worded in full ----------------------------------

LEAN_END = " - the pattern of this path, clearer than measurement error alone would give."


def keyed_profile(scores: dict[str, float], se: float) -> list[AreaResult]:
    return [AreaResult(Area(key, key.title(), ""), Estimate(v, se), 10, 10, None, None, ())
            for key, v in scores.items()]


@pytest.mark.parametrize("experience, reason", [
    (70, "Technical (90) above your own average of 55 and Business (20) and Creativity (40) below it"),
    (40, "Technical (90) above your own average of 55 and Business (20) below it"),
])
def test_an_area_at_the_paths_mean_emphasis_is_neither_for_nor_against_it(experience, reason):
    # engineer emphasis over these four: 1, .25, .1, .45 -> mean .45, experience's own: however
    # far experience lies from the average, it is named neither above nor below
    scores = {"technical": 90, "creativity": 40 if experience == 70 else 70, "business": 20,
              "experience": experience}
    fit = _path_fit(keyed_profile(scores, se=3))
    assert (fit.path.key, fit.strength) == ("engineer", "a strong lean")
    assert fit.reason == reason + LEAN_END


def test_a_lean_reason_names_only_areas_strictly_off_the_average_and_off_the_emphasis():
    # seven areas, songwriting in no path's emphasis (0): engineer mean emphasis 2.4 / 7 = .343;
    # average 350 / 7 = 50; experience (.45) and creativity (.25) sit exactly at the average
    scores = {"technical": 90, "experience": 50, "musicianship": 60, "creativity": 50,
              "collaboration": 55, "business": 35, "songwriting": 10}
    fit = _path_fit(keyed_profile(scores, se=3))
    assert fit.path.key == "engineer"
    assert fit.reason == ("Technical (90) and Musicianship (60) above your own average of 50 and "
                          "Songwriting (10) and Business (35) below it" + LEAN_END)
    engineer, business = fit.leans
    assert engineer.lean.z == pytest.approx(18.061, abs=1e-3)
    assert business.lean.z == pytest.approx(-1.966, abs=1e-3)


def test_an_area_outside_the_paths_emphasis_is_not_named_for_it_when_high():
    scores = {"technical": 95, "experience": 60, "musicianship": 50, "creativity": 40,
              "collaboration": 45, "business": 30, "songwriting": 80}
    fit = _path_fit(keyed_profile(scores, se=3))
    assert fit.reason == ("Technical (95) and Experience (60) above your own average of 57 and "
                          "Business (30) and Creativity (40) and Collaboration (45) below it" + LEAN_END)


def test_when_both_paths_are_clear_the_clearer_one_is_called():
    fit = _path_fit(profile([30, 75, 80, 30, 85, 50], se=3))
    assert [f.clear for f in fit.leans] == [True, True]
    assert fit.leans[1].lean.z > fit.leans[0].lean.z  # business 11.6 against engineer 3.7
    assert fit.path.key == "business"
    assert fit.reason == ("Business (85) and Collaboration (75) above your own average of 58 and Musicianship "
                          "(30) and Creativity (30) and Experience (50) below it" + LEAN_END)


def test_the_producers_balance_in_full():
    fit = _path_fit(profile([60, 62, 58, 61, 59, 60], se=3))
    assert fit.reason == ("Every area is shown to lie within 20 points of your own average (from Technical (58) "
                          "to Collaboration (62)): the balance a producer needs, because they run the whole "
                          "process.")
    assert [f.path.key for f in fit.leans] == ["engineer", "business"]


def test_a_weakly_leading_path_in_full():
    fit = _path_fit(profile([50, 50, 60, 48, 44, 54], se=15))
    assert 0 < fit.leans[0].lean.z < 1  # engineer leads at z 0.78, business behind it
    assert fit == PathFit(None, "", "The recording engineer path leads, but it is not yet clear: the pattern "
                          "of your scores is within what measurement error could give, and your areas (from "
                          "Business (44) to Technical (60)) are not yet shown to be within 20 points of your "
                          "average either.", fit.leans)
    assert len(fit.leans) == 2


def test_no_path_leads_when_the_profile_runs_against_both():
    fit = _path_fit(profile([80, 40, 40, 80, 40, 50], se=12))
    assert all(f.lean.z < 0 for f in fit.leans) and len(fit.leans) == 2
    assert fit == PathFit(None, "", "No path is clear yet: your scores follow neither the engineer's nor the "
                          "business pattern, and are not yet shown to be even (every area within 20 points "
                          "of your average).", fit.leans)


def test_two_missing_areas_are_named_together():
    areas = profile([50] * 6)
    areas[1] = AreaResult(Area("collaboration", "Collaboration", ""), None, 2, 10, None, None, ())
    areas[4] = AreaResult(Area("business", "Business", ""), None, 2, 10, None, None, ())
    assert _path_fit(areas) == PathFit(None, "", "No path yet: the shape of your scores needs every area, "
                                       "and Collaboration and Business have too few answers.")


def one_area_report(value: float, se: float, overall: Estimate | None = None, keys=("technical",)) -> Report:
    areas = tuple(AreaResult(Area(k, k.title(), ""), Estimate(value, se), 10, 10, None, None, ()) for k in keys)
    return Report(areas, overall, 10, 10, (), (), SelfViewSummary(None, False), PathFit(None, "", ""), (), ())


def test_a_retake_compares_the_overall_scores_too():
    before = one_area_report(50, 5, Estimate(50, 3), keys=("technical", "business"))
    after = one_area_report(70, 5, Estimate(80, 3), keys=("technical", "business"))
    changes = retake(after, before)
    assert changes.overall.before == Estimate(50, 3) and changes.overall.after == Estimate(80, 3)
    assert changes.overall.verdict == "clearly improved"  # z = 30 / sqrt(18) = 7.1
    assert set(changes.areas) == {"technical", "business"}
    assert changes.areas["technical"].after == Estimate(70, 5)
    assert len(changes.changes) == 3
    # three changes: the first Holm step at 1 - 0.1 / 6; each area's error sqrt(50)
    critical = NormalDist().inv_cdf(1 - 0.1 / 6)
    assert critical == pytest.approx(2.128, abs=1e-3)
    assert changes.smallest() == (pytest.approx(critical * math.sqrt(50)), pytest.approx(critical * math.sqrt(50)))
    early = retake(after, one_area_report(50, 5, None, keys=("technical", "business")))
    assert early.overall is None and len(early.changes) == 2


def test_the_smallest_change_that_counts_for_one_change_alone():
    only = Retake({"technical": Change(Estimate(50, 3), Estimate(60, 4))}, None)
    # one change: 1.645 (1 - 0.1 / 2) times the error sqrt(9 + 16) = 5
    assert only.smallest() == (pytest.approx(1.6449 * 5, abs=1e-3), pytest.approx(1.6449 * 5, abs=1e-3))
    two = Retake({"technical": Change(Estimate(50, 3), Estimate(60, 4)),
                  "business": Change(Estimate(50, 6), Estimate(60, 8))}, None)
    # two changes: 1.96 (1 - 0.1 / 4), errors 5 and 10
    assert two.smallest() == (pytest.approx(Z95 * 5), pytest.approx(Z95 * 10))
    assert Retake({}, None).smallest() == (0.0, 0.0)


def test_a_path_with_no_lean_at_all_does_not_lead():
    # engineer weighs collaboration and creativity alike (.25), so with musicianship at their
    # mean the profile has no engineer contrast at all (z = 0); the business lean is negative
    fit = _path_fit(keyed_profile({"musicianship": 20, "collaboration": 0, "creativity": 40}, se=12))
    engineer, business = fit.leans
    assert engineer.lean.z == 0 and business.lean.z < 0
    assert fit.path is None and fit.reason.startswith("No path is clear yet")


# --- the thresholds themselves: "at least" means at least ------------------------------------
# The values below were found by bisection to land on each threshold exactly in floating point.

def test_a_lean_whose_range_starts_at_exactly_15_points_is_strong():
    # two areas at SE 3: contrast (69.53 - 40) / sqrt 2 = 20.88, less 1.96 x 3 = 15
    fit = _path_fit(keyed_profile({"technical": 69.52862638169451, "business": 40}, se=3))
    engineer = fit.leans[0]
    assert engineer.lean.contrast - Z95 * engineer.lean.contrast / engineer.lean.z == 15.0
    assert (fit.path.key, fit.strength) == ("engineer", "a strong lean")


def test_a_pooled_self_view_gap_at_exactly_5_percent_is_flagged():
    # gap (77.718 - 50) / 20 / sqrt .75 over an SE sqrt(2/3): z = 1.96, p = 0.05
    norm = PartNorm(50, 20, 0.75, 5)
    norms = {"technical": AreaNorm("technical", 150, 20, 0.8, 10, mean=50, self_view=norm, tested=norm)}
    results = (*(QuestionResult(rating(f"r{i}"), ("3",), 0.5) for i in range(5)),
               *(QuestionResult(choice(f"c{i}"), ("a",), 1.0) for i in range(5)))
    area = AreaResult(Area("technical", "Technical", ""), Estimate(50, 5), 10, 10, Estimate(77.71807648699355, 5),
                      Estimate(50, 5), results)
    (calibration,), summary = _calibrations([area], norms)
    assert summary.standing.p == 0.05
    assert summary.flagged and calibration.testable

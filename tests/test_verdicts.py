"""The report's verdicts decided together and worded with their chances: the self-view
standing, change under Holm, the strongest area, the producer's balance by equivalence."""

from __future__ import annotations

import math
import random

import pytest

from quiz.bank.plain import Area
from quiz.statistics.measurement import Estimate, PartNorm
from quiz.scoring import AreaResult, Calibration, QuestionResult, _headline, _path_fit, retake
from quiz.statistics.standing import Standing, about, pooled, standing
from simulation import experiments
from simulation.generator import Person
from tests.factories import choice


def test_standing_puts_both_parts_on_the_norm_groups_scale():
    rated, tested = PartNorm(60, 20, 0.75, 4), PartNorm(45, 20, 0.75, 6)
    found = standing(80, 4, rated, 45, 6, tested)
    assert found.self_percentile == pytest.approx(84.13, abs=0.01)  # z = 1
    assert found.tested_percentile == pytest.approx(50)
    assert found.gap == pytest.approx(1 / math.sqrt(0.75))  # disattenuated
    assert found.se == pytest.approx(math.sqrt(2 / 3))  # (1 - .75) / .75 twice
    assert (about(found.self_percentile), about(found.tested_percentile)) == (85, 50)
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


@pytest.mark.parametrize("percentile, said", [
    (0, 5), (1, 5), (2.4, 5), (7.6, 10), (50, 50), (84.13, 85), (97.4, 95), (99, 95), (100, 95),
])
def test_about_rounds_to_five_within_5_to_95(percentile, said):
    assert about(percentile) == said


def test_no_self_view_verdict_before_a_norm_group():
    w = experiments.world()
    skill = dict.fromkeys(w.areas, 0.0)
    report = w.report(Person(skill, {a: 2.0 for a in w.areas}), random.Random(1), with_norms=False)
    assert {c.verdict for c in report.calibrations} == {"not-yet"}
    assert "not available yet" in report.self_view.message
    assert not report.self_view.flagged


def test_a_self_view_far_above_the_skill_is_flagged_in_plain_words():
    w, rng = experiments.world(), random.Random(3)
    skill = dict.fromkeys(w.areas, -0.5)
    report = w.report(Person(skill, {a: 2.5 for a in w.areas}), rng)
    assert report.self_view.flagged and report.self_view.standing.gap > 0
    assert "clearly higher" in report.self_view.message
    message = report.calibrations[0].message
    assert message.startswith(f"In {report.calibrations[0].area.title.lower()} you rate yourself above about")
    assert "your scenario answers place you above about" in message


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


def test_the_strongest_area_is_named_alone_only_at_a_90_percent_chance():
    # technical 20 points above the rest at SE 4: its chance of being highest is above 0.99
    text = _headline(Estimate(55, 2), profile([50, 52, 72, 50, 30, 51]))
    assert text == ("Overall very likely Developing. Your strongest area is technical; "
                    "your weakest area is business.")


def test_two_close_areas_are_named_together_with_their_chance():
    # technical and creativity 2 points apart at SE 4: together above 0.9, neither alone
    assert "Your strongest area is technical or creativity;" in _headline(
        Estimate(55, 2), profile([50, 50, 72, 70, 30, 50]))
    # everything within a few points: nothing stands out
    assert "No one area stands out as your strongest yet; no one area stands out as your weakest yet." in \
        _headline(Estimate(55, 2), profile([50, 51, 52, 50, 51, 50], se=6))


def test_a_missing_area_blocks_the_headline_and_the_path():
    areas = profile([50] * 6)
    areas[4] = AreaResult(Area("business", "Business", ""), None, 2, 10, None, None, ())
    assert _headline(None, areas) == "Not enough answers for a readiness score yet: Business needs more answers."
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


def test_calibration_words_name_both_standings_and_the_verdict():
    area = Area("technical", "Technical", "")
    scenarios = tuple(QuestionResult(choice(f"c{i}"), ("c",), share) for i, share in enumerate((0, 1 / 3, 1)))
    over = Calibration(area, Estimate(80, 5), Estimate(40, 5), 5, scenarios, Standing(88, 31, 1.7, 0.6),
                       flagged=True)
    assert [r.question.id for r in over.against] == ["c0", "c1"]  # the scenarios below half, worst first
    assert over.verdict == "over"
    assert over.message == ("In technical you rate yourself above about 90 in 100 takers; your scenario answers "
                            "place you above about 30 in 100. That gap is clear: your self-view runs ahead of "
                            "what your answers show. Worth reading the feedback on the scenarios below before "
                            "you rely on it.")
    unclear = Calibration(area, Estimate(80, 5), Estimate(40, 5), 5, scenarios, Standing(62, 48, 0.4, 0.6))
    assert unclear.verdict == "matched"
    assert unclear.message.endswith("Whether the two truly differ, this quiz cannot tell yet.")
    assert Calibration(area, Estimate(80, 5), Estimate(40, 5), 5, scenarios).verdict == "not-yet"
    few = Calibration(area, Estimate(80, 5), Estimate(40, 5), 2, scenarios, Standing(62, 48, 0.4, 0.6))
    assert few.verdict == "weak" and "2 self-ratings and 3 scenarios answered, that is too few" in few.message

"""The first screen: the overall level, the strongest and weakest area named only as surely as
the true-score beliefs allow, and the first next step."""

from __future__ import annotations

import pytest

from quiz.domain.bank.plain import Area
from quiz.domain.first_screen import first_screen, level, standouts
from quiz.domain.scoring import BANDS, AreaResult, PathFit, Report, SelfViewSummary
from quiz.domain.statistics.measurement import Estimate
from quiz.domain.statistics.true_score import area_belief, prior

KEYS = ("musicianship", "collaboration", "technical", "creativity", "business", "experience")


def belief(score: float, trials: float = 100):
    return area_belief(score / 100, trials, prior())


def report(scores, trials: float = 100, overall: float | None = 55) -> Report:
    areas = tuple(AreaResult(Area(key, key.title(), ""), Estimate(v, 4) if v is not None else None, 10, 10,
                             None, None, (), belief=belief(v, trials) if v is not None else None, trials=trials)
                  for key, v in zip(KEYS, scores))
    return Report(areas, Estimate(overall, 2) if overall else None, 60, 60, (), (), SelfViewSummary(None, False),
                  PathFit(None, "", ""), (), (), overall_belief=belief(overall, 600) if overall else None)


def test_an_area_far_above_the_rest_is_named_alone():
    found = report([50, 52, 75, 50, 25, 51])
    assert standouts(found, 1) == ["Technical"] and standouts(found, -1) == ["Business"]
    assert first_screen(found).standouts == "Your strongest area is technical; your weakest area is business."


def test_two_close_areas_at_the_top_are_named_together():
    assert standouts(report([50, 50, 75, 73, 25, 50]), 1) == ["Technical", "Creativity"]


def test_close_areas_are_said_to_be_close():
    screen = first_screen(report([50, 51, 52, 50, 51, 50], trials=30))
    assert screen.standouts == "Your 6 areas are close together: none stands out as strongest or weakest yet."


def test_fewer_than_three_areas_name_nothing():
    assert standouts(report([20, 80]), 1) == []


def test_the_overall_sentence_is_as_sure_as_the_belief():
    assert first_screen(report([55] * 6, overall=52)).overall == "Overall you are Developing."
    found = level(belief(64, 40))
    assert (found.band.key, found.second.key) == ("developing", "ready")
    assert found.words == "between Developing and Ready" or found.words.startswith("probably Developing")


def test_without_an_overall_score_the_screen_says_which_areas_need_answers():
    screen = first_screen(report([50, None, 50, 50, None, 50], overall=None))
    assert screen.overall == "We can't give you an overall level yet: Collaboration and Business need more answers."
    assert screen.overall_level is None and screen.first_step is None


@pytest.mark.parametrize("score", [0, 20, 50, 70, 90, 100])
def test_level_chances_cover_every_band(score):
    found = level(belief(score, 40))
    assert found.band in BANDS and found.second != found.band and 0 < found.chance <= 1

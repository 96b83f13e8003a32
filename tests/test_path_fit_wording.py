"""The path-fit sentence in full: which areas it names, in which order, and the advice it adds."""

from __future__ import annotations

import pytest

from quiz.bank.plain import Area, Bank
from quiz.statistics.measurement import lean
from quiz.scoring import PATHS, _strength, score
from tests.factories import AREA_KEYS, bank, choice


def profile_bank():
    """Eight all-or-nothing scenarios per area (3 points or none)."""
    return bank(*(choice(f"q-{k}-{i}", area=k, points=(3, 0)) for k in AREA_KEYS for i in range(8)))


def answers(right_per_area: dict[str, int], skipped: frozenset[str] = frozenset()) -> dict:
    return {f"q-{k}-{i}": ("a" if i < right else "b",)
            for k, right in right_per_area.items() for i in range(8)
            if f"q-{k}-{i}" not in skipped}


def test_the_producer_balance_names_the_lowest_and_the_highest_area():
    fit = score(profile_bank(), answers(dict.fromkeys(AREA_KEYS, 8))).path_fit
    assert fit.path.key == "producer"
    assert fit.strength == "very even"
    # all at 100: the lowest is the first area in the bank's order, the highest the last
    assert fit.reason == ("Your areas run from Musicianship (100) to Experience (100), and none stands "
                          "clearly above or below the others: the balance a producer needs, because "
                          "they run the whole process.")


def test_one_unanswered_area_is_named_without_a_score():
    scores = dict.fromkeys(AREA_KEYS, 8)
    del scores["business"]
    fit = score(profile_bank(), answers(scores)).path_fit
    assert fit.path is None
    assert fit.reason == ("No clear lean yet: the shape of your scores needs every area, "
                          "and Business has no answers yet.")


def test_an_uncertain_profile_with_skipped_questions_is_told_to_answer_them():
    skipped = frozenset({"q-technical-7"})
    fit = score(profile_bank(), answers(dict.fromkeys(AREA_KEYS, 4), skipped)).path_fit
    assert fit.path is None and fit.evenness.even
    assert fit.reason.startswith("No clear lean yet: your scores are still too uncertain to tell an "
                                 "even profile from an uneven one (")
    assert fit.reason.endswith("; answering the questions you skipped will sharpen it.")


def numbered_bank(per_area: int, keys=AREA_KEYS):
    """`per_area` all-or-nothing scenarios in each of the areas `keys` (in that order)."""
    return Bank(areas=tuple(Area(k, k.title(), f"About {k}.") for k in keys),
                questions=tuple(choice(f"q-{k}-{i}", area=k, points=(3, 0))
                                for k in keys for i in range(per_area)),
                next_steps=(), resources=())


def numbered_answers(per_area: int, right_per_area: dict[str, int]) -> dict:
    return {f"q-{k}-{i}": ("a" if i < right else "b",)
            for k, right in right_per_area.items() for i in range(per_area)}


def test_the_engineer_reason_in_full_leaves_out_areas_at_the_average():
    # out of 16 each: 100, 50, 50, 37.5, 37.5, 25 -> mean exactly 50; experience (emphasis above
    # the path's average) and musicianship (below it) sit at the mean, so neither is named
    fit = score(numbered_bank(16), numbered_answers(16, {
        "technical": 16, "experience": 8, "musicianship": 8, "creativity": 6, "collaboration": 6,
        "business": 4})).path_fit
    assert (fit.path.key, fit.strength) == ("engineer", "a strong lean")
    assert fit.reason == ("Technical (100) above your own average of 50 and Business (25) and "
                          "Collaboration (38) and Creativity (38) below it - the pattern of this path, "
                          "clearer than measurement error alone would give.")
    assert fit.evenness.df == 5 and not fit.evenness.even  # carried for the JSON export
    assert [f.path.key for f in fit.leans] == ["engineer", "business"]


def test_when_both_leans_are_clear_the_closer_pattern_wins():
    # engineer r 0.23 (z 5.7), business r 0.60 (z 15): business, though engineer comes first
    fit = score(numbered_bank(16), numbered_answers(16, {
        "technical": 16, "business": 16, "collaboration": 16, "experience": 8, "musicianship": 0,
        "creativity": 0})).path_fit
    assert all(f.clear for f in fit.leans)
    assert fit.path.key == "business"
    assert fit.strength == "a clear lean"


@pytest.mark.parametrize("experience, named", [(12, "above"), (4, "below")])
def test_an_area_weighted_exactly_at_the_paths_average_is_named_neither_above_nor_below(experience, named):
    # engineer emphasis over these four areas: technical 1, creativity .25, business .1,
    # experience .45 = their average; so experience is left out whichever side of the mean it is
    keys = ("technical", "creativity", "business", "experience")
    fit = score(numbered_bank(16, keys), numbered_answers(16, {
        "technical": 16, "creativity": 8, "business": 0, "experience": experience})).path_fit
    assert fit.path.key == "engineer"
    assert "Experience" not in fit.reason


@pytest.mark.parametrize("mindset, reason", [
    (0, "Technical (100) and Musicianship (50) above your own average of 32 and Business (0) and "
        "Mindset (0) and Collaboration (25) and Creativity (25) below it"),
    (12, "Technical (100) and Musicianship (50) above your own average of 43 and Business (0) and "
         "Collaboration (25) and Creativity (25) below it"),
], ids=["scored-low", "scored-high"])
def test_an_area_no_path_weighs_counts_as_weight_zero(mindset, reason):
    # A seventh area outside both patterns: emphasis 0 puts it below the engineer's average
    # emphasis (2.4 / 7 = 0.34), musicianship (0.35) just above it; so the area is named below
    # when it scores under the mean and never above. Experience (0.45) scores below the mean,
    # so it is named on neither side.
    keys = (*AREA_KEYS, "mindset")
    right = {"technical": 16, "experience": 4, "musicianship": 8, "creativity": 4,
             "collaboration": 4, "business": 0, "mindset": mindset}
    report = score(numbered_bank(16, keys), numbered_answers(16, right))
    fit = report.path_fit
    profile = [a.estimate for a in report.areas]
    engineer = next(p for p in PATHS if p.key == "engineer")
    assert fit.leans[0].lean == lean(profile, [engineer.emphasis.get(k, 0) for k in keys])
    assert fit.path.key == "engineer"
    assert fit.reason.startswith(reason)


def test_no_path_called_has_no_strength_but_keeps_the_leans():
    unanswered = score(profile_bank(), answers({"technical": 8})).path_fit
    uncertain = score(profile_bank(), answers(dict.fromkeys(AREA_KEYS, 4))).path_fit
    for fit in (unanswered, uncertain):
        assert fit.path is None and fit.strength == ""
    assert [f.path.key for f in uncertain.leans] == ["engineer", "business"]


def test_an_even_profile_known_to_exactly_12_5_points_is_the_producer_balance():
    # 10 of 16 right everywhere: SE = 100 * sqrt(16/15 * (10 * 0.375^2 + 6 * 0.625^2)) / 16 = 12.5
    report = score(numbered_bank(16), numbered_answers(16, dict.fromkeys(AREA_KEYS, 10)))
    assert {a.estimate.se for a in report.areas} == {12.5}
    fit = report.path_fit
    assert (fit.path.key, fit.strength) == ("producer", "very even")
    assert [f.path.key for f in fit.leans] == ["engineer", "business"]


@pytest.mark.parametrize("per_area, business_right, strength", [
    (20, 17, "very even"),  # 85 against 100: a spread of exactly 15
    (32, 27, "even within measurement error"),  # 84.4: 15.6
    (20, 16, "even within measurement error"),  # 80: 20
])
def test_a_balanced_profile_is_very_even_up_to_a_spread_of_15_points(per_area, business_right, strength):
    right = dict.fromkeys(AREA_KEYS, per_area) | {"business": business_right}
    fit = score(numbered_bank(per_area), numbered_answers(per_area, right)).path_fit
    assert (fit.path.key, fit.strength) == ("producer", strength)


@pytest.mark.parametrize("r, words", [
    (0.8, "a strong lean"), (0.79, "a clear lean"), (0.5, "a clear lean"), (0.49, "a modest lean")])
def test_the_strength_of_a_lean_in_words(r, words):
    assert _strength(r) == words

"""The path-fit sentence in full: which areas it names, in which order, and the advice it adds."""

from __future__ import annotations

from quiz.scoring import score
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

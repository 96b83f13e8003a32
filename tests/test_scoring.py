"""The scoring engine on hand-worked answer sets."""

from __future__ import annotations

import ast
import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import scoring
from quiz.question_types.self_rating import scale_options
from quiz.scoring import band_for, retake, score
from tests.factories import AREA_KEYS, bank, checklist, choice, rating, resource, step

A = frozenset


def small_bank():
    return bank(
        rating("r1"),
        rating("r2", reverse=True),
        choice("c1", weight=2, next_step="s1"),
        checklist("k1", next_step="s2"),
        next_steps=[step("s1", resource="book"), step("s2", area="experience")],
        resources=[resource("book")],
    )


def test_scoring_module_imports_neither_flask_nor_sqlalchemy():
    source = Path(scoring.__file__).read_text()
    imported = {n.module or "" for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m.split(".")[0] in {"flask", "sqlalchemy", "flask_sqlalchemy"} for m in imported)


def test_all_best_answers_score_100():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("a"),
                                  "k1": A({"item0", "item1", "item2"})})
    assert report.scores() == pytest.approx({"musicianship": None, "collaboration": None,
                                             "technical": 100, "creativity": None,
                                             "business": None, "experience": 100})
    assert report.overall == 100
    assert report.band.key == "strong"
    assert report.next_steps == ()


def test_all_worst_answers_score_0():
    report = score(small_bank(), {"r1": A("1"), "r2": A("5"), "c1": A("c"), "k1": A({"none"})})
    assert report.area("technical").score == 0
    assert report.area("experience").score == 0
    assert report.overall == 0
    assert report.band.key == "getting-started"


def test_mixed_answers_hand_worked():
    # r1=4 -> 3/4; r2=2 reversed -> 3/4; c1=b -> 1/3 at weight 2: (0.75+0.75+2/3)/4
    # k1 = item0 (1) + item2 (2) of 4 -> 0.75
    report = score(small_bank(), {"r1": A("4"), "r2": A("2"), "c1": A("b"),
                                  "k1": A({"item0", "item2"})})
    assert report.area("technical").score == pytest.approx(100 * (0.75 + 0.75 + 2 / 3) / 4)
    assert report.area("technical").score == pytest.approx(54.1667, abs=1e-4)
    assert report.area("experience").score == pytest.approx(75)
    assert report.overall == pytest.approx((54.16667 + 75) / 2, abs=1e-4)
    assert report.band.key == "developing"


def test_unanswered_questions_are_not_zero():
    report = score(small_bank(), {"r1": A("5")})
    technical = report.area("technical")
    assert technical.score == 100 and technical.answered == 1 and technical.total == 3
    assert report.area("experience").score is None
    assert report.area("experience").band is None
    assert report.overall == 100
    assert [q.id for q in report.unanswered] == ["r2", "c1", "k1"]
    assert (report.answered, report.total) == (1, 4)


def test_empty_selection_counts_as_unanswered():
    report = score(small_bank(), {"r1": A()})
    assert report.overall is None
    assert report.band is None
    assert report.headline.startswith("You have not answered enough")


@pytest.mark.parametrize("value,points", [("1", 4), ("2", 3), ("3", 2), ("4", 1), ("5", 0)])
def test_reverse_scored_likert(value, points):
    question = rating("r", reverse=True)
    assert question.fraction(A(value)) * question.kind.possible_points(question) == points
    assert question.kind.possible_points(question) == 4


def test_checklist_sums_ticked_items_and_none_scores_nothing():
    question = checklist("k", points=(1, 1, 2))
    assert question.kind.possible_points(question) == 4
    assert question.fraction(A({"item1", "item2"})) == pytest.approx(0.75)
    assert question.fraction(A({"none"})) == 0


@pytest.mark.parametrize("floor_score,band", [(0, "getting-started"), (39.9, "getting-started"),
                                               (40, "developing"), (64.9, "developing"),
                                               (65, "ready"), (84.9, "ready"), (85, "strong"),
                                               (100, "strong")])
def test_bands(floor_score, band):
    assert band_for(floor_score).key == band


def calibration_bank():
    """Five self-ratings and five all-or-nothing scenarios in technical."""
    return bank(*(rating(f"r{i}") for i in range(5)),
                *(choice(f"c{i}", points=(3, 0, 0)) for i in range(5)))


def calibration_answers(rating_value: str, scenarios_right: int) -> dict:
    answers = {f"r{i}": A(rating_value) for i in range(5)}
    answers |= {f"c{i}": A("a" if i < scenarios_right else "b") for i in range(5)}
    return answers


def test_calibration_flags_a_clear_overrating_and_names_the_scenarios():
    # Self-ratings all 5 (100); one scenario of five right (20). Self SE: the floor at
    # p = 5.5/6, the larger of (p - 0.75)(1 - p) = 0.01389 (a rating's steps are 0.25 apart)
    # and p(1-p)/6 = 0.01273 per item -> SE 100 * sqrt(5 * 0.01389) / 5 = 5.27; scenario SE:
    # observed 5/4 * (0.64 + 4 * 0.04) / 25 = 0.04 -> 20. z = 80 / sqrt(5.27^2 + 20^2) = 3.87.
    report = score(calibration_bank(), calibration_answers("5", 1))
    (calibration,) = report.calibrations
    assert calibration.self_view.value == 100 and calibration.tested.value == 20
    assert calibration.self_view.se == pytest.approx(5.27, abs=0.01)
    assert calibration.tested.se == pytest.approx(20)
    assert calibration.z == pytest.approx(80 / math.hypot(5.27, 20), abs=0.01)
    assert calibration.verdict == "over"
    assert [r.question.id for r in calibration.against] == ["c1", "c2", "c3", "c4"]
    assert "4 of 5 scenarios went against your self-rating" in calibration.message


def test_calibration_flags_a_clear_underrating():
    report = score(calibration_bank(), calibration_answers("1", 5))
    (calibration,) = report.calibrations
    assert calibration.verdict == "under"
    assert len(calibration.against) == 5
    assert "You know more than you give yourself credit for" in calibration.message


def test_a_gap_within_measurement_error_is_not_called_out():
    # Ratings of 4 (75) against three of five scenarios (60): z well under 1.96.
    report = score(calibration_bank(), calibration_answers("4", 3))
    (calibration,) = report.calibrations
    assert calibration.verdict == "matched"
    assert "agree within what this quiz can tell" in calibration.message
    assert f"about {calibration.smallest_clear_gap:.0f} points" in calibration.message


def test_calibration_with_few_items_is_called_weak_not_judged():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("c")})
    (calibration,) = report.calibrations
    assert (calibration.self_view.value, calibration.tested.value) == (100, 0)
    assert calibration.verdict == "weak"
    assert "too few to compare" in calibration.message


def profile_bank():
    """Eight all-or-nothing scenarios per area, so each area's score is known fairly well."""
    return bank(*(choice(f"q-{k}-{i}", area=k, points=(3, 0)) for k in AREA_KEYS for i in range(8)))


def profile_answers(right_per_area: dict[str, int]) -> dict:
    return {f"q-{k}-{i}": A("a" if i < right else "b")
            for k, right in right_per_area.items() for i in range(8)}


def test_engineer_lean_is_called_with_the_areas_behind_it():
    report = score(profile_bank(), profile_answers({
        "technical": 8, "experience": 6, "musicianship": 4, "creativity": 2,
        "collaboration": 2, "business": 0}))
    fit = report.path_fit
    assert fit.path.key == "engineer"
    engineer = next(f for f in fit.leans if f.path.key == "engineer")
    assert engineer.lean.z > 1.96 and engineer.lean.r > 0.9
    assert fit.strength == "a strong lean"
    # (100 + 75 + 50 + 25 + 25 + 0) / 6 = 45.8
    assert fit.reason.startswith("Technical (100) and Experience (75) above your own average of 46 "
                                 "and Business (0) and Collaboration (25) and Creativity (25) below it")


def test_business_lean():
    report = score(profile_bank(), profile_answers({
        "business": 8, "collaboration": 8, "experience": 4, "creativity": 2,
        "musicianship": 0, "technical": 0}))
    assert report.path_fit.path.key == "business"


def test_an_even_precise_profile_is_the_producer_balance():
    report = score(profile_bank(), profile_answers(dict.fromkeys(AREA_KEYS, 8)))
    fit = report.path_fit
    assert fit.path.key == "producer"
    assert fit.evenness.q == pytest.approx(0) and fit.evenness.even
    assert fit.strength == "very even"


def test_an_even_but_imprecise_profile_has_no_clear_lean():
    report = score(profile_bank(), profile_answers(dict.fromkeys(AREA_KEYS, 4)))
    fit = report.path_fit
    assert fit.path is None and fit.evenness.even
    assert fit.reason.startswith("No clear lean yet: your scores are still too uncertain")
    assert fit.reason.endswith(")."), "every question was answered: no advice to answer the skipped ones"


def test_an_uneven_profile_outside_the_path_patterns_has_no_clear_lean():
    report = score(profile_bank(), profile_answers({
        "creativity": 8, "musicianship": 8, "technical": 0, "business": 0,
        "collaboration": 4, "experience": 4}))
    fit = report.path_fit
    assert fit.path is None and not fit.evenness.even
    assert "not in the pattern of the engineer or the business path" in fit.reason


def test_no_path_fit_while_an_area_is_unanswered():
    fit = score(profile_bank(), profile_answers({"technical": 8})).path_fit
    assert fit.path is None
    assert "has no answers yet" in fit.reason


def test_next_steps_cite_the_answers_that_triggered_them():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("c"), "k1": A({"item0"})})
    first, second = report.next_steps
    # k1 (gap 3/4) is the only answer in experience: 100 x 0.75 x 1/1 x 1/2 = 37.5 points overall;
    # c1 (gap 1, weight 2) shares technical with weight 4: 100 x 1 x 2/4 x 1/2 = 25.
    assert (first.step.id, first.priority) == ("s2", pytest.approx(37.5))
    assert "Item 1; Item 2" in first.because[0].answer_text()
    assert (second.step.id, second.priority) == ("s1", pytest.approx(25))
    assert [r.question.id for r in second.because] == ["c1"]
    assert second.resource.id == "book"
    assert second.because[0].answer_text() == 'you answered "Option 2" to "What would you do in c1?"'
    assert report.resources[0].resource.id == "book"
    assert [a.key for a in report.resources[0].areas] == ["technical"]


def test_next_steps_are_capped_at_seven():
    questions = [choice(f"c{i}", next_step=f"s{i}") for i in range(10)]
    report = score(bank(*questions, next_steps=[step(f"s{i}") for i in range(10)]),
                   {f"c{i}": A("c") for i in range(10)})
    assert len(report.next_steps) == 7


def test_retake_changes_against_previous_attempt():
    now = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("a"), "k1": A({"item0"})})
    before = score(small_bank(), {"r1": A("3"), "r2": A("3"), "c1": A("c")})
    changes = retake(now, before)
    technical = changes.areas["technical"]
    assert technical.difference == pytest.approx(100 - 100 * (0.5 + 0.5) / 4)
    assert technical.rci == pytest.approx(technical.difference / (math.sqrt(2) * technical.sem))
    assert set(changes.areas) == {"technical"}  # experience has no previous score to compare with
    assert changes.overall.before.value == pytest.approx(25)


def test_headline_names_band_strength_and_gaps():
    report = score(small_bank(), {"r1": A("4"), "r2": A("2"), "c1": A("b"), "k1": A({"item0", "item2"})})
    assert report.headline == ("Getting started to Strong — your strength is experience (75); "
                               "your biggest gap is technical (54).")


def test_headline_without_strengths_or_gaps():
    weak = score(small_bank(), {"r1": A("1"), "c1": A("b")})
    assert weak.headline == "Getting started to Ready — your strongest area so far is technical (22)."  # (0 + 2 x 1/3) / 3
    strong = score(small_bank(), {"r1": A("5"), "k1": A({"item0", "item1", "item2"})})
    assert strong.headline == ("Developing to Strong — your strengths are technical (100) and experience (100); "
                               "no area is below ready.")


# Property tests on the real bank -------------------------------------------------------------


@st.composite
def answer_sets(draw, bank):
    answers = {}
    for question in bank.questions:
        ids = [o.id for o in question.options]
        if draw(st.booleans()):
            if question.type == "ranking":
                answers[question.id] = tuple(draw(st.permutations(ids)))
            elif question.kind.multiple:
                answers[question.id] = A(draw(st.sets(st.sampled_from(
                    [o.id for o in question.options if not o.none]), min_size=1)))
            else:
                answers[question.id] = A({draw(st.sampled_from(ids))})
    return answers


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_scores_stay_within_0_and_100(real_bank, data):
    report = score(real_bank, data.draw(answer_sets(real_bank)))
    for area in report.areas:
        assert area.score is None or 0 <= area.score <= 100
    assert report.overall is None or 0 <= report.overall <= 100
    for area in report.areas:
        if area.estimate:
            assert 0 <= area.estimate.low <= area.score <= area.estimate.high <= 100
            assert area.estimate.se > 0
    assert len(report.next_steps) <= 7


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_improving_one_answer_never_lowers_its_area(real_bank, data):
    answers = data.draw(answer_sets(real_bank))
    # "I haven't had the chance yet" is unanswered, not 0 points: it is neither improved nor an improvement
    single = [q for q in real_bank.questions
              if q.id in answers and q.type in ("self_rating", "single_choice")
              and q.kind.scored(q, answers[q.id])]
    if not single:
        return
    question = data.draw(st.sampled_from(single))
    current = max(question.option_points[i] for i in answers[question.id])
    better = [o for o in question.options if o.points >= current and question.kind.scored(question, (o.id,))]
    improved = dict(answers, **{question.id: A({data.draw(st.sampled_from(better)).id})})
    before = score(real_bank, answers).area(question.area).score
    after = score(real_bank, improved).area(question.area).score
    assert after >= before - 1e-9




def test_a_not_yet_answer_is_kept_out_of_the_score_and_named_per_area():
    not_yet_item = replace(rating("r1", reverse=True), needs_experience=True,
                           options=scale_options(True, needs_experience=True))
    b = bank(not_yet_item, rating("r2"), choice("c1"))
    with_not_yet = score(b, {"r1": ("not-yet",), "r2": ("5",), "c1": ("a",)})
    without = score(b, {"r2": ("5",), "c1": ("a",)})
    technical = with_not_yet.area("technical")
    assert technical.score == without.area("technical").score == 100
    assert (technical.answered, technical.total, technical.not_yet) == (2, 3, (not_yet_item,))
    assert with_not_yet.unanswered == (not_yet_item,) and with_not_yet.skipped == ()
    assert without.skipped == (not_yet_item,) and without.area("technical").not_yet == ()
    # the lowest point of the same reverse-keyed item is scored: it costs the area points
    assert score(b, {"r1": ("5",), "r2": ("5",), "c1": ("a",)}).area("technical").score < 100

"""The scoring engine on hand-worked answer sets."""

from __future__ import annotations

import ast
import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain import scoring
from quiz.domain.first_screen import first_screen
from quiz.domain.question_types.self_rating import scale_options
from quiz.domain.scoring import SelfViewSummary, band_chances, band_for, score
from quiz.domain.statistics.conditional_error import binomial_variance, keats_factor
from quiz.domain.statistics.measurement import AreaNorm, PartNorm
from quiz.domain.statistics.standing import pooled
from quiz.domain.statistics.true_score import BetaBelief
from tests.factories import AREA_KEYS, bank, checklist, choice, listening, rating, resource, step

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
    # Four questions at full marks are no proof of a true 100: the level is read from the true
    # score's belief, pulled towards the middle by the prior (Beta(6, 6) before norms).
    assert report.overall_belief.centre < 90
    assert report.band.key == "ready"
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
    # r1 (weight 1) and c1 (weight 2) are 3 of technical's 4: enough, and skipping r2 is no zero
    report = score(small_bank(), {"r1": A("5"), "c1": A("a"), "k1": A({"item2"})})
    technical = report.area("technical")
    assert technical.score == 100 and technical.answered == 2 and technical.total == 3
    assert report.area("experience").score == 50
    assert report.overall == 75
    assert [q.id for q in report.unanswered] == ["r2"]
    assert (report.answered, report.total) == (3, 4)


def test_an_area_needs_two_thirds_of_its_weight_answered_and_the_overall_every_area():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "k1": A({"item2"})})  # 2 of 4 in technical
    technical = report.area("technical")
    assert technical.estimate is None and technical.band is None
    assert technical.to_answer == 1  # c1 (weight 2) brings it to 4 of 4
    assert technical.not_enough == ("Not enough answers to score: 2 of 3 questions answered; answer at "
                                    "least 1 more of its question (two thirds of its weight) for a score.")
    assert report.area("experience").score == 50
    assert report.overall is None
    assert first_screen(report).overall == "We can't give you an overall level yet: Technical needs more answers."
    assert [a.area.key for a in scoring.unscored_areas(small_bank(), {"r1": A("5")})] == ["technical", "experience"]


def test_empty_selection_counts_as_unanswered():
    report = score(small_bank(), {"r1": A()})
    assert report.overall is None
    assert report.band is None
    assert report.answered == 0
    assert first_screen(report).overall.startswith("We can't give you an overall level yet")


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


@st.composite
def answer_sets(draw, bank):
    answers = {}
    for question in bank.questions:
        ids = [o.id for o in question.options]
        if draw(st.booleans()):
            if question.type == "ranking":
                answers[question.id] = tuple(draw(st.permutations(ids)))
            elif question.kind.rating_levels:  # rate_options: every response rated, as parse() keeps it
                answers[question.id] = tuple(sorted(
                    f"{i}:{draw(st.integers(1, len(question.kind.rating_levels)))}" for i in ids))
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
    # "I haven't had the chance yet" and "I can't listen right now" are unanswered, not 0 points:
    # neither is improved nor an improvement
    single = [q for q in real_bank.questions
              if q.id in answers and q.type in ("self_rating", "single_choice", "listening")
              and q.kind.scored(q, answers[q.id])]
    if not single:
        return
    question = data.draw(st.sampled_from(single))
    current = max(question.option_points[i] for i in answers[question.id])
    better = [o for o in question.options if o.points >= current and question.kind.scored(question, (o.id,))]
    improved = dict(answers, **{question.id: A({data.draw(st.sampled_from(better)).id})})
    before = score(real_bank, answers).area(question.area).score
    after = score(real_bank, improved).area(question.area).score
    assert (before is None) == (after is None)  # the same questions are answered
    assert before is None or after >= before - 1e-9




def test_an_area_without_enough_answers_still_points_to_its_next_steps():
    report = score(small_bank(), {"c1": A("c")})  # 2 of technical's 4 weight: no score
    assert report.area("technical").estimate is None
    assert [s.step.id for s in report.next_steps] == ["s1"]
    assert [r.question.id for r in report.next_steps[0].because] == ["c1"]


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


def test_cant_listen_leaves_the_two_thirds_rule_where_not_yet_does_not():
    """A taker without headphones is scored on the questions they could take (with a range as
    wide as so few answers leave it); "I haven't had the chance yet" is an answer about
    themselves and still counts as unanswered."""
    clips = [listening(f"l{n}", {"kind": "level", "louder": "a", "difference_db": 3}) for n in range(3)]
    not_yet_item = replace(rating("r2", reverse=True), needs_experience=True,
                           options=scale_options(True, needs_experience=True))
    b = bank(*clips, rating("r1"), not_yet_item, choice("c1"))
    cant_listen = {**{q.id: ("unheard",) for q in clips}, "r1": ("5",), "c1": ("a",)}
    technical = score(b, cant_listen).area("technical")
    assert (technical.score, technical.answered, technical.excused) == (100, 2, tuple(clips))
    assert technical.total_weight == 3 and technical.not_enough == ""
    all_answered = score(b, {**cant_listen, **{q.id: ("a",) for q in clips}, "r2": ("1",)}).area("technical")
    assert technical.belief.high - technical.belief.low > all_answered.belief.high - all_answered.belief.low
    # the same three questions skipped, or the rating answered "not yet": not enough to score
    skipped = score(b, {"r1": ("5",), "c1": ("a",)}).area("technical")
    assert skipped.estimate is None and skipped.to_answer == 2
    not_yet = score(b, {**cant_listen, "r2": ("not-yet",), "c1": ("a",)}).area("technical")
    assert not_yet.score == 100 and not_yet.total_weight == 3
    short = score(b, {**cant_listen, "r1": ("5",), "c1": ()}).area("technical")
    assert short.estimate is None and short.to_answer == 1  # only c1 or r2 can give it: the clips are excused


def test_each_area_lists_its_own_unanswered_questions():
    report = score(small_bank(), {"r1": A("5"), "c1": A("a"), "k1": A({"item2"})})
    assert [q.id for q in report.area("technical").unanswered] == ["r2"]
    assert report.area("experience").unanswered == ()
    assert report.area("business").unanswered == ()  # no questions, none unanswered


def test_a_question_counts_its_steps_in_the_areas_error():
    # a rating (5 levels: 4 steps) and an all-or-nothing scenario (1 step), both full marks:
    # worth (1 + 1)^2 / (1/4 + 1/1) = 3.2 trials; Lord's error at share 1 pulled by two
    # half-marked questions: p = (3.2 + 1) / 5.2, variance p (1 - p) / 2.2
    report = score(bank(rating("r1"), choice("c1", points=(3, 0))), {"r1": A("5"), "c1": A("a")})
    pulled = 4.2 / 5.2
    assert report.area("technical").estimate.value == 100
    assert report.area("technical").estimate.se == pytest.approx(100 * math.sqrt(pulled * (1 - pulled) / 2.2))
    assert report.area("technical").estimate.se == pytest.approx(26.571, abs=1e-3)


def test_the_norm_group_sets_each_areas_error():
    # experience: one checklist (4 steps) at 3/4, as tests/domain/statistics/test_measurement.py's share .75 over
    # 4 trials: Kelley's level .5 + .8 x .25 = .7, the binomial there times the Keats factor
    norms = {k: AreaNorm(k, 150, 20, 0.8, 3, mean=50) for k in ("technical", "experience")}
    answers = {"r1": A("4"), "r2": A("2"), "c1": A("b"), "k1": A({"item0", "item2"})}
    before, after = score(small_bank(), answers), score(small_bank(), answers, norms)
    assert after.area("experience").score == before.area("experience").score == 75
    assert before.area("experience").estimate.se == pytest.approx(100 * math.sqrt(binomial_variance(0.75, 4)))
    assert after.area("experience").estimate.se == pytest.approx(
        100 * math.sqrt(binomial_variance(0.7, 4) * keats_factor(0.5, 0.2, 0.8, 4)))
    assert after.area("technical").estimate.se < before.area("technical").estimate.se / 2


def test_every_areas_belief_is_pulled_towards_the_middle_before_norms_and_the_norm_mean_after():
    answers = profile_answers({"technical": 8, "experience": 4, "musicianship": 4, "creativity": 4,
                               "collaboration": 4, "business": 1})
    before = score(profile_bank(), answers)
    # technical: 8 questions, all right, as 8 trials under the Beta(6, 6) prior: (6 + 8) / (12 + 8)
    assert before.area("technical").score == 100
    assert before.area("technical").belief.centre == pytest.approx(70)
    # alpha .3 around a mean of 50 pulls harder still
    norms = {k: AreaNorm(k, 150, 20, 0.3, 8, mean=50) for k in AREA_KEYS}
    after = score(profile_bank(), answers, norms)
    assert 50 < after.area("technical").belief.centre < before.area("technical").belief.centre
    assert after.area("business").belief.centre > before.area("business").belief.centre


CAL_NORM = PartNorm(50, 20, 0.75, 5)


def calibrated_bank():
    """Self-ratings and all-or-nothing scenarios: five and five in technical and business,
    three and four in experience, two and two in collaboration (too few to compare)."""
    counts = {"technical": (5, 5), "business": (5, 5), "experience": (3, 4), "collaboration": (2, 2)}
    return bank(*(q for k, (rated, tested) in counts.items()
                  for q in (*(rating(f"r-{k}-{i}", area=k) for i in range(rated)),
                            *(choice(f"c-{k}-{i}", area=k, points=(3, 0, 0)) for i in range(tested))))), counts


def calibrated_answers(plan: dict[str, tuple[str, int]]) -> dict:
    """Per area: the rating given every self-rating, and how many scenarios are right."""
    _, counts = calibrated_bank()
    answers = {}
    for k, (value, right) in plan.items():
        rated, tested = counts[k]
        answers |= {f"r-{k}-{i}": A(value) for i in range(rated)}
        answers |= {f"c-{k}-{i}": A("a" if i < right else "b") for i in range(tested)}
    return answers


def calibration_norms():
    return {k: AreaNorm(k, 150, 20, 0.8, 10, mean=50, self_view=CAL_NORM, tested=CAL_NORM)
            for k in ("technical", "business", "experience", "collaboration")}


def test_the_self_view_is_judged_once_over_every_comparable_area():
    b, _ = calibrated_bank()
    report = score(b, calibrated_answers({
        "technical": ("5", 0), "experience": ("5", 0),  # rated top, every scenario wrong: p < 0.001
        "business": ("4", 5),  # 75 against 100: gap -1.44 SD, p = 0.077
        "collaboration": ("5", 0)}), calibration_norms())
    found = {c.area.key: c for c in report.calibrations}
    assert {k: (c.self_items, len(c.tested_results)) for k, c in found.items()} == {
        "technical": (5, 5), "business": (5, 5), "experience": (3, 4), "collaboration": (2, 2)}
    assert all(r.question.type == "single_choice" for r in found["experience"].tested_results)
    assert found["technical"].self_view == report.area("technical").self_view
    assert found["technical"].tested == report.area("technical").tested
    assert found["technical"].self_view.value == 100 and found["technical"].tested.value == 0
    assert found["business"].standing.p == pytest.approx(0.0771, abs=1e-4)
    # collaboration has too few of each kind to be compared; the other three are pooled
    assert {k: c.testable for k, c in found.items()} == {
        "technical": True, "business": True, "experience": True, "collaboration": False}
    assert report.self_view.standing == pooled([found[k].standing for k in ("technical", "business", "experience")])
    assert report.self_view.flagged and report.self_view.standing.gap > 0


def test_no_area_is_flagged_when_the_pooled_gap_is_not_clear():
    b, _ = calibrated_bank()
    report = score(b, calibrated_answers({"technical": ("3", 3), "business": ("3", 2), "experience": ("3", 2),
                                          "collaboration": ("5", 0)}), calibration_norms())
    comparable = [c for c in report.calibrations if c.area.key != "collaboration"]
    assert report.self_view == SelfViewSummary(pooled([c.standing for c in comparable]), False)
    assert report.self_view.standing.p > 0.05
    assert len(report.calibrations) == 4


def test_no_self_view_summary_without_norms():
    b, _ = calibrated_bank()
    report = score(b, calibrated_answers({"technical": ("5", 0)}))
    assert report.self_view == SelfViewSummary(None, False)


def test_an_area_answered_to_within_a_billionth_of_two_thirds_of_its_weight_is_scored():
    # answered 2 - 1e-9 of 3: two thirds of the weight, less the tolerance for rounding
    b = bank(choice("c1", weight=2 - 1e-9), choice("c2", weight=1 + 1e-9))
    technical = score(b, {"c1": A("a")}).area("technical")
    assert technical.total_weight == 3
    assert technical.score == 100


def test_an_area_with_norms_weighs_its_answers_by_the_keats_factor_on_the_norm_groups_prior():
    """Worked by hand. Two 3-level scenarios (2 steps each) and a rating (4 steps): 9 / 1.25 = 7.2
    trials at share (1 + 1/3 + 3/4) / 3. Norms mean 55, SD 18, alpha .8: the binomial's average
    variance (.55 x .45 - .18^2) / 6.2 = .034694, so the Keats factor is .2 x .0324 / .034694
    = .186778 and the answers are worth 7.2 / .186778 = 38.548 trials; the prior has mean .55
    and variance .8 x .0324: Beta(.55 x 8.5486, .45 x 8.5486) = Beta(4.7017, 3.8469)."""
    b = bank(choice("c1"), choice("c2"), rating("r1"))
    norm = AreaNorm("technical", first_attempts=300, sd=18.0, alpha=0.8, items=3, mean=55.0)
    technical = score(b, {"c1": ("a",), "c2": ("b",), "r1": ("4",)}, {"technical": norm}).area("technical")
    assert technical.trials == pytest.approx(38.548, abs=1e-3)
    assert (technical.belief.a, technical.belief.b) == (pytest.approx(31.4714, abs=1e-4),
                                                         pytest.approx(15.6255, abs=1e-4))
    assert score(b, {"c1": ("a",)}, {"technical": norm}).area("technical").trials == 0  # no score, no trials


def test_the_overall_belief_pools_the_areas_trials_as_a_weighted_mean_does():
    """Six areas of weight 1, each one 3-level scenario (2 trials), at 100 or 33.3: share 2/3 over
    1 / (6 x (1/6)^2 / 2) = 12 trials on the Beta(6, 6) prior: Beta(6 + 8, 6 + 4)."""
    questions = [choice(f"c{i}", area=key) for i, key in enumerate(AREA_KEYS)]
    report = score(bank(*questions), {q.id: ("a",) if i % 2 == 0 else ("b",) for i, q in enumerate(questions)})
    assert (report.overall_belief.a, report.overall_belief.b) == (pytest.approx(14), pytest.approx(10))


@pytest.mark.parametrize("belief", [BetaBelief(1, 60), BetaBelief(60, 1), BetaBelief(6, 6)])
def test_the_band_chances_cover_the_whole_scale(belief):
    """Even a belief piled up at 0 or at 100 has all of its chance in some band."""
    assert sum(chance for _, chance in band_chances(belief)) == pytest.approx(1, abs=1e-9)

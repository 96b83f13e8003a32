"""The scoring engine on hand-worked answer sets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import scoring
from quiz.scoring import band_for, deltas, score
from tests.factories import bank, checklist, choice, rating, resource, step

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


def test_calibration_flags_overconfidence():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("c")})
    (calibration,) = report.calibrations
    assert calibration.verdict == "over"
    assert (calibration.self_rating, calibration.tested) == (100, 0)
    assert "missed 1 of 1" in calibration.message


def test_calibration_flags_underconfidence():
    report = score(small_bank(), {"r1": A("1"), "r2": A("5"), "c1": A("a")})
    assert report.calibrations[0].verdict == "under"


def test_calibration_agreement():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("a")})
    assert report.calibrations[0].verdict == "matched"


def six_area_bank():
    return bank(*(choice(f"q-{k}", area=k) for k in
                  ("musicianship", "collaboration", "technical", "creativity", "business", "experience")))


def test_path_fit_clear_engineer_profile():
    answers = {"q-technical": A("a"), "q-experience": A("a"), "q-musicianship": A("b"),
               "q-creativity": A("c"), "q-collaboration": A("c"), "q-business": A("c")}
    report = score(six_area_bank(), answers)
    assert [p.path.key for p in report.paths] == ["engineer", "producer", "business"]
    assert report.best_path.fit == pytest.approx(89.3, abs=0.1)
    assert "Technical (100)" in report.best_path.reason


def test_path_fit_clear_producer_profile():
    answers = {f"q-{k}": A("a") for k in ("musicianship", "collaboration", "technical",
                                          "creativity", "business", "experience")}
    report = score(six_area_bank(), answers)
    assert report.best_path.path.key == "producer"
    assert report.best_path.fit == pytest.approx(100)
    assert "fairly even" in report.best_path.reason


def test_path_fit_business_profile():
    answers = {"q-business": A("a"), "q-collaboration": A("a"), "q-technical": A("c"),
               "q-musicianship": A("c"), "q-creativity": A("c"), "q-experience": A("b")}
    assert score(six_area_bank(), answers).best_path.path.key == "business"


def test_no_path_fit_with_too_few_areas():
    assert score(six_area_bank(), {"q-technical": A("a")}).paths == ()


def test_next_steps_cite_the_answers_that_triggered_them():
    report = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("c"), "k1": A({"item0"})})
    first, second = report.next_steps
    assert first.step.id == "s1"
    assert first.priority == pytest.approx(2.0)  # gap 1 x weight 2 x area weight 1
    assert [r.question.id for r in first.because] == ["c1"]
    assert first.resource.id == "book"
    assert first.because[0].answer_text() == 'you answered "Option 2" to "What would you do in c1?"'
    assert second.step.id == "s2"
    assert "Item 1; Item 2" in second.because[0].answer_text()
    assert report.resources[0].resource.id == "book"
    assert [a.key for a in report.resources[0].areas] == ["technical"]


def test_next_steps_are_capped_at_seven():
    questions = [choice(f"c{i}", next_step=f"s{i}") for i in range(10)]
    report = score(bank(*questions, next_steps=[step(f"s{i}") for i in range(10)]),
                   {f"c{i}": A("c") for i in range(10)})
    assert len(report.next_steps) == 7


def test_deltas_against_previous_attempt():
    now = score(small_bank(), {"r1": A("5"), "r2": A("1"), "c1": A("a"), "k1": A({"item0"})})
    before = score(small_bank(), {"r1": A("3"), "r2": A("3"), "c1": A("c")})
    change = deltas(now, before)
    assert change["technical"] == pytest.approx(100 - 100 * (0.5 + 0.5) / 4)
    assert change["experience"] is None  # no previous score to compare with
    assert change["business"] is None


def test_headline_names_band_strength_and_gaps():
    report = score(small_bank(), {"r1": A("4"), "r2": A("2"), "c1": A("b"), "k1": A({"item0", "item2"})})
    assert report.headline == ("Developing — your strength is experience (75); "
                               "your biggest gap is technical (54).")


def test_headline_without_strengths_or_gaps():
    weak = score(small_bank(), {"r1": A("1"), "c1": A("b")})
    assert weak.headline == "Getting started — your strongest area so far is technical (22)."  # (0 + 2 x 1/3) / 3
    strong = score(small_bank(), {"r1": A("5"), "k1": A({"item0", "item1", "item2"})})
    assert strong.headline == ("Strong — your strengths are technical (100) and experience (100); "
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
    for fit in report.paths:
        assert 0 <= fit.fit <= 100.0001
    assert len(report.next_steps) <= 7


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_improving_one_answer_never_lowers_its_area(real_bank, data):
    answers = data.draw(answer_sets(real_bank))
    single = [q for q in real_bank.questions
              if q.id in answers and q.type in ("self_rating", "single_choice")]
    if not single:
        return
    question = data.draw(st.sampled_from(single))
    current = max(question.option_points[i] for i in answers[question.id])
    better = [o for o in question.options if o.points >= current]
    improved = dict(answers, **{question.id: A({data.draw(st.sampled_from(better)).id})})
    before = score(real_bank, answers).area(question.area).score
    after = score(real_bank, improved).area(question.area).score
    assert after >= before - 1e-9


@pytest.mark.parametrize("value, overall, may_change", [("1", 0, True), ("2", 25, True), ("3", 50, False)])
def test_the_path_lean_is_called_changeable_only_in_the_first_band(value, overall, may_change):
    report = score(bank(rating("r")), {"r": A({value})})
    assert report.overall == overall
    assert report.lean_may_change is may_change

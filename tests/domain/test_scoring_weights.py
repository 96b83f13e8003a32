"""The scoring engine on hand-worked values where the factory defaults hide a mistake: area
weights other than 1, partial answers, areas with only one kind of question, the headline's
wording at the Ready boundary, and the order of the reading list."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.domain.bank.plain import Bank
from quiz.domain.scoring import retake, score
from tests.factories import areas, choice, rating, resource, step

WEIGHTS = {"technical": 3.0, "business": 1.0}


def weighted_bank(*questions, next_steps=(), resources=()) -> Bank:
    """The factory areas with technical weighing three times business."""
    weighted = tuple(replace(a, weight=WEIGHTS.get(a.key, 1.0)) for a in areas())
    return Bank(areas=weighted, questions=tuple(questions), next_steps=tuple(next_steps),
                resources=tuple(resources))


def test_overall_score_weighs_each_area_by_its_weight():
    bank = weighted_bank(choice("t1", "technical"), choice("b1", "business"))
    report = score(bank, {"t1": ("a",), "b1": ("c",)})  # technical 100, business 0
    assert report.area("technical").score == pytest.approx(100)
    assert report.area("business").score == pytest.approx(0)
    assert report.overall == pytest.approx((3 * 100 + 1 * 0) / 4)  # 75, not the plain mean 50


def test_next_steps_rank_a_partial_gap_by_its_area_weight():
    """technical (weight 3) answered at 1/3, business (weight 1) at 0: filling technical's gap
    adds 100 x 2/3 x 3/4 = 50 to the overall score, business's 100 x 1 x 1/4 = 25."""
    bank = weighted_bank(choice("t1", "technical", next_step="s-tech"),
                         choice("b1", "business", next_step="s-biz"),
                         next_steps=(step("s-tech", "technical"), step("s-biz", "business")))
    report = score(bank, {"t1": ("b",), "b1": ("c",)})
    assert [a.step.id for a in report.next_steps] == ["s-tech", "s-biz"]
    assert [a.priority for a in report.next_steps] == [pytest.approx(50), pytest.approx(25)]


def test_a_partial_answer_below_half_triggers_its_step_with_the_gap_it_leaves():
    bank = weighted_bank(choice("t1", "technical", points=(4, 1, 3), next_step="s-tech"),
                         choice("t2", "technical", points=(4, 2, 3), next_step="s-tech"),
                         next_steps=(step("s-tech", "technical"),))
    # t1 at 1/4 is a gap; t2 at exactly 1/2 is not; only technical is scored (share 1/2 each)
    report = score(bank, {"t1": ("b",), "t2": ("b",)})
    (advice,) = report.next_steps
    assert [r.question.id for r in advice.because] == ["t1"]
    assert advice.priority == pytest.approx(100 * (3 / 4) * 1 / 2)


@pytest.mark.parametrize("questions, answers", [
    ((rating("r1"), rating("r2"), rating("r3")), {"r1": ("5",), "r2": ("4",), "r3": ("1",)}),
    ((choice("c1"), choice("c2"), choice("c3")), {"c1": ("a",), "c2": ("b",), "c3": ("c",)}),
], ids=["only-self-ratings", "only-scenarios"])
def test_an_area_with_one_kind_of_question_is_scored_without_a_calibration(questions, answers):
    report = score(weighted_bank(*questions), answers)
    technical = report.area("technical")
    assert technical.answered == 3 and technical.score is not None
    assert report.calibrations == ()


def test_resources_pointed_to_come_first_in_bank_order_with_their_areas():
    bank = weighted_bank(
        choice("t1", "technical", resource="r-c"),
        choice("b1", "business", next_step="s-biz"),
        next_steps=(step("s-biz", "business", resource="r-b"),),
        resources=(resource("r-a"), resource("r-b"), resource("r-c")))
    report = score(bank, {"t1": ("c",), "b1": ("c",)})
    assert [(r.resource.id, [a.key for a in r.areas]) for r in report.resources] == [
        ("r-b", ["business"]), ("r-c", ["technical"]), ("r-a", [])]
    (advice,) = report.next_steps
    assert advice.resource.id == "r-b"


def test_the_answers_behind_a_next_step_come_largest_gap_first():
    bank = weighted_bank(choice("t1", "technical", next_step="s-tech"),
                         choice("t2", "technical", next_step="s-tech"),
                         next_steps=(step("s-tech", "technical"),))
    (advice,) = score(bank, {"t1": ("b",), "t2": ("c",)}).next_steps  # gaps 2/3 and 1
    assert [r.question.id for r in advice.because] == ["t2", "t1"]


def test_a_next_step_the_bank_no_longer_has_is_left_out():
    bank = weighted_bank(choice("t1", "technical", next_step="gone"), choice("t2", "technical", next_step="s"),
                         next_steps=(step("s", "technical"),))
    report = score(bank, {"t1": ("c",), "t2": ("c",)})
    assert [a.step.id for a in report.next_steps] == ["s"]


def test_retake_has_no_overall_change_when_the_previous_attempt_had_no_score():
    bank = weighted_bank(choice("t1", "technical"))
    now, nothing = score(bank, {"t1": ("a",)}), score(bank, {})
    assert nothing.overall_estimate is None
    assert retake(now, nothing).overall is None
    assert retake(nothing, now).overall is None
    assert retake(now, nothing).smallest() == (0.0, 0.0)  # no area to compare either


def test_a_questions_answer_levels_are_worked_out_once(monkeypatch):
    from quiz.domain import scoring

    question = choice("t1", "technical", points=(5, 2, 0))
    kind = type(question.kind)
    calls = []
    original = kind.levels
    monkeypatch.setattr(kind, "levels", lambda self, q: calls.append(q) or original(self, q))
    assert scoring.answer_levels(question) == pytest.approx((0, 0.4, 1))
    assert scoring.answer_levels(question) == pytest.approx((0, 0.4, 1))
    assert calls == [question]

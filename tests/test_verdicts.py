"""The report's verdicts decided together and worded with their chances: the self-view
standing, change under Holm, the strongest area, the producer's balance by equivalence."""

from __future__ import annotations

import math

import pytest

from quiz.measurement import AreaNorm, Estimate, PartNorm
from quiz.statistics.standing import about, pooled, standing
from simulation import experiments
from simulation.generator import Person


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


def test_no_self_view_verdict_before_a_norm_group():
    w = experiments.world()
    skill = dict.fromkeys(w.areas, 0.0)
    report = experiments.World.report(w, Person(skill, {a: 2.0 for a in w.areas}), __import__("random").Random(1),
                                      with_norms=False)
    assert {c.verdict for c in report.calibrations} == {"not-yet"}
    assert "not available yet" in report.self_view.message
    assert not report.self_view.flagged


def test_a_self_view_far_above_the_skill_is_flagged_in_plain_words():
    w, rng = experiments.world(), __import__("random").Random(3)
    skill = dict.fromkeys(w.areas, -0.5)
    report = w.report(Person(skill, {a: 2.5 for a in w.areas}), rng)
    assert report.self_view.flagged and report.self_view.standing.gap > 0
    assert "clearly higher" in report.self_view.message
    message = report.calibrations[0].message
    assert message.startswith(f"In {report.calibrations[0].area.title.lower()} you rate yourself above about")
    assert "your scenario answers place you above about" in message


def test_the_producer_needs_every_area_shown_within_the_margin():
    from quiz.scoring import BALANCE_MARGIN, _path_fit
    w = experiments.world()
    even = w.report(Person(*(dict.fromkeys(w.areas, 0.0),) * 2), __import__("random").Random(4))
    fit = _path_fit(list(even.areas))
    assert fit.balanced == (fit.path is not None and fit.path.key == "producer")
    assert str(BALANCE_MARGIN) in fit.reason or fit.path is not None or "not yet" in fit.reason


def test_change_verdicts_are_decided_together_with_holm():
    from quiz.scoring import retake
    w, rng = experiments.world(), __import__("random").Random(5)
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


def test_headline_names_an_area_alone_only_when_it_is_very_likely_the_strongest():
    from quiz.statistics.inference import chance_highest
    w, rng = experiments.world(), __import__("random").Random(6)
    report = w.report(Person({**dict.fromkeys(w.areas, -1.0), "technical": 2.5},
                             dict.fromkeys(w.areas, 0.0)), rng)
    scored = [a for a in report.areas if a.estimate]
    chances = chance_highest([a.score for a in scored], [a.estimate.se for a in scored])
    top = max(zip(chances, scored), key=lambda pair: pair[0])
    if top[0] >= 0.9:
        assert f"Your strongest area is {top[1].area.title.lower()};" in report.headline
    else:
        assert "strongest area is likely" in report.headline or "or" in report.headline

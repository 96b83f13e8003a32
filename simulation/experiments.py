"""The experiments behind the report's claims, on takers from `simulation.generator`: each
returns counts, so the seeded tests can assert a target and `benchmarks/measurement.py` can
print the rate beside it. Seeds are arguments; every experiment is reproducible."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from quiz.instructor.stats import AttemptAnswers, item_response, analyse
from quiz.measurement import AreaNorm
from quiz.scoring import Report, score

from .generator import Generator, Person, draw_person, real_bank, take, true_score


@dataclass(frozen=True)
class Rate:
    hits: int
    trials: int

    @property
    def rate(self) -> float:
        return self.hits / self.trials if self.trials else float("nan")

    @property
    def se(self) -> float:
        """Binomial standard error of the rate."""
        return math.sqrt(self.rate * (1 - self.rate) / self.trials) if self.trials else float("nan")

    def __str__(self) -> str:
        return f"{100 * self.rate:.1f} % ({self.hits}/{self.trials}, SE {100 * self.se:.1f})"


class World:
    """A generator over the real bank, its population, and a norm group of first attempts
    drawn from it (scored by the statistics the app computes)."""

    def __init__(self, seed: int = 11, norm_takers: int = 300):
        self.generator = Generator(real_bank(), seed)
        self.bank = self.generator.bank
        self.areas = [a.key for a in self.bank.areas]
        rng = random.Random(seed + 1000)
        self.norms: dict[str, AreaNorm] = {}
        if norm_takers:
            attempts = [take(self.generator, draw_person(self.areas, rng), rng) for _ in range(norm_takers)]
            self.norms = norms_from(self.bank, attempts)

    def person(self, rng: random.Random, self_view_correlation: float | None = 0.5) -> Person:
        return draw_person(self.areas, rng, self_view_correlation)

    def report(self, person: Person, rng: random.Random, with_norms: bool = True) -> Report:
        return score(self.bank, take(self.generator, person, rng), self.norms if with_norms else None)

    def truth(self, person: Person, questions) -> float | None:
        return true_score(self.generator, person, questions)


def norms_from(bank, attempts: list[dict]) -> dict[str, AreaNorm]:
    """The app's norms from these first attempts' answers, as `quiz.instructor.stats` computes them."""
    questions = {q.id: q for q in bank.questions}
    sheet = [AttemptAnswers({qid: item_response(questions[qid], answer) for qid, answer in answers.items()},
                            retake=False) for answers in attempts]
    figures = analyse([a.key for a in bank.areas], bank.questions, sheet)
    return {a.area: norm for a in figures.areas if (norm := a.norm()) is not None}


_worlds: dict[tuple[int, int], World] = {}


def world(seed: int = 11, norm_takers: int = 300) -> World:
    """One world per seed and norm size per process (the norm group costs a second)."""
    key = (seed, norm_takers)
    if key not in _worlds:
        _worlds[key] = World(seed, norm_takers)
    return _worlds[key]


# --- ranges --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    areas: Rate
    overall: Rate
    by_width: tuple[tuple[float, float, Rate], ...]  # fifths of reported width: (narrowest, widest, rate)


def coverage(takers: int, seed: int = 1, with_norms: bool = True) -> Coverage:
    """How often the 95 % ranges cover the true score: per area, overall, and per fifth of the
    reported area range's width."""
    w, rng = world(), random.Random(seed)
    rows, overall = [], [0, 0]
    for _ in range(takers):
        person = w.person(rng)
        report = w.report(person, rng, with_norms)
        truths = []
        for area in report.areas:
            if area.estimate is None:
                continue
            truth = w.truth(person, [r.question for r in area.results])
            truths.append((truth, area.area.weight))
            rows.append((area.estimate.high - area.estimate.low,
                         area.estimate.low <= truth <= area.estimate.high))
        if report.overall_estimate is not None:
            truth = sum(t * wt for t, wt in truths) / sum(wt for _, wt in truths)
            overall[0] += report.overall_estimate.low <= truth <= report.overall_estimate.high
            overall[1] += 1
    rows.sort()
    fifth = len(rows) / 5
    by_width = []
    for i in range(5):
        part = rows[round(i * fifth):round((i + 1) * fifth)]
        by_width.append((part[0][0], part[-1][0], Rate(sum(c for _, c in part), len(part))))
    return Coverage(Rate(sum(c for _, c in rows), len(rows)), Rate(*overall), tuple(by_width))


# --- self-view against scenarios -----------------------------------------------------------------

@dataclass(frozen=True)
class CalibrationRates:
    any_flag: Rate  # reports with at least one flag (an area's, or the pooled one)
    pooled_over: Rate  # reports whose pooled verdict is "clearly higher"
    area_over: Rate  # area verdicts "over" among areas compared
    available: Rate  # areas with a comparison (norm group big enough, enough items)


def calibration(takers: int, self_view_shift: float = 0.0, seed: int = 2) -> CalibrationRates:
    """People whose self-view stands where their skill stands among takers, shifted by
    `self_view_shift` SDs in every area (0: no true gap)."""
    w, rng = world(), random.Random(seed)
    any_flag = pooled_over = area_over = compared = areas = 0
    for _ in range(takers):
        person = w.person(rng, self_view_correlation=None).shifted(self_view=self_view_shift)
        report = w.report(person, rng)
        verdicts = [c.verdict for c in report.calibrations]
        areas += len(w.areas)
        compared += sum(v in ("over", "under", "matched") for v in verdicts)
        area_over += verdicts.count("over")
        any_flag += report.self_view.flagged or any(v in ("over", "under") for v in verdicts)
        pooled_over += report.self_view.flagged and report.self_view.standing.gap > 0
    return CalibrationRates(Rate(any_flag, takers), Rate(pooled_over, takers), Rate(area_over, compared),
                            Rate(compared, areas))

"""The experiments behind the report's claims, on takers from `simulation.generator`: each
returns counts, so the seeded tests can assert a target and `benchmarks/measurement.py` can
print the rate beside it. Seeds are arguments; every experiment is reproducible."""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass

from quiz.domain.bank.plain import Bank
from quiz.domain.scoring import STANDING_PARTS, Report, score
from quiz.domain.statistics.items import AttemptAnswers, analyse, item_response
from quiz.domain.statistics.measurement import AreaNorm
from quiz.domain.statistics.norms import area_norms

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
    """The app's norms from these first attempts' answers, as `quiz.domain.statistics.items` computes them."""
    questions = {q.id: q for q in bank.questions}
    sheet = [AttemptAnswers({qid: item_response(questions[qid], answer) for qid, answer in answers.items()},
                            retake=False) for answers in attempts]
    figures = analyse([a.key for a in bank.areas], bank.questions, sheet, part_roles=STANDING_PARTS)
    return area_norms(figures.areas)


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
    """How often the 95 % ranges (of the true score's belief) cover the true score: per area,
    overall, and per fifth of the reported area range's width."""
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
            rows.append((area.belief.high - area.belief.low, area.belief.low <= truth <= area.belief.high))
        if report.overall_belief is not None:
            truth = sum(t * wt for t, wt in truths) / sum(wt for _, wt in truths)
            overall[0] += report.overall_belief.low <= truth <= report.overall_belief.high
            overall[1] += 1
    rows.sort()
    fifth = len(rows) / 5
    by_width = []
    for i in range(5):
        part = rows[round(i * fifth):round((i + 1) * fifth)]
        by_width.append((part[0][0], part[-1][0], Rate(sum(c for _, c in part), len(part))))
    return Coverage(Rate(sum(c for _, c in rows), len(rows)), Rate(*overall), tuple(by_width))


def range_widths(takers: int, bank: Bank, generator: Generator, seed: int = 7,
                 norm_takers: int = 300) -> dict[str, float]:
    """Each area's typical (median) 95 % range width in points for takers of `bank`, scored with
    norms from a norm group of the same bank. `generator` answers every question: give banks
    being compared one generator (over all their questions), so that a question they share
    behaves the same in each and the same seed draws the same people."""
    ids = {q.id for q in bank.questions}
    areas = [a.key for a in bank.areas]

    def answers(rng: random.Random) -> dict:
        person = draw_person(areas, rng)
        return {qid: answer for qid, answer in take(generator, person, rng).items() if qid in ids}

    rng = random.Random(seed + 1000)
    norms = norms_from(bank, [answers(rng) for _ in range(norm_takers)])
    rng, widths = random.Random(seed), defaultdict(list)
    for _ in range(takers):
        for area in score(bank, answers(rng), norms).areas:
            if area.belief is not None:
                widths[area.area.key].append(area.belief.high - area.belief.low)
    return {key: statistics.median(values) for key, values in widths.items()}


# --- self-view against scenarios -----------------------------------------------------------------

@dataclass(frozen=True)
class CalibrationRates:
    any_flag: Rate  # reports with the self-view flagged (the pooled verdict, the report's only one)
    pooled_over: Rate  # reports whose pooled verdict is "clearly higher"
    available: Rate  # areas with a comparison (norm group big enough, enough items)


def calibration(takers: int, self_view_shift: float = 0.0, seed: int = 2) -> CalibrationRates:
    """People whose self-view stands where their skill stands among takers, shifted by
    `self_view_shift` SDs in every area (0: no true gap)."""
    w, rng = world(), random.Random(seed)
    any_flag = pooled_over = compared = areas = 0
    for _ in range(takers):
        person = w.person(rng, self_view_correlation=None).shifted(self_view=self_view_shift)
        report = w.report(person, rng)
        areas += len(w.areas)
        compared += sum(c.testable for c in report.calibrations)
        any_flag += report.self_view.flagged
        pooled_over += report.self_view.flagged and report.self_view.standing.gap > 0
    return CalibrationRates(Rate(any_flag, takers), Rate(pooled_over, takers), Rate(compared, areas))


# --- retakes ---------------------------------------------------------------------------------

def retakes(takers: int, gain: float = 0.0, seed: int = 3, with_norms: bool = True) -> tuple[Rate, Rate]:
    """Two attempts per person, the second with every area's skill `gain` SDs higher; with
    norms the reliable change index, without them the Wald test. Returns (reports with any
    "clearly" verdict, area verdicts "clearly improved")."""
    from quiz.domain.scoring import retake
    w, rng = world(), random.Random(seed)
    any_flag = improved = areas = 0
    for _ in range(takers):
        person = w.person(rng)
        before = w.report(person, rng, with_norms)
        after = w.report(person.shifted(skill=gain), rng, with_norms)
        changes = retake(after, before, w.norms if with_norms else None)
        any_flag += any(c.flagged for c in changes.changes)
        improved += sum(c.verdict == "clearly improved" for c in changes.areas.values())
        areas += len(changes.areas)
    return Rate(any_flag, takers), Rate(improved, areas)


# --- headline words ----------------------------------------------------------------------------

def headlines(takers: int, seed: int = 4) -> dict[str, Rate]:
    """How often an area named alone as the strongest (weakest) truly is (the band words:
    `simulation.bands`)."""
    from quiz.domain.first_screen import standouts
    w, rng = world(), random.Random(seed)
    counts = {k: [0, 0] for k in ("named strongest", "named weakest")}
    for _ in range(takers):
        person = w.person(rng)
        report = w.report(person, rng)
        truths = {a.area.title: w.truth(person, [r.question for r in a.results])
                  for a in report.areas if a.estimate is not None}
        for word, sign, pick in (("strongest", 1, max), ("weakest", -1, min)):
            named = standouts(report, sign)
            if len(named) == 1:
                counts[f"named {word}"][0] += pick(truths, key=truths.get) == named[0]
                counts[f"named {word}"][1] += 1
    return {k: Rate(*v) for k, v in counts.items()}


# --- path fit --------------------------------------------------------------------------------

def path_fits(takers: int, shape: str | None, size: float = 0.8, seed: int = 5) -> dict[str | None, Rate]:
    """People whose skills follow a path's emphasis (`size` SDs from the top area to the
    centre), or no shape (None): the rate of each path verdict (None: no path yet)."""
    from quiz.domain.scoring import PATHS
    w, rng = world(), random.Random(seed)
    offsets = dict.fromkeys(w.areas, 0.0)
    if shape is not None:
        emphasis = next(p for p in PATHS if p.key == shape).emphasis
        centre = sum(emphasis.get(a, 0) for a in w.areas) / len(w.areas)
        top = max(emphasis.get(a, 0) - centre for a in w.areas)
        offsets = {a: size * (emphasis.get(a, 0) - centre) / top for a in w.areas}
    counts: dict[str | None, int] = {p.key: 0 for p in PATHS} | {None: 0}
    for _ in range(takers):
        level = rng.gauss(0, 0.7)
        skill = {a: level + d for a, d in offsets.items()}
        person = Person(skill, dict(skill))
        fit = w.report(person, rng).path_fit
        counts[fit.path.key if fit.path else None] += 1
    return {key: Rate(n, takers) for key, n in counts.items()}


# --- group dashboards --------------------------------------------------------------------------

def group_flags(dashboards: int, group_size: int = 20, rest: int = 300, seed: int = 6) -> Rate:
    """Dashboards of random groups from the same population as everyone else: the share that
    flag any question "clearly lower" (there is no real difference to find)."""
    from quiz.domain.results.groups import ItemTally, item_comparisons
    from quiz.domain.scoring import LOW
    w, rng = world(), random.Random(seed)

    def tallies(attempts: list[dict]) -> dict[str, ItemTally]:
        shares: dict[str, list[float]] = {}
        for answers in attempts:
            for qid, answer in answers.items():
                shares.setdefault(qid, []).append(w.bank.question(qid).fraction(answer))
        return {qid: ItemTally(qid, len(s), sum(s) / len(s), sum(x * x for x in s) / len(s),
                               sum(x < LOW for x in s)) for qid, s in shares.items()}

    everyone = tallies([take(w.generator, w.person(rng), rng) for _ in range(rest)])
    flagged = 0
    for _ in range(dashboards):
        group = tallies([take(w.generator, w.person(rng), rng) for _ in range(group_size)])
        flagged += any(item.clearly_lower for item in item_comparisons(w.bank, group, everyone))
    return Rate(flagged, dashboards)

"""Simulated takers for the measurement model: a seeded latent-trait generator over the real
bank (no HTTP), and the experiments the acceptance tests and benchmarks/measurement.py run.

Each taker has an ability per area (theta, on a logit scale). Every question has a fixed,
seeded difficulty, and answers are drawn from its response model:
- self-rating: a partial credit model over the five scale points (thresholds -1.5 .. 1.5
  around the difficulty, slope 1.2), reversed statements mirrored;
- scenario: option o with share s_o is chosen with probability proportional to
  (m - 1)^s_o * exp(2.5 (theta - b) s_o), m the number of options, so a taker at the
  difficulty picks the best answer as often as all the others together;
- checklist: each item ticked with probability logistic(1.5 (theta - b_item)); nothing ticked
  is "none of these".
A taker skips each question with a small probability. The *true score* of an area is the
expected report score given the abilities, over the questions the taker answered: exactly what
the report's interval claims to cover.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quiz.bank import load_bank
from quiz.bank.plain import Bank, Question
from quiz.question_types import SELF_REPORT, TESTED, Answer
from quiz.scoring import PATHS, retake, score

ROOT = Path(__file__).resolve().parent.parent
THETA_GRID = [i / 20 for i in range(-160, 161)]  # -8 .. 8
RATING_THRESHOLDS = (-1.5, -0.5, 0.5, 1.5)
SKIP = 0.05


@cache
def real_bank() -> Bank:
    return load_bank(ROOT / "questions")


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


class Model:
    """The response model of every question in a bank, with seeded difficulties."""

    def __init__(self, bank: Bank, seed: int = 11):
        rng = random.Random(seed)
        self.bank = bank
        self.difficulty = {q.id: rng.gauss(0, 0.5) for q in bank.questions}
        self.item_difficulty = {(q.id, o.id): self.difficulty[q.id] + rng.gauss(0, 0.7)
                                for q in bank.questions if q.kind.multiple for o in q.options if o.points > 0}
        self._grids: dict[tuple[str, ...], list[float]] = {}

    def _choice_weights(self, question: Question, theta: float) -> list[tuple[str, float, float]]:
        """(option id, share, probability) of a single-answer question."""
        b = self.difficulty[question.id]
        if question.kind.role == SELF_REPORT:
            cumulative, logits = 0.0, []
            for step in range(5):
                if step:
                    cumulative += 1.2 * (theta - b - RATING_THRESHOLDS[step - 1])
                logits.append(cumulative)  # logits[k]: k points on the 0..4 scale
            by_points = {o.points: o.id for o in question.options}
            pairs = [(by_points[float(k)], k / 4, logit) for k, logit in enumerate(logits)]
        else:
            choices = self._choices(question)
            spread = math.log(len(choices) - 1)
            pairs = [(answer, share, (spread + 2.5 * (theta - b)) * share) for answer, share in choices]
        top = max(logit for _, _, logit in pairs)
        weights = [math.exp(logit - top) for _, _, logit in pairs]
        total = sum(weights)
        return [(oid, share, w / total) for (oid, share, _), w in zip(pairs, weights)]

    @staticmethod
    def _choices(question: Question) -> list[tuple[Answer, float]]:
        """The answers a single-answer question can get, with their shares. A ranking's are the
        orders met on the way from the key to the key reversed, one neighbour swap at a time."""
        if question.type == "ranking":
            order, orders = list(question.kind.best_answer(question)), []
            for done in range(len(order)):
                for i in range(len(order) - 1 - done):
                    orders.append(tuple(order))
                    order[i], order[i + 1] = order[i + 1], order[i]
            orders.append(tuple(order))
            return [(o, question.fraction(o)) for o in orders]
        return [((o.id,), o.points / question.best_points) for o in question.options]

    def _tick_probabilities(self, question: Question, theta: float) -> list[tuple[str, float, float]]:
        """(item id, points, probability ticked) of a checklist's scoring items."""
        return [(o.id, o.points, _logistic(1.5 * (theta - self.item_difficulty[(question.id, o.id)])))
                for o in question.options if o.points > 0]

    def expected_share(self, question: Question, theta: float) -> float:
        if question.kind.multiple:
            ticks = self._tick_probabilities(question, theta)
            return sum(points * p for _, points, p in ticks) / question.scoring_points
        return sum(share * p for _, share, p in self._choice_weights(question, theta))

    def answer(self, question: Question, theta: float, rng: random.Random) -> Answer:
        if question.kind.multiple:
            ticked = {oid for oid, _, p in self._tick_probabilities(question, theta) if rng.random() < p}
            if not ticked:
                ticked = {o.id for o in question.options if o.none}
            return tuple(sorted(ticked))
        draw, cumulative = rng.random(), 0.0
        options = self._choice_weights(question, theta)
        for oid, _, p in options:
            cumulative += p
            if draw < cumulative:
                return oid
        return options[-1][0]

    def true_score(self, questions: Iterable[Question], theta_of: Callable[[Question], float]) -> float:
        questions = list(questions)
        total = sum(q.weight for q in questions)
        return 100 * sum(q.weight * self.expected_share(q, theta_of(q)) for q in questions) / total

    def theta_for(self, questions: list[Question], target: float) -> float:
        """The ability whose true score on these questions is `target` (interpolated on a grid)."""
        key = tuple(q.id for q in questions)
        if key not in self._grids:
            self._grids[key] = [self.true_score(questions, lambda q, t=t: t) for t in THETA_GRID]
        grid = self._grids[key]
        if target <= grid[0]:
            return THETA_GRID[0]
        for i in range(1, len(grid)):
            if grid[i] >= target:
                part = (target - grid[i - 1]) / (grid[i] - grid[i - 1])
                return THETA_GRID[i - 1] + part * (THETA_GRID[i] - THETA_GRID[i - 1])
        return THETA_GRID[-1]


@dataclass
class Taker:
    """Abilities per area; `self_view` (per area) drives the self-ratings when given."""
    theta: dict[str, float]
    self_view: dict[str, float] | None = None

    def ability(self, question: Question) -> float:
        if self.self_view is not None and question.kind.role == SELF_REPORT:
            return self.self_view[question.area]
        return self.theta[question.area]


def take(model: Model, taker: Taker, rng: random.Random, skip: float = SKIP) -> dict[str, Answer]:
    return {q.id: model.answer(q, taker.ability(q), rng) for q in model.bank.questions
            if rng.random() >= skip}


def _areas(model: Model) -> list[str]:
    return [a.key for a in model.bank.areas]


def _latent_taker(model: Model, rng: random.Random) -> Taker:
    general = rng.gauss(0, 1)
    return Taker({a: general + rng.gauss(0, 0.7) for a in _areas(model)})


def _taker_at(model: Model, targets: dict[str, float]) -> Taker:
    """A taker whose true area scores (over all the area's questions) are the targets."""
    return Taker({a: model.theta_for(model.bank.questions_in(a), t) for a, t in targets.items()})


@dataclass(frozen=True)
class Rate:
    hits: int
    trials: int

    @property
    def rate(self) -> float:
        return self.hits / self.trials

    @property
    def se(self) -> float:
        """Binomial standard error of the rate."""
        return math.sqrt(self.rate * (1 - self.rate) / self.trials)

    def __str__(self) -> str:
        return f"{100 * self.rate:.1f} % ({self.hits} of {self.trials}, SE {100 * self.se:.1f})"


def coverage(takers: int, seed: int = 1) -> tuple[Rate, Rate]:
    """How often the 95 % interval covers the true score: per area, and overall."""
    model, rng = Model(real_bank()), random.Random(seed)
    areas = overall = covered_areas = covered_overall = 0
    for _ in range(takers):
        taker = _latent_taker(model, rng)
        answers = take(model, taker, rng)
        report = score(model.bank, answers)
        truths, weights = [], []
        for result in report.areas:
            if result.estimate is None:
                continue
            answered = [r.question for r in result.results]
            truth = model.true_score(answered, taker.ability)
            truths.append(truth * result.area.weight)
            weights.append(result.area.weight)
            areas += 1
            covered_areas += result.estimate.low <= truth <= result.estimate.high
        if report.overall_estimate is not None:
            truth = sum(truths) / sum(weights)
            overall += 1
            covered_overall += report.overall_estimate.low <= truth <= report.overall_estimate.high
    return Rate(covered_areas, areas), Rate(covered_overall, overall)


def calibration(takers: int, overrating: float = 0, seed: int = 2) -> dict[str, Rate]:
    """Takers whose true self-rating sub-score is their true scenario sub-score plus
    `overrating` points in every area. Returns the rate of each verdict over area reports."""
    model, rng = Model(real_bank()), random.Random(seed)
    counts: dict[str, int] = {"over": 0, "under": 0, "matched": 0, "weak": 0}
    for _ in range(takers):
        theta, view = {}, {}
        for area in _areas(model):
            questions = model.bank.questions_in(area)
            tested = [q for q in questions if q.kind.role == TESTED]
            rated = [q for q in questions if q.kind.role == SELF_REPORT]
            # Leave room above the scenario score for the overrating to show.
            scenario_score = rng.uniform(10, 95 - overrating)
            theta[area] = model.theta_for(tested, scenario_score)
            view[area] = model.theta_for(rated, scenario_score + overrating)
        report = score(model.bank, take(model, Taker(theta, view), rng))
        for c in report.calibrations:
            counts[c.verdict] += 1
    reports = sum(counts.values())
    return {verdict: Rate(n, reports) for verdict, n in counts.items()}


def retakes(takers: int, gain: float = 0, seed: int = 3) -> tuple[Rate, Rate, Rate]:
    """Two attempts per taker, the second with every area's true score `gain` points higher.
    Returns the rates of "clearly improved", "clearly lower" per area, and overall clearly improved."""
    model, rng = Model(real_bank()), random.Random(seed)
    improved = lower = areas = overall_improved = overall = 0
    for _ in range(takers):
        first = {a: rng.uniform(10, 90 - gain) for a in _areas(model)}
        before = score(model.bank, take(model, _taker_at(model, first), rng))
        second = {a: t + gain for a, t in first.items()}
        after = score(model.bank, take(model, _taker_at(model, second), rng))
        changes = retake(after, before)
        for change in changes.areas.values():
            areas += 1
            improved += change.verdict == "clearly improved"
            lower += change.verdict == "clearly lower"
        if changes.overall:
            overall += 1
            overall_improved += changes.overall.verdict == "clearly improved"
    return Rate(improved, areas), Rate(lower, areas), Rate(overall_improved, overall)


def path_shape(shape: str | None, size: float = 25) -> dict[str, float]:
    """True area scores around 0: the centred emphasis of a path scaled so its top area is
    `size` points above the mean; all zeros for no shape (None)."""
    areas = [a.key for a in real_bank().areas]
    if shape is None:
        return dict.fromkeys(areas, 0.0)
    emphasis = next(p for p in PATHS if p.key == shape).emphasis
    centre = sum(emphasis.get(a, 0) for a in areas) / len(areas)
    top = max(emphasis.get(a, 0) - centre for a in areas)
    return {a: size * (emphasis.get(a, 0) - centre) / top for a in areas}


def path_fits(takers: int, shape: str | None, size: float = 25, seed: int = 4) -> dict[str | None, Rate]:
    """Takers with a path-shaped true profile (or a flat one) at a random level: the rate of
    each path verdict (None: no clear lean)."""
    model, rng = Model(real_bank()), random.Random(seed)
    offsets = path_shape(shape, size)
    counts: dict[str | None, int] = {p.key: 0 for p in PATHS} | {None: 0}
    for _ in range(takers):
        level = rng.uniform(35, 60)
        report = score(model.bank, take(model, _taker_at(model, {a: level + d for a, d in offsets.items()}), rng))
        fit = report.path_fit
        counts[fit.path.key if fit.path else None] += 1
    return {key: Rate(n, takers) for key, n in counts.items()}

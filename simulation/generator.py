"""A graded-response generator of answers to the real bank: seeded, and on purpose not the
scoring model (the report scores shares of points with a binomial-error model; the answers
here come from latent traits through item response models the report knows nothing of).

Every simulated person has, per area, a *skill* and a *self-view*, each standard normal over
the population; the areas' skills correlate through a general factor, and the self-view
correlates with the skill (0.5 by default). Self-ratings answer from the self-view, everything
else from the skill. Each question has its own seeded parameters:

- a single answer (self-rating, scenario, any scale): Samejima's graded response model over the
  question's distinct point levels, P(level >= k) = logistic(a (theta - b_k)), with its own
  discrimination a (log-normal, about 0.6 to 2.2) and ordered thresholds b_k; an option is then
  drawn among those at the level;
- a checklist: each scoring item ticked with probability logistic(a_j (theta - b_j)), its own
  a_j and b_j; nothing ticked is "none of these";
- a ranking: a Plackett-Luce order whose items' worths fall with their key position at a slope
  that grows with skill, 1.5 softplus(a (theta - b)): at low skill a near-random order, at high
  skill the key;
- a question whose options are each rated (rate_options): per option, the graded response model
  over how close its rating comes to the key (each level of closeness a threshold, each option
  its own discrimination); a rating at that distance from the key is then drawn.

A person skips each question with a small probability. The *true score* of a set of questions
is the expected report score given the person's traits: exactly what a report's range claims
to cover.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quiz.domain.bank import load_bank
from quiz.domain.bank.plain import Bank
from quiz.domain.question_types import SELF_REPORT, Selection
from quiz.domain.question_types.question import Question

ROOT = Path(__file__).resolve().parent.parent
SKIP = 0.05  # chance a simulated person leaves a question unanswered
SELF_VIEW_CORRELATION = 0.5
GENERAL_FACTOR = 0.6  # correlation of two areas' skills
GRID = [i / 10 for i in range(-80, 81)]  # trait values at which a ranking's expected share is tabled


@cache
def real_bank() -> Bank:
    return load_bank(ROOT / "questions")


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def _softplus(x: float) -> float:
    return math.log1p(math.exp(x)) if x < 30 else x


@dataclass(frozen=True)
class GradedItem:
    """A single-answer question: its point levels (shares, ascending), the options at each, a
    discrimination and one threshold between each pair of neighbouring levels."""
    levels: tuple[float, ...]
    options: tuple[tuple[str, ...], ...]
    discrimination: float
    thresholds: tuple[float, ...]

    def probabilities(self, theta: float) -> list[float]:
        at_least = [1.0] + [_logistic(self.discrimination * (theta - b)) for b in self.thresholds] + [0.0]
        return [at_least[k] - at_least[k + 1] for k in range(len(self.levels))]


@dataclass(frozen=True)
class ChecklistItem:
    option: str
    points: float
    discrimination: float
    difficulty: float

    def probability(self, theta: float) -> float:
        return _logistic(self.discrimination * (theta - self.difficulty))


@dataclass(frozen=True)
class RankingItem:
    key: tuple[str, ...]
    discrimination: float
    difficulty: float

    def worths(self, theta: float) -> list[float]:
        slope = 1.5 * _softplus(self.discrimination * (theta - self.difficulty))
        return [-slope * place for place in range(len(self.key))]


@dataclass(frozen=True)
class RatedItem:
    """Each option of a rate-each-option question, a graded item over the closeness of its
    rating to the key: levels are closeness shares, their "options" the ratings ("a:3") at each."""
    options: tuple[GradedItem, ...]


class Generator:
    """The response model of every question in a bank, with seeded item parameters."""

    def __init__(self, bank: Bank, seed: int = 11):
        rng = random.Random(seed)
        self.bank = bank
        self.items: dict[str, GradedItem | list[ChecklistItem] | RankingItem | RatedItem] = {}
        for question in bank.questions:
            self.items[question.id] = self._parameters(question, rng)
        self._ranking_tables: dict[str, list[float]] = {}

    @staticmethod
    def _discrimination(rng: random.Random) -> float:
        return math.exp(rng.gauss(0.15, 0.35))

    def _parameters(self, question: Question, rng: random.Random):
        if question.type == "ranking":
            return RankingItem(tuple(question.kind.best_answer(question)), self._discrimination(rng),
                               rng.gauss(-0.3, 0.6))
        if question.kind.multiple:
            return [ChecklistItem(o.id, o.points, self._discrimination(rng), rng.gauss(0.2, 1.0))
                    for o in question.options if o.points > 0]
        if question.kind.rating_levels:
            return RatedItem(tuple(self._graded(self._ratings_by_closeness(question, option), question, rng)
                                   for option in question.options))
        by_level: dict[float, list[str]] = {}
        for option in question.options:
            if question.scored_answer((option.id,)):  # not "I haven't had the chance yet"
                by_level.setdefault(question.fraction((option.id,)), []).append(option.id)
        return self._graded(by_level, question, rng)

    @staticmethod
    def _ratings_by_closeness(question: Question, option) -> dict[float, list[str]]:
        """An option's ratings ("a:1" .. "a:4") by the share of the option's part of the score each
        earns: the question's score with every other option at its key, less theirs."""
        by_level: dict[float, list[str]] = {}
        others = len(question.options) - 1
        for rating in range(1, len(question.kind.rating_levels) + 1):
            value = f"{option.id}:{rating}"
            share = question.fraction(tuple(f"{o.id}:{o.key_rating}" if o is not option else value
                                            for o in question.options))
            by_level.setdefault(round(share * (others + 1) - others, 12), []).append(value)
        return by_level

    def _graded(self, by_level: dict[float, list[str]], question: Question, rng: random.Random) -> GradedItem:
        levels = tuple(sorted(by_level))
        steps = len(levels) - 1
        centre = rng.gauss(-0.4, 0.5) if question.kind.role == SELF_REPORT else rng.gauss(0.0, 0.8)
        spread = 1.2 * steps / 2
        base = [centre - spread + 2 * spread * k / max(1, steps - 1) for k in range(steps)] if steps > 1 \
            else [centre]
        thresholds = sorted(b + rng.gauss(0, 0.2) for b in base)
        return GradedItem(levels, tuple(tuple(by_level[level]) for level in levels),
                          self._discrimination(rng), tuple(thresholds))

    # --- expected shares ------------------------------------------------------------------

    def expected_share(self, question: Question, theta: float) -> float:
        item = self.items[question.id]
        if isinstance(item, GradedItem):
            return self._graded_share(item, theta)
        if isinstance(item, list):
            return sum(i.points * i.probability(theta) for i in item) / question.scoring_points
        if isinstance(item, RatedItem):  # the mean of each option's expected share
            return sum(self._graded_share(graded, theta) for graded in item.options) / len(item.options)
        return self._ranking_share(question, item, theta)

    @staticmethod
    def _graded_share(item: GradedItem, theta: float) -> float:
        return sum(level * p for level, p in zip(item.levels, item.probabilities(theta)))

    def _ranking_share(self, question: Question, item: RankingItem, theta: float) -> float:
        """Exact over every order (a ranking has a handful of items), tabled on a grid."""
        table = self._ranking_tables.get(question.id)
        if table is None:
            table = [self._exact_ranking_share(question, item, t) for t in GRID]
            self._ranking_tables[question.id] = table
        position = (min(max(theta, GRID[0]), GRID[-1]) - GRID[0]) * 10
        low = min(int(position), len(GRID) - 2)
        part = position - low
        return table[low] * (1 - part) + table[low + 1] * part

    @staticmethod
    def _exact_ranking_share(question: Question, item: RankingItem, theta: float) -> float:
        worths = item.worths(theta)
        expected = 0.0
        for order in itertools.permutations(range(len(item.key))):
            probability, remaining = 1.0, [math.exp(worths[j]) for j in order]
            for k in range(len(order)):
                probability *= remaining[k] / sum(remaining[k:])
            expected += probability * question.fraction(tuple(item.key[j] for j in order))
        return expected

    # --- answers --------------------------------------------------------------------------

    @staticmethod
    def _graded_pick(item: GradedItem, theta: float, rng: random.Random) -> str:
        """An option (or a rating) drawn at the level the graded response model gives."""
        draw, cumulative = rng.random(), 0.0
        for options, p in zip(item.options, item.probabilities(theta)):
            cumulative += p
            if draw < cumulative:
                return rng.choice(options)
        return rng.choice(item.options[-1])

    def answer(self, question: Question, theta: float, rng: random.Random) -> Selection:
        item = self.items[question.id]
        if isinstance(item, GradedItem):
            return (self._graded_pick(item, theta, rng),)
        if isinstance(item, RatedItem):
            return tuple(sorted(self._graded_pick(graded, theta, rng) for graded in item.options))
        if isinstance(item, list):
            ticked = tuple(sorted(i.option for i in item if rng.random() < i.probability(theta)))
            return ticked or tuple(o.id for o in question.options if o.none)
        noisy = [w - math.log(-math.log(rng.random() or 1e-300)) for w in item.worths(theta)]
        return tuple(item.key[j] for j in sorted(range(len(item.key)), key=lambda j: -noisy[j]))


@dataclass(frozen=True)
class Person:
    """Traits per area key, each standard normal over the population."""
    skill: dict[str, float]
    self_view: dict[str, float]

    def trait(self, question: Question) -> float:
        return (self.self_view if question.kind.role == SELF_REPORT else self.skill)[question.area]

    def shifted(self, skill: float = 0.0, self_view: float = 0.0) -> Person:
        return Person({a: t + skill for a, t in self.skill.items()},
                      {a: t + self_view for a, t in self.self_view.items()})


def draw_person(areas: Sequence[str], rng: random.Random,
                self_view_correlation: float | None = SELF_VIEW_CORRELATION) -> Person:
    """A person from the population. `self_view_correlation=None`: a self-view equal to the
    skill in every area (perfectly calibrated: the same standing among takers on both)."""
    general = rng.gauss(0, 1)
    skill = {a: math.sqrt(GENERAL_FACTOR) * general + math.sqrt(1 - GENERAL_FACTOR) * rng.gauss(0, 1)
             for a in areas}
    if self_view_correlation is None:
        return Person(skill, dict(skill))
    rho = self_view_correlation
    return Person(skill, {a: rho * t + math.sqrt(1 - rho * rho) * rng.gauss(0, 1) for a, t in skill.items()})


def take(generator: Generator, person: Person, rng: random.Random, skip: float = SKIP) -> dict[str, Selection]:
    """One attempt's answers (question id -> answer); skipped questions are absent."""
    return {q.id: generator.answer(q, person.trait(q), rng) for q in generator.bank.questions
            if rng.random() >= skip}


def true_score(generator: Generator, person: Person, questions: Iterable[Question]) -> float | None:
    """The expected report score (0-100) of these questions given the person's traits."""
    questions = list(questions)
    total = sum(q.weight for q in questions)
    if not total:
        return None
    return 100 * sum(q.weight * generator.expected_share(q, person.trait(q)) for q in questions) / total

"""How precisely the quiz measures: conditional standard errors, 95 % intervals, change
between attempts and the shape of a score profile.

Pure Python (no Flask, no SQLAlchemy), used by the scoring engine. Scores here are on the
report's 0-100 scale; an item's *share* is the part of its points earned, 0..1. Every rule
is explained for takers on the "How this quiz measures" page and in docs/measurement.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from quiz.domain.statistics.conditional_error import conditional_sem, effective_count, keats_factor

Z95 = 1.959963984540054  # two-sided 95 %: the normal quantile at 0.975
ENOUGH_WEIGHT = 2 / 3  # an area is scored once this share of its questions' weight is answered
MIN_NORM_ATTEMPTS = 100  # first attempts an area needs before its norms are used (ranges, change, standing)


@dataclass(frozen=True)
class PartNorm:
    """The norm group's figures of an area's self-rating or scenario sub-score (0-100)."""
    mean: float
    sd: float
    alpha: float | None
    items: int


@dataclass(frozen=True)
class AreaNorm:
    """An area's figures from the norm group (first attempts), stored by the statistics."""
    area: str
    first_attempts: int
    sd: float  # SD of the area score (0-100) over first attempts
    alpha: float | None  # Cronbach's alpha of the area; None when it could not be computed
    items: int  # questions in the area the alpha was computed over
    mean: float | None = None  # of the area score (0-100)
    self_view: PartNorm | None = None
    tested: PartNorm | None = None

    @property
    def usable(self) -> bool:
        """Enough first attempts and an alpha that means something (0 < alpha < 1)."""
        return (self.first_attempts >= MIN_NORM_ATTEMPTS and self.alpha is not None
                and 0 < self.alpha < 1 and self.items >= 1)


@dataclass(frozen=True)
class Estimate:
    """A score with its standard error; the 95 % interval is clipped to the 0-100 scale."""
    value: float
    se: float

    @property
    def low(self) -> float:
        return max(0.0, self.value - Z95 * self.se)

    @property
    def high(self) -> float:
        return min(100.0, self.value + Z95 * self.se)


class ItemScore(NamedTuple):
    """One answered question: its weight, the share of its points the answer earned, and its
    steps (how many levels above nothing its answers can earn)."""
    weight: float
    share: float
    steps: int = 1


def spearman_brown(reliability: float, factor: float) -> float:
    """Reliability of a test `factor` times as long: factor*r / (1 + (factor-1)*r)."""
    return factor * reliability / (1 + (factor - 1) * reliability)


def classical_sem(norm: AreaNorm | None, answered: int) -> float | None:
    """SD' * sqrt(1 - alpha') for a taker who answered `answered` of the norm's items, where
    alpha' is alpha shortened by Spearman-Brown and SD' the spread such a shorter test would
    have (true-score variance SD^2 * alpha kept). None before the area has enough first
    attempts or a usable alpha."""
    if norm is None or not norm.usable or answered < 1:
        return None
    shortened = spearman_brown(norm.alpha, answered / norm.items)
    true_variance = norm.sd ** 2 * norm.alpha
    sd_shortened = math.sqrt(true_variance / shortened)
    return sd_shortened * math.sqrt(1 - shortened)


def area_estimate(items: Sequence[ItemScore], norm: AreaNorm | None = None,
                  full_count: float | None = None) -> Estimate | None:
    """A score and its conditional standard error: Lord's binomial error over the answered
    questions. Once the area's norm group is usable (and `full_count`, what all the area's
    questions are worth in trials, is given), the error is scaled by the norm group's Keats
    factor and taken at the estimated true score, Kelley's mu + alpha (x - mu): an extreme
    observed score is partly luck, and the binomial error at the observed score would be too
    small exactly there."""
    total = sum(i.weight for i in items)
    if not total:
        return None
    share = sum(i.weight * i.share for i in items) / total
    count = effective_count([(i.weight, i.steps) for i in items])
    if norm is None or full_count is None or not norm.usable or norm.mean is None:
        return Estimate(100 * share, conditional_sem(share, count))
    mean = norm.mean / 100
    factor = keats_factor(mean, norm.sd / 100, norm.alpha, full_count)
    level = mean + norm.alpha * (share - mean)
    return Estimate(100 * share, conditional_sem(level, count, factor))


def weighted_estimate(parts: Iterable[tuple[Estimate, float]]) -> Estimate | None:
    """Weighted mean of independent estimates: SE = sqrt(sum w^2 SE^2) / sum w."""
    parts = [(e, w) for e, w in parts if w]
    total = sum(w for _, w in parts)
    if not total:
        return None
    return Estimate(sum(e.value * w for e, w in parts) / total,
                    math.sqrt(sum((w * e.se) ** 2 for e, w in parts)) / total)


# --- Comparing two scores -----------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """A score against the same score on an earlier attempt.

    With the norm group's classical SEM (`sem`, both attempts' pooled), Jacobson and Truax's
    reliable change index: RCI = d / (sqrt(2) SEM). Before there is one, a Wald test of the
    difference of two scores, each with its own (conditional) standard error:
    z = d / sqrt(SE_1^2 + SE_2^2). d is the difference the report shows, in whole points, so
    the number and its verdict never disagree. `flagged` is decided for the whole report
    (`scoring.retake`: Holm across its changes)."""
    before: Estimate
    after: Estimate
    sem: float | None = None
    flagged: bool = False

    @property
    def difference(self) -> int:
        return round(self.after.value) - round(self.before.value)

    @property
    def method(self) -> str:
        return "reliable change index" if self.sem is not None else "Wald test"

    @property
    def error(self) -> float:
        """The standard error of the difference."""
        return math.sqrt(2) * self.sem if self.sem is not None else math.hypot(self.before.se, self.after.se)

    @property
    def z(self) -> float:
        return self.difference / self.error

    @property
    def verdict(self) -> str:
        if not self.flagged:
            return "within measurement error"
        return "clearly improved" if self.difference > 0 else "clearly lower"


def pooled_sem(norm: AreaNorm | None, answered_before: int, answered_after: int) -> float | None:
    """The classical SEM of the two attempts pooled, sqrt((SEM_1^2 + SEM_2^2) / 2), each
    shortened to the questions answered; None before the norm group is usable."""
    first, second = classical_sem(norm, answered_before), classical_sem(norm, answered_after)
    if first is None or second is None:
        return None
    return math.sqrt((first ** 2 + second ** 2) / 2)


# --- The shape of a profile ---------------------------------------------------------------------

@dataclass(frozen=True)
class Lean:
    """How a profile's shape matches an emphasis, level removed.

    r: Pearson correlation of the profile with the emphasis (both centred on their means).
    contrast: the profile projected on the unit centred emphasis, in points (= r * |d|),
    and z its ratio to its standard error sqrt(sum e_a^2 SE_a^2) / |e|.
    """
    r: float
    contrast: float
    z: float


def lean(profile: Sequence[Estimate], emphasis: Sequence[float]) -> Lean | None:
    """None when the emphasis or the profile is flat (no shape to correlate)."""
    centred = [e - sum(emphasis) / len(emphasis) for e in emphasis]
    mean = sum(p.value for p in profile) / len(profile)
    deviations = [p.value - mean for p in profile]
    length = math.sqrt(sum(e * e for e in centred))
    spread = math.sqrt(sum(d * d for d in deviations))
    if not length or not spread:
        return None
    contrast = sum(e * p.value for e, p in zip(centred, profile)) / length
    se = math.sqrt(sum((e * p.se) ** 2 for e, p in zip(centred, profile))) / length
    return Lean(r=contrast / spread, contrast=contrast, z=contrast / se)

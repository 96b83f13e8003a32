"""How precisely the quiz measures: standard errors, 95 % intervals, reliable change,
the calibration gap test and the shape of a score profile.

Pure Python (no Flask, no SQLAlchemy), used by the scoring engine. Scores here are on the
report's 0-100 scale; an item's *share* is the part of its points earned, 0..1. Every rule
is explained for takers on the "How this quiz measures" page and in docs/measurement.md.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

Z95 = 1.959963984540054  # two-sided 95 %: the normal quantile at 0.975
MIN_NORM_ATTEMPTS = 100  # first attempts an area needs before its classical SEM is trusted


@dataclass(frozen=True)
class AreaNorm:
    """An area's figures from the norm group (first attempts), stored by the statistics."""
    area: str
    first_attempts: int
    sd: float  # SD of the area score (0-100) over first attempts
    alpha: float | None  # Cronbach's alpha of the area; None when it could not be computed
    items: int  # questions in the area the alpha was computed over


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

    def words(self) -> str:
        return f"between {self.low:.0f} and {self.high:.0f}"


class ItemScore(NamedTuple):
    """One answered question: its weight, its share of points, its kind (the stratum) and
    the shares its answers can give (0 and 1 for all-or-nothing, five steps for a rating)."""
    weight: float
    share: float
    stratum: str
    levels: tuple[float, ...] = (0.0, 1.0)


def least_spread(levels: Sequence[float], mean: float) -> float:
    """The smallest variance an answer can have at this mean, given the shares it can take
    (sorted): all its chance on the two levels around the mean, (mean - below) * (above - mean)."""
    index = bisect_left(levels, mean)
    if index < len(levels) and levels[index] == mean:
        return 0.0
    below = levels[index - 1] if index else 0.0
    above = levels[index] if index < len(levels) else 1.0
    return (mean - below) * (above - mean)


# --- Error of one attempt's score ---------------------------------------------------------------

def sampling_variance(items: Sequence[ItemScore]) -> float:
    """Variance (0..1 scale) of the weighted mean share of items of one kind, as a sample of
    the questions that could have been asked (domain sampling):

        V = max( n/(n-1) * sum w_i^2 (x_i - m)^2 ,  sum w_i^2 f_i ) / (sum w_i)^2

    The first term is the item-sampling variance with the small-sample correction n/(n-1).
    The second is the floor, the least each answer could vary at the taker's level p:
        f_i = max( least_spread(levels_i, p),  p (1 - p) / (n + 1) )
    with p the mean pulled towards one half as if one more question had been answered at
    half marks, p = (n m + 1/2) / (n + 1). The first part says an all-or-nothing question
    answered right five times out of five still has the spread of a coin that comes up
    right about 9 times in 10; the second keeps two equal ratings from looking exact.
    """
    n = len(items)
    total = sum(i.weight for i in items)
    mean = sum(i.weight * i.share for i in items) / total
    observed = n / (n - 1) * sum(i.weight ** 2 * (i.share - mean) ** 2 for i in items) if n > 1 else 0.0
    pulled = (n * mean + 0.5) / (n + 1)
    least = pulled * (1 - pulled) / (n + 1)
    floor = 0.0
    for item in items:
        floor += item.weight ** 2 * max(least_spread(item.levels, pulled), least)
    return max(observed, floor) / total ** 2


def stratified_error(items: Sequence[ItemScore]) -> float:
    """Standard error (0-100) of the weighted mean share of all items, treating each kind of
    question as its own stratum: self-ratings, scenarios and lists of experience differ in level by
    design, and that difference is not error. V = sum over kinds of (W_k / W)^2 V_k."""
    total = sum(i.weight for i in items)
    strata: dict[str, list[ItemScore]] = {}
    for item in items:
        strata.setdefault(item.stratum, []).append(item)
    variance = sum((sum(i.weight for i in group) / total) ** 2 * sampling_variance(group)
                   for group in strata.values())
    return 100 * math.sqrt(variance)


def spearman_brown(reliability: float, factor: float) -> float:
    """Reliability of a test `factor` times as long: factor*r / (1 + (factor-1)*r)."""
    return factor * reliability / (1 + (factor - 1) * reliability)


def classical_sem(norm: AreaNorm | None, answered: int) -> float | None:
    """SD' * sqrt(1 - alpha') for a taker who answered `answered` of the norm's items, where
    alpha' is alpha shortened by Spearman-Brown and SD' the spread such a shorter test would
    have (true-score variance SD^2 * alpha kept). None before the area has enough first
    attempts or a usable alpha."""
    if (norm is None or norm.first_attempts < MIN_NORM_ATTEMPTS or norm.alpha is None
            or not 0 < norm.alpha < 1 or answered < 1 or norm.items < 1):
        return None
    shortened = spearman_brown(norm.alpha, answered / norm.items)
    true_variance = norm.sd ** 2 * norm.alpha
    sd_shortened = math.sqrt(true_variance / shortened)
    return sd_shortened * math.sqrt(1 - shortened)


def area_estimate(items: Sequence[ItemScore], norm: AreaNorm | None = None) -> Estimate | None:
    """An area's score and its error: the per-person error above, or the classical SEM from
    the norm group when that is larger."""
    total = sum(i.weight for i in items)
    if not total:
        return None
    value = 100 * sum(i.weight * i.share for i in items) / total
    per_person = stratified_error(items)
    classical = classical_sem(norm, len(items))
    return Estimate(value, per_person if classical is None else max(per_person, classical))


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
    """A score against the same score on an earlier attempt (Jacobson & Truax)."""
    before: Estimate
    after: Estimate

    @property
    def difference(self) -> float:
        return self.after.value - self.before.value

    @property
    def sem(self) -> float:
        """The two attempts' errors pooled: equal to each when they are equal."""
        return math.sqrt((self.before.se ** 2 + self.after.se ** 2) / 2)

    @property
    def rci(self) -> float:
        """Reliable change index (x2 - x1) / (sqrt(2) * SEM)."""
        return self.difference / (math.sqrt(2) * self.sem)

    @property
    def smallest(self) -> float:
        """The smallest change that counts: 1.96 * sqrt(2) * SEM."""
        return Z95 * math.sqrt(2) * self.sem

    @property
    def verdict(self) -> str:
        if self.rci > Z95:
            return "clearly improved"
        if self.rci < -Z95:
            return "clearly lower"
        return "within measurement error"


def gap_z(first: Estimate, second: Estimate) -> float:
    """z = (s - c) / sqrt(SE_s^2 + SE_c^2) for two independent scores."""
    return (first.value - second.value) / math.hypot(first.se, second.se)


def smallest_clear_gap(first: Estimate, second: Estimate) -> float:
    return Z95 * math.hypot(first.se, second.se)


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


@dataclass(frozen=True)
class Evenness:
    """Chi-square test that all true scores are equal: Q = sum (x_a - m)^2 / SE_a^2 with m the
    precision-weighted mean, on k - 1 degrees of freedom."""
    q: float
    df: int

    @property
    def p(self) -> float:
        return chi_square_sf(self.q, self.df)

    @property
    def even(self) -> bool:
        """No evidence at the 5 % level that any area differs from the others."""
        return self.p >= 0.05


def evenness(profile: Sequence[Estimate]) -> Evenness:
    precision = [1 / p.se ** 2 for p in profile]
    mean = sum(w * p.value for w, p in zip(precision, profile)) / sum(precision)
    return Evenness(sum(w * (p.value - mean) ** 2 for w, p in zip(precision, profile)),
                    len(profile) - 1)


def chi_square_sf(x: float, df: int) -> float:
    """P(X >= x) for X ~ chi-square with an integer df >= 1 (closed form by parity)."""
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for j in range(1, df // 2):
            term *= half / j
            total += term
        return math.exp(-half) * total
    term, total = math.sqrt(x) * math.sqrt(2 / math.pi) * math.exp(-half), 0.0
    for j in range(1, (df + 1) // 2):
        total += term
        term *= x / (2 * j + 1)
    return math.erfc(math.sqrt(half)) + total

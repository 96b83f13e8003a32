"""The error of one area score at its own level: Lord's binomial-error model, scaled to the
norm group's reliability as Keats proposed.

Lord (1955, 1957): an observed proportion-correct x on n items scatters around the true
proportion as a binomial does, so its error variance at the taker's level is x(1 - x)/(n - 1)
(share scale; the n - 1 makes it unbiased for the true-score variance). It needs no data
beyond the attempt, and it is the conditional SEM before a norm group exists: widest at
mid-scale, narrowest near 0 and 100, as a real score's error is. Weighted questions count as
n_eff = (sum w)^2 / sum (w^2 / s) all-or-nothing ones, where a question with s + 1 levels of
points counts as s trials (the compound binomial: a five-point scale counts four steps, a
choice between none, some and full points two), and x is pulled towards one half as if PULL
more questions had been answered at half marks, so a perfect score keeps a range.

Keats (1957): questions that are not equally hard, or that give part marks, scatter less than
the binomial says. Once the area has a norm group of first attempts, the binomial variance is
scaled by (1 - alpha) / (1 - KR21): the classical error variance SD^2 (1 - alpha) over the
binomial variance the same norm group would show on average,
    E[x(1 - x)/(n - 1)] = (mu (1 - mu) - SD^2) / (n - 1)   (mu, SD: the norm group's, share scale).
The conditional SEMs then average to the classical SEM over the norm group, each at its level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

PULL = 2.0  # half-marked questions the share is pulled towards one half by


def effective_count(items: Sequence[tuple[float, int]]) -> float:
    """How many equal all-or-nothing questions these (weight, steps) are worth:
    (sum w)^2 / sum (w^2 / steps). A question whose answers can earn s + 1 levels of its
    points counts as s trials (a five-point rating as four), as in the compound binomial."""
    spread = sum(w * w / steps for w, steps in items)
    return sum(w for w, _ in items) ** 2 / spread if spread else 0.0


def binomial_variance(share: float, count: float) -> float:
    """Lord's error variance (share scale) of a mean share over `count` questions, at the
    share pulled towards one half by one half-marked question."""
    pulled = (count * share + PULL / 2) / (count + PULL)
    return pulled * (1 - pulled) / max(count - 1, 1.0)


def keats_factor(mean: float, sd: float, alpha: float, count: float) -> float | None:
    """(1 - alpha) / (1 - KR21) from the norm group's mean and SD (share scale) over an area
    worth `count` equal questions; None when the norm group does not define it (no spread
    beyond the binomial's, or an alpha outside (0, 1))."""
    binomial_average = (mean * (1 - mean) - sd * sd) / max(count - 1, 1.0)
    if not 0 < alpha < 1 or binomial_average <= 0:
        return None
    return (1 - alpha) * sd * sd / binomial_average


def conditional_sem(share: float, count: float, factor: float | None = None) -> float:
    """The standard error (0-100 points) of a score at this share over `count` equal questions;
    `factor` is the norm group's Keats factor, None before there is one."""
    return 100 * math.sqrt(binomial_variance(share, count) * (1.0 if factor is None else factor))

"""Self-view against scenario answers on a common scale: each sub-score as a standing among
the norm group's first attempts, the comparison allowing for each part's reliability.

A self-rating share and a scenario share are not on one scale (people rate themselves
generously; scenarios are hard or easy by design), so each is put as a z-score among first
attempts, z = (x - mean) / SD, and said as a percentile, Phi(z) (a normal approximation).
The comparison is of true standings: with reliability rho (Cronbach's alpha of the part,
shortened by Spearman-Brown to the questions answered), z = sqrt(rho) tau + error, so
tau_hat = z / sqrt(rho) estimates the true standing tau with error variance (1 - rho) / rho.
The gap tau_hat_self - tau_hat_scenarios over its standard error is the test statistic; a
person whose self-view stands where their skill stands among takers has no gap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.domain.statistics.inference import NORMAL, two_sided_p
from quiz.domain.statistics.measurement import PartNorm, spearman_brown


@dataclass(frozen=True)
class Standing:
    self_percentile: float  # 0-100: the share of first attempts whose self-ratings are lower
    tested_percentile: float
    gap: float  # true-standing gap, self minus scenarios, in SDs of the norm group
    se: float

    @property
    def z(self) -> float:
        return self.gap / self.se

    @property
    def p(self) -> float:
        return two_sided_p(self.z)


def _part(score: float, answered: int, norm: PartNorm) -> tuple[float, float] | None:
    """(z, rho) of a sub-score, or None when the norm does not allow it."""
    if norm.alpha is None or not 0 < norm.alpha < 1 or norm.sd <= 0 or answered < 1:
        return None
    return (score - norm.mean) / norm.sd, spearman_brown(norm.alpha, answered / norm.items)


def standing(self_score: float, self_answered: int, self_norm: PartNorm,
             tested_score: float, tested_answered: int, tested_norm: PartNorm) -> Standing | None:
    rated, tested = _part(self_score, self_answered, self_norm), _part(tested_score, tested_answered, tested_norm)
    if rated is None or tested is None:
        return None
    (z_self, rho_self), (z_tested, rho_tested) = rated, tested
    return Standing(100 * NORMAL.cdf(z_self), 100 * NORMAL.cdf(z_tested),
                    z_self / math.sqrt(rho_self) - z_tested / math.sqrt(rho_tested),
                    math.sqrt((1 - rho_self) / rho_self + (1 - rho_tested) / rho_tested))


def pooled(standings: Sequence[Standing]) -> Standing | None:
    """Every area's gap pooled, each weighted by its precision: the general self-view against
    the general skill, tested before any one area is."""
    if not standings:
        return None
    precision = [1 / s.se ** 2 for s in standings]
    total = sum(precision)
    return Standing(sum(s.self_percentile for s in standings) / len(standings),
                    sum(s.tested_percentile for s in standings) / len(standings),
                    sum(w * s.gap for w, s in zip(precision, standings)) / total, 1 / math.sqrt(total))


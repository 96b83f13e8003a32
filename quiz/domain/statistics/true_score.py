"""Where a taker's true score probably is, given their observed score: the distribution the
report's band words and ranges are read from.

Lord's binomial-error model (`conditional_error`) says how an observed share x scatters around
the true share T: like x n successes in n trials, n the area's effective question count (divided
by the norm group's Keats factor once there is one, since real questions scatter less). Centring
the report's statements on x itself, as a flat-prior normal does, is wrong exactly where readers
look hardest: an observed 95 is more often a true 85 having a good day than a true 100 having a
bad one, so "very likely Strong" and a range around 95 are right far less often than they say.

The true score's distribution given x is the posterior of the beta-binomial model (Lord's
strong true-score model; Keats and Lord 1962): prior T ~ Beta(a, b), x n ~ Binomial(n, T), so
T | x ~ Beta(a + x n, b + (1 - x) n). Its mean is pulled from x towards the prior's mean by a
factor that falls as n grows, Kelley's regression towards the mean in binomial form, and it is
skewed at the ends of the scale, as the truth there is.

- With norms, the prior is the norm group's true-score distribution: mean mu and true variance
  alpha SD^2 (Cronbach's alpha of the area), by the method of moments. Kelley's estimate
  mu + alpha (x - mu) is its normal approximation.
- Before norms there is no population to pull towards, so the prior is Beta(PRIOR, PRIOR):
  as if PRIOR more questions had been answered right and PRIOR wrong, a pull towards the middle
  of the scale that is small against a whole area's answers and keeps a range at 0 and 100.

The overall score is read the same way, over the areas' trials together (`scoring`). Every chance here is the share of such takers whose true score lies there, so
"very likely" (at least 90 %) and the 95 % range are checked against simulated takers in
`benchmarks/measurement.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from quiz.domain.statistics.f_distribution import regularized_beta

RANGE = 0.95  # the report's range holds the middle 95 % of the belief
PRIOR = 6.0  # before norms: Beta(PRIOR, PRIOR), see the module docstring
_BISECTIONS = 60  # quantiles to within 2^-60 of the scale


@dataclass(frozen=True)
class BetaBelief:
    """The true share as Beta(a, b); every figure on the report's 0-100 scale."""
    a: float
    b: float

    @property
    def centre(self) -> float:
        return 100 * self.a / (self.a + self.b)

    @property
    def sd(self) -> float:
        total = self.a + self.b
        return 100 * math.sqrt(self.a * self.b / (total * total * (total + 1)))

    def below(self, score: float) -> float:
        """The chance the true score is below `score`."""
        return regularized_beta(min(1.0, max(0.0, score / 100)), self.a, self.b)

    def quantile(self, p: float) -> float:
        low, high = 0.0, 1.0
        for _ in range(_BISECTIONS):
            middle = (low + high) / 2
            low, high = (middle, high) if regularized_beta(middle, self.a, self.b) < p else (low, middle)
        return 100 * (low + high) / 2

    def chance(self, low: float, high: float) -> float:
        """The chance the true score lies in [low, high)."""
        return max(0.0, self.below(high) - self.below(low))

    @property
    def low(self) -> float:
        return self.quantile((1 - RANGE) / 2)

    @property
    def high(self) -> float:
        return self.quantile((1 + RANGE) / 2)


Belief = BetaBelief


def prior(mean: float | None = None, sd: float | None = None,
          reliability: float | None = None) -> tuple[float, float]:
    """Beta(a, b) with the norm group's true-score mean and variance (0-100 scale: mean, SD and
    alpha of the area), or Beta(PRIOR, PRIOR) when there is no usable norm group."""
    if mean is None or sd is None or reliability is None or not 0 < reliability < 1:
        return PRIOR, PRIOR
    mu, variance = mean / 100, reliability * (sd / 100) ** 2
    spread = mu * (1 - mu) / variance - 1 if variance else 0
    if not 0 < mu < 1 or spread <= 0:  # a true variance the beta cannot have: no pull
        return PRIOR, PRIOR
    return mu * spread, (1 - mu) * spread


def area_belief(share: float, count: float, prior_ab: tuple[float, float],
                keats_factor: float | None = None) -> BetaBelief:
    """The true share given an observed `share` (0..1) over `count` effective questions."""
    trials = count / (keats_factor or 1.0)
    a, b = prior_ab
    return BetaBelief(a + share * trials, b + (1 - share) * trials)

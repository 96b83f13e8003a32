"""Is a profile even? An equivalence test, not a failed test of difference: "no area differs
clearly" is no evidence of balance when every score is uncertain.

Two one-sided tests (Schuirmann's TOST) per area: the area's deviation from the person's own
mean, d_a = x_a - mean, is shown to lie within +-margin when both (d_a + margin) / SE(d_a) and
(margin - d_a) / SE(d_a) exceed the one-sided normal quantile. The profile is even when every
area passes (an intersection-union test: no correction for the number of areas is needed).
With independent errors, SE(d_a)^2 = SE_a^2 (1 - 2/k) + sum_b SE_b^2 / k^2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from quiz.domain.statistics.inference import NORMAL

EQUIVALENCE_ALPHA = 0.05


def deviation_errors(errors: Sequence[float]) -> list[float]:
    k = len(errors)
    shared = sum(se * se for se in errors) / k ** 2
    return [math.sqrt(se * se * (1 - 2 / k) + shared) for se in errors]


def within_margin(values: Sequence[float], errors: Sequence[float], margin: float,
                  alpha: float = EQUIVALENCE_ALPHA) -> bool:
    """Every value shown to lie within +-margin of the values' mean (TOST at `alpha` each)."""
    mean = sum(values) / len(values)
    critical = NORMAL.inv_cdf(1 - alpha)
    return all(margin - abs(value - mean) > critical * se
               for value, se in zip(values, deviation_errors(errors)))

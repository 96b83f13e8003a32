"""Quantiles of the F distribution, for Feldt's interval around Cronbach's alpha.

The standard library has the normal distribution but not F, so this is the textbook route:
the F distribution's CDF is a regularized incomplete beta function,
`P(F <= x) = I_y(d1/2, d2/2)` with `y = d1 x / (d1 x + d2)`, evaluated by its continued
fraction (modified Lentz method, as in Numerical Recipes, 6.4), and inverted by bisection.
"""

from __future__ import annotations

import math

_TINY = 1e-300  # keeps the continued fraction's denominators away from zero
_PRECISION = 1e-15
_MAX_TERMS = 10_000


def _beta_continued_fraction(a: float, b: float, y: float) -> float:
    c, d = 1.0, 1.0 - (a + b) * y / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_TERMS):
        for numerator in (m * (b - m) * y / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * y / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            result *= d * c
        if abs(d * c - 1.0) < _PRECISION:
            break
    return result


def regularized_beta(y: float, a: float, b: float) -> float:
    """I_y(a, b), the regularized incomplete beta function, for 0 <= y <= 1."""
    if y <= 0.0:
        return 0.0
    if y >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(y) + b * math.log1p(-y))
    # The continued fraction converges fast below the mean of the beta; above it, use symmetry.
    if y < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, y) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - y) / b


def f_quantile(p: float, d1: float, d2: float) -> float:
    """The value x with P(F(d1, d2) <= x) = p, for 0 < p < 1."""
    if not 0.0 < p < 1.0 or d1 <= 0 or d2 <= 0:
        raise ValueError("f_quantile needs 0 < p < 1 and positive degrees of freedom")
    low, high = 0.0, 1.0  # bisection on y, where the CDF is I_y(d1/2, d2/2)
    for _ in range(100):  # halves the bracket each time: far below float precision
        middle = (low + high) / 2
        if regularized_beta(middle, d1 / 2, d2 / 2) < p:
            low = middle
        else:
            high = middle
    y = (low + high) / 2
    return d2 * y / (d1 * (1.0 - y))

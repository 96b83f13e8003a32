"""Exact tests for the small samples of a class: Student's t quantile for a mean's interval,
and Fisher's exact test for "more low answers here than elsewhere"."""

from __future__ import annotations

import math

from quiz.domain.caches import memoized


def _two_sided(t: float, df: int) -> float:
    """P(|T| <= t) for Student's t with `df` degrees of freedom, exactly, from the finite
    series for whole df (Abramowitz & Stegun 26.7.3 and 26.7.4)."""
    theta = math.atan(t / math.sqrt(df))
    c2, s = math.cos(theta) ** 2, math.sin(theta)
    if df % 2:
        term, total = math.cos(theta), 0.0
        for j in range(1, (df - 1) // 2 + 1):
            total += term
            term *= c2 * (2 * j) / (2 * j + 1)
        return 2 / math.pi * (theta + s * total)
    term, total = 1.0, 0.0
    for j in range(1, df // 2 + 1):
        total += term
        term *= c2 * (2 * j - 1) / (2 * j)
    return s * total


@memoized(max_size=512)
def t_critical(df: int, confidence: float = 0.95) -> float:
    """The t value that leaves (1 - confidence) / 2 in each tail, found by bisection."""
    if df < 1:
        raise ValueError("t needs at least one degree of freedom")
    low, high = 0.0, 1000.0
    for _ in range(80):
        middle = (low + high) / 2
        low, high = (middle, high) if _two_sided(middle, df) < confidence else (low, middle)
    return (low + high) / 2


def fisher_more_low(group_low: int, group_n: int, rest_low: int, rest_n: int) -> float:
    """One-sided Fisher exact test: the chance, with the margins fixed, that the group would
    hold at least `group_low` of all the low answers if low answers fell on group and rest
    alike (hypergeometric upper tail)."""
    lows, total = group_low + rest_low, group_n + rest_n

    def log_choose(n: int, k: int) -> float:
        return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)

    whole = log_choose(total, group_n)
    tail = sum(math.exp(log_choose(lows, x) + log_choose(total - lows, group_n - x) - whole)
               for x in range(group_low, min(lows, group_n) + 1))
    return min(1.0, tail)

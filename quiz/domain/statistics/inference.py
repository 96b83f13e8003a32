"""Deciding from several noisy scores at once: p-values, error control across a report's
verdicts (Holm) and across a dashboard's questions (Benjamini-Hochberg), and the chance each
of several scores is the highest (the report's strongest and weakest area, from each area's
true-score distribution, `true_score`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

NORMAL = NormalDist()
FAMILY_ALPHA = 0.10  # at most this share of reports of people with no true gap or change get any flag


def two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def holm(p_values: Sequence[float], alpha: float = FAMILY_ALPHA) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected with the chance of any false
    rejection at most `alpha`, whatever the others' truth. The k-th smallest p-value (from 0)
    is compared with alpha / (m - k), stopping at the first that fails."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    rejected = [False] * len(p_values)
    for k, i in enumerate(order):
        if p_values[i] > alpha / (len(p_values) - k):
            break
        rejected[i] = True
    return rejected


def benjamini_hochberg(p_values: Sequence[float], q: float = FAMILY_ALPHA) -> list[bool]:
    """Benjamini-Hochberg: reject the k smallest p-values, k the largest with p_(k) <= k q / m;
    the expected share of false discoveries among the flags is at most q (and with no real
    difference anywhere, the chance of any flag is at most q)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    passed = [k for k, i in enumerate(order, start=1) if p_values[i] <= k * q / m]
    cutoff = max(passed, default=0)
    rejected = [False] * m
    for i in order[:cutoff]:
        rejected[i] = True
    return rejected


def chance_highest(values: Sequence[float], errors: Sequence[float], steps_per_error: int = 10) -> list[float]:
    """For each score, the chance its true value is the highest of all (independent normal
    errors): the integral of its density times every other's chance of lying below, on a grid
    of +-6 standard errors. The grid's step is a tenth of the smallest error, not of this
    score's own: another score known far better than this one has a chance of lying below that
    rises from 0 to 1 within its own few errors, and a coarser step misses it by up to 0.02."""
    finest = min(errors)
    chances = []
    for i, (value, se) in enumerate(zip(values, errors)):
        steps = math.ceil(12 * steps_per_error * se / finest)
        width = 12 * se / steps
        total = 0.0
        for step in range(steps):
            x = value - 6 * se + (step + 0.5) * width
            below = 1.0
            for j, (other, other_se) in enumerate(zip(values, errors)):
                if j != i:
                    below *= NORMAL.cdf((x - other) / other_se)
            total += NORMAL.pdf((x - value) / se) / se * below * width
        chances.append(total)
    return chances

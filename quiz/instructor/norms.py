"""Per-area norms for the report's classical standard error of measurement
(SEM = SD * sqrt(1 - alpha)), from the statistics last stored over first attempts.

AreaNorm is meant to be the same dataclass as the one in quiz/measurement.py (issue 11,
report side); the two are to be unified when both have landed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .snapshot import latest_areas


@dataclass(frozen=True)
class AreaNorm:
    area: str
    first_attempts: int  # finished first attempts with a score in the area
    sd: float  # of the 0-100 area score over those attempts
    alpha: float | None  # Cronbach's alpha of the area's active questions (pairwise)
    items: int  # active questions alpha covers (for Spearman-Brown on partly answered areas)


def area_norms() -> dict[str, AreaNorm]:
    """Area key -> norm, from the stored statistics (one small query, nothing recomputed).
    Areas whose SD is not defined yet are left out; empty before the statistics were first
    computed. The caller decides how many first attempts it needs (issue 11: 100)."""
    return {a.area: AreaNorm(a.area, a.first_attempts, a.sd, a.alpha, a.items)
            for a in latest_areas() if a.sd is not None}

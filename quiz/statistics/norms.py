"""Per-area norms for the report's classical standard error of measurement
(SEM = SD * sqrt(1 - alpha)), from the statistics last stored over first attempts."""

from __future__ import annotations

from collections.abc import Iterable

from .items import AreaStats
from .measurement import AreaNorm


def area_norms(areas: Iterable[AreaStats]) -> dict[str, AreaNorm]:
    """Area key -> norm, from the stored per-area statistics (`stored_statistics.latest_areas`).
    Areas whose SD is not defined yet are left out; empty before the statistics were first
    computed. The measurement model decides how many first attempts it needs."""
    return {a.area: AreaNorm(a.area, a.first_attempts, a.sd, a.alpha, a.items)
            for a in areas if a.sd is not None}

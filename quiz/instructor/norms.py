"""Per-area norms for the report (the conditional error's Keats factor, the reliable change
index, the self-view standing), from the statistics last stored over first attempts."""

from __future__ import annotations

from ..measurement import AreaNorm
from .snapshot import latest_areas


def area_norms() -> dict[str, AreaNorm]:
    """Area key -> norm, from the stored statistics (one small query, nothing recomputed).
    Areas whose SD is not defined yet are left out; empty before the statistics were first
    computed. The measurement model decides how many first attempts it needs."""
    return {a.area: norm for a in latest_areas() if (norm := a.norm()) is not None}

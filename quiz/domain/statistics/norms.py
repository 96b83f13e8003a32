"""Per-area norms for the report (the conditional error's Keats factor, the reliable change
index, the self-view standing), from the statistics last stored over first attempts."""

from __future__ import annotations

from collections.abc import Iterable

from quiz.domain.statistics.items import AreaStats
from quiz.domain.statistics.measurement import AreaNorm, PartNorm


def _part(figures: dict | None) -> PartNorm | None:
    return None if figures is None or figures["sd"] is None else PartNorm(**figures)


def area_norm(area: AreaStats) -> AreaNorm | None:
    """The figures a report needs from one area's norm group; None while its SD is not defined."""
    if area.sd is None:
        return None
    return AreaNorm(area.area, area.first_attempts, area.sd, area.alpha, area.items, area.mean,
                    _part(area.self_view), _part(area.tested))


def area_norms(areas: Iterable[AreaStats]) -> dict[str, AreaNorm]:
    """Area key -> norm, from the stored per-area statistics (`stored_statistics.latest_areas`).
    Areas whose SD is not defined yet are left out; empty before the statistics were first
    computed. The measurement model decides how many first attempts it needs."""
    return {a.area: norm for a in areas if (norm := area_norm(a)) is not None}

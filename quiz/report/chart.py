"""Geometry of the report's horizontal bar chart; the template draws it as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass

from ..scoring import Report

LABEL_WIDTH = 190
BAR_AREA = 380
ROW_HEIGHT = 38
BAR_HEIGHT = 22
TOP = 12


@dataclass(frozen=True)
class Bar:
    title: str
    score: float | None
    band_key: str
    y: int
    width: float
    label_x: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int
    ticks: tuple[tuple[int, float], ...]  # (score, x)
    description: str


def bar_chart(report: Report) -> BarChart:
    bars = []
    for index, area in enumerate(report.areas):
        width = BAR_AREA * (area.score or 0) / 100
        bars.append(Bar(
            title=area.area.title, score=area.score,
            band_key=area.band.key if area.band else "none",
            y=TOP + index * ROW_HEIGHT, width=width,
            label_x=LABEL_WIDTH + width + 6,
        ))
    described = "; ".join(
        f"{b.title} {b.score:.0f}" if b.score is not None else f"{b.title} not answered" for b in bars)
    return BarChart(
        bars=tuple(bars), width=LABEL_WIDTH + BAR_AREA + 60,
        height=TOP * 2 + len(bars) * ROW_HEIGHT + 14, label_width=LABEL_WIDTH,
        bar_area=BAR_AREA, bar_height=BAR_HEIGHT,
        ticks=tuple((s, LABEL_WIDTH + BAR_AREA * s / 100) for s in (0, 25, 50, 75, 100)),
        description=f"Scores out of 100 by area: {described}.",
    )

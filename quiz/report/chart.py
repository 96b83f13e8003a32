"""Geometry of the report's horizontal bar chart; the template draws it as inline SVG.

Each bar carries a whisker for its 95 % interval, and on a retake a thin bar for the
previous attempt's score."""

from __future__ import annotations

from dataclasses import dataclass

from ..scoring import AreaResult, Report

LABEL_WIDTH = 190
BAR_AREA = 380
ROW_HEIGHT = 44
BAR_HEIGHT = 22
PREVIOUS_HEIGHT = 6  # the previous attempt's thin bar, just under the current one
TOP = 12


@dataclass(frozen=True)
class Bar:
    title: str
    score: float | None
    band_key: str
    y: int
    width: float
    label_x: float
    low_x: float | None  # the 95 % interval's ends
    high_x: float | None
    previous_width: float | None  # the previous attempt's score, on a retake

    @property
    def middle(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int
    previous_height: int
    ticks: tuple[tuple[int, float], ...]  # (score, x)
    description: str


def _x(score: float) -> float:
    return LABEL_WIDTH + BAR_AREA * score / 100


def _described(area: AreaResult, previous: Report | None) -> str:
    text = (f"{area.area.title} {area.score:.0f} ({area.estimate.words()})" if area.estimate
            else f"{area.area.title}: not enough answers to score")
    before = previous.area(area.area.key).score if previous else None
    return text if before is None else f"{text}, previous attempt {before:.0f}"


def bar_chart(report: Report, previous: Report | None = None) -> BarChart:
    bars = []
    for index, area in enumerate(report.areas):
        width = BAR_AREA * (area.score or 0) / 100
        estimate = area.estimate
        before = previous.area(area.area.key).score if previous else None
        bars.append(Bar(
            title=area.area.title, score=area.score,
            band_key=area.band.key if area.band else "none",
            y=TOP + index * ROW_HEIGHT, width=width,
            label_x=_x(estimate.high) + 6 if estimate else LABEL_WIDTH + 6,
            low_x=_x(estimate.low) if estimate else None,
            high_x=_x(estimate.high) if estimate else None,
            previous_width=None if before is None else BAR_AREA * before / 100,
        ))
    described = "; ".join(_described(area, previous) for area in report.areas)
    return BarChart(
        bars=tuple(bars), width=LABEL_WIDTH + BAR_AREA + 60,
        height=TOP * 2 + len(bars) * ROW_HEIGHT + 14, label_width=LABEL_WIDTH,
        bar_area=BAR_AREA, bar_height=BAR_HEIGHT, previous_height=PREVIOUS_HEIGHT,
        ticks=tuple((s, _x(s)) for s in (0, 25, 50, 75, 100)),
        description=f"Scores out of 100 by area, with the range each score is likely in: {described}.",
    )

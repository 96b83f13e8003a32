"""Geometry of the report's horizontal bar chart; the template draws it as inline SVG.

Each bar carries a whisker for its 95 % interval, and on a retake a thin bar for the
previous attempt's score. The SVG has no viewBox: across, everything is placed in percent of
the chart's width, down in CSS px, so the chart fills any screen while its text keeps the
page's size (a viewBox would scale the text down with the drawing, to 6 px on a phone). Each
area's title and score sit on a line of their own above its bar, which spans the full width."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.scoring import AreaResult, Report

TITLE_HEIGHT = 20  # the line with the area's title and score
BAR_HEIGHT = 22
PREVIOUS_HEIGHT = 6  # the previous attempt's thin bar, just under the current one
ROW_GAP = 10
AXIS_HEIGHT = 20  # the tick labels under the last bar


@dataclass(frozen=True)
class Bar:
    title: str
    score: float | None
    band_key: str
    title_y: int  # the baseline of the title line
    y: int  # the bar's top
    width: float  # percent of the chart's width, like the three below
    low: float | None  # the 95 % interval's ends
    high: float | None
    previous: float | None  # the previous attempt's score, on a retake

    @property
    def middle(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class Tick:
    score: int
    anchor: str  # the end labels stay inside the chart


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: int
    bar_height: int
    previous_height: int
    ticks: tuple[Tick, ...]
    description: str


def _described(area: AreaResult, previous: Report | None) -> str:
    text = (f"{area.area.title} {area.score:.0f} ({area.estimate.words()})" if area.estimate
            else f"{area.area.title}: not enough answers to score")
    before = previous.area(area.area.key).score if previous else None
    return text if before is None else f"{text}, previous attempt {before:.0f}"


def bar_chart(report: Report, previous: Report | None = None) -> BarChart:
    row_height = TITLE_HEIGHT + BAR_HEIGHT + (PREVIOUS_HEIGHT + 2 if previous else 0) + ROW_GAP
    bars = []
    for index, area in enumerate(report.areas):
        top = index * row_height
        estimate = area.estimate
        before = previous.area(area.area.key).score if previous else None
        bars.append(Bar(
            title=area.area.title, score=area.score,
            band_key=area.band.key if area.band else "none",
            title_y=top + TITLE_HEIGHT - 6, y=top + TITLE_HEIGHT, width=area.score or 0,
            low=estimate.low if estimate else None, high=estimate.high if estimate else None,
            previous=before,
        ))
    described = "; ".join(_described(area, previous) for area in report.areas)
    return BarChart(
        bars=tuple(bars), height=len(bars) * row_height + AXIS_HEIGHT,
        bar_height=BAR_HEIGHT, previous_height=PREVIOUS_HEIGHT,
        ticks=tuple(Tick(s, {0: "start", 100: "end"}.get(s, "middle")) for s in (0, 25, 50, 75, 100)),
        description=f"Scores out of 100 by area, with the range each score is likely in: {described}.",
    )

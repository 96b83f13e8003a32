"""Geometry of the report's horizontal bar chart; the template draws it as inline SVG.

One bar per area, coloured by its most likely level, with thin lines where the levels begin;
on a retake a thin grey bar under it for the previous attempt. No ranges: the chart is the
picture a beginner reads at a glance, and the figures are in the "How sure is this?" box.
The SVG has no viewBox: across, everything is placed in percent of the chart's width, down in
CSS px, so the chart fills any screen while its text keeps the page's size. Each area's title
sits on a line above its bar with its score and level at the line's end, unless the two would
not fit side by side on a 320 px phone: then the score and level get a line of their own."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.first_screen import Level
from quiz.domain.scoring import BANDS, Report

LINE_HEIGHT = 20  # a line of text above the bar
BAR_HEIGHT = 18
PREVIOUS_HEIGHT = 6  # the previous attempt's thin bar, just under the current one
ROW_GAP = 10
# Characters of title and value that fit side by side on one line of a 320 px phone (288 px of
# chart at the chart's 14.4 px text, with room between them); the browser test checks the boxes.
SIDE_BY_SIDE = 30


@dataclass(frozen=True)
class Bar:
    title: str
    value: str  # the score and level, or that there are too few answers
    value_beside: bool  # on the title's line, at its end; else on a line of its own
    score: float | None
    band_key: str
    title_y: int  # baselines
    value_y: int
    y: int  # the bar's top
    width: float  # percent of the chart's width
    previous: float | None  # the previous attempt's score, on a retake


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: int
    bar_height: int
    previous_height: int
    floors: tuple[float, ...]  # where each level above the first begins


def bar_chart(report: Report, levels: dict[str, Level], previous: Report | None = None) -> BarChart:
    bars, top = [], 0
    for area in report.areas:
        found = levels.get(area.area.key)
        value = f"{area.score:.0f} {found.band.label}" if found else "too few answers"
        beside = len(area.area.title) + len(value) <= SIDE_BY_SIDE
        title_y = top + LINE_HEIGHT - 6
        value_y = title_y if beside else title_y + LINE_HEIGHT
        bar_top = value_y + 6
        before = previous.area(area.area.key).score if previous else None
        bars.append(Bar(area.area.title, value, beside, area.score, found.band.key if found else "none",
                        title_y, value_y, bar_top, area.score or 0, before))
        top = bar_top + BAR_HEIGHT + (PREVIOUS_HEIGHT + 2 if before is not None else 0) + ROW_GAP
    return BarChart(tuple(bars), top, BAR_HEIGHT, PREVIOUS_HEIGHT, tuple(b.floor for b in BANDS[1:]))

"""Geometry of the report's horizontal bar chart; the template draws it as inline SVG.

One bar per area, its score at the end of the title line, coloured by the level the score falls
in, with thin lines where the levels begin; on a retake a thin grey bar under it for the previous
attempt. No ranges and no hedged level words: the chart is the picture a beginner reads at a
glance, and how sure each level is sits in the report's words and its "How sure is this?" box.
The SVG has no viewBox: across, everything is placed in percent of the chart's width, down in
CSS px, so the chart fills any screen while its text keeps the page's size. A title and a score
fit side by side on a 320 px phone (tests/browser/test_report_first_screen.py compares the boxes)."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.scoring import BANDS, Report, band_for

LINE_HEIGHT = 20  # the line with the area's title and score
BAR_HEIGHT = 18
PREVIOUS_HEIGHT = 6  # the previous attempt's thin bar, just under the current one
ROW_GAP = 10


@dataclass(frozen=True)
class Bar:
    title: str
    value: str  # the score, or a dash while the area has too few answers
    score: float | None
    band_key: str  # the level the score falls in, for the bar's colour
    title_y: int  # the title line's baseline
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


def bar_chart(report: Report, previous: Report | None = None) -> BarChart:
    row_height = LINE_HEIGHT + BAR_HEIGHT + (PREVIOUS_HEIGHT + 2 if previous else 0) + ROW_GAP
    bars = []
    for index, area in enumerate(report.areas):
        top = index * row_height
        scored = area.score is not None
        bars.append(Bar(area.area.title, f"{area.score:.0f}" if scored else "-", area.score,
                        band_for(area.score).key if scored else "none", top + LINE_HEIGHT - 6,
                        top + LINE_HEIGHT, area.score or 0,
                        previous.area(area.area.key).score if previous else None))
    return BarChart(tuple(bars), len(bars) * row_height, BAR_HEIGHT, PREVIOUS_HEIGHT,
                    tuple(b.floor for b in BANDS[1:]))

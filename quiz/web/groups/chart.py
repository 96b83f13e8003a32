"""Geometry of a group's strip plots, one per area: each finished taker a dot on the 0-100
scale, the group mean as a line and its 95 % interval as a band. Templates draw it as SVG.

The SVG has no viewBox: across, everything is placed in percent of the plot's width, down in
CSS px, so the plot fills any screen while its labels keep the page's text size (a viewBox
would scale them down with the drawing, to 6 px on a phone). The band labels take two rows, so
that neighbours never overlap on a narrow screen."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain.results.groups import AreaSummary
from quiz.domain.scoring import BANDS

LEFT = 5  # percent of the width: room for half of the "0" and "100" labels on a phone
PLOT_WIDTH = 100 - 2 * LEFT
LABEL_ROW = 14  # CSS px per row of band labels, two rows above the plot
MIDDLE = 2 * LABEL_ROW + 28
HEIGHT = MIDDLE + 56
JITTER_STEP = 3.5  # dots at close scores are spread over nine rows so each stays visible


@dataclass(frozen=True)
class Dot:
    x: float
    y: float


@dataclass(frozen=True)
class BandLine:
    label: str
    x: float  # where the band begins
    label_y: int  # the label's baseline: the rows alternate


@dataclass(frozen=True)
class StripPlot:
    area_key: str
    title: str
    dots: tuple[Dot, ...]
    mean_x: float | None
    interval_x: tuple[float, float] | None
    band_lines: tuple[BandLine, ...]  # the bands above the lowest
    ticks: tuple[tuple[int, float], ...]
    description: str
    height: int = HEIGHT
    middle: int = MIDDLE


def x_of(score: float) -> float:
    return round(LEFT + PLOT_WIDTH * score / 100, 1)


def strip_plot(summary: AreaSummary) -> StripPlot:
    dots = tuple(Dot(x_of(s), MIDDLE + ((i * 7) % 9 - 4) * JITTER_STEP)
                 for i, s in enumerate(summary.scores))
    interval = summary.interval
    if interval is None:
        description = f"{summary.area.title}: no finished taker answered this area."
    else:
        description = (f"{summary.area.title}: {len(summary.scores)} takers, scores from "
                       f"{summary.scores[0]:.0f} to {summary.scores[-1]:.0f}; group mean "
                       f"{interval.mean:.0f} (95 % interval {interval.low:.0f} to {interval.high:.0f}).")
    return StripPlot(
        area_key=summary.area.key, title=summary.area.title, dots=dots,
        mean_x=x_of(interval.mean) if interval else None,
        interval_x=(x_of(interval.low), x_of(interval.high)) if interval else None,
        band_lines=tuple(BandLine(b.label, x_of(b.floor), LABEL_ROW * (1 + i % 2) - 3)
                         for i, b in enumerate(b for b in BANDS if b.floor > 0)),
        ticks=tuple((s, x_of(s)) for s in (0, 25, 50, 75, 100)),
        description=description,
    )

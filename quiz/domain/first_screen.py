"""What the report's first phone screen says: where the taker stands overall, their strongest
and weakest area when the answers show them, and the one thing to do first.

The figures come from the scoring engine's report (each area's true-score belief, its next
steps); the words from `report_text`. Pure Python, like both.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.domain import report_text as text
from quiz.domain.scoring import BANDS, Band, Report, StepAdvice
from quiz.domain.statistics.inference import chance_highest
from quiz.domain.statistics.true_score import Belief


@dataclass(frozen=True)
class Level:
    """A belief read against the bands: the most likely band, its chance and the runner-up."""
    band: Band
    chance: float
    second: Band

    @property
    def words(self) -> str:
        return text.level(self.band.label, self.chance, self.second.label,
                          BANDS.index(self.second) > BANDS.index(self.band))


def level(belief: Belief) -> Level:
    edges = [0.0, *(b.floor for b in BANDS[1:]), 100.0 + 1e-9]
    chances = sorted(((belief.chance(low, high), band) for band, low, high in zip(BANDS, edges, edges[1:])),
                     key=lambda pair: -pair[0])
    (chance, best), (_, second) = chances[:2]
    return Level(best, chance, second)


def standouts(report: Report, sign: float) -> list[str]:
    """The strongest (sign 1) or weakest (sign -1) area's title, alone when it is that with a
    chance of at least VERY_LIKELY, as one of two when the pair is; none otherwise."""
    scored = [a for a in report.areas if a.belief is not None]
    if len(scored) < 3:  # with two areas, "strongest" and "weakest" say nothing the chart does not
        return []
    chances = chance_highest([sign * a.belief.centre for a in scored], [a.belief.sd for a in scored])
    ranked = sorted(zip(chances, (a.area.title for a in scored)), key=lambda pair: -pair[0])
    (first, a), (second, b) = ranked[:2]
    if first >= text.VERY_LIKELY:
        return [a]
    return [a, b] if first + second >= text.VERY_LIKELY else []


@dataclass(frozen=True)
class FirstScreen:
    overall: str  # where the taker stands, in one sentence
    standouts: str  # strongest and weakest, or that the areas are close
    first_step: StepAdvice | None
    overall_level: Level | None

    @property
    def headline(self) -> str:
        return f"{self.overall} {self.standouts}".strip()


def first_screen(report: Report) -> FirstScreen:
    if report.overall_belief is None:
        missing = [a.area.title for a in report.areas if a.belief is None and a.total]
        return FirstScreen(text.no_overall_sentence(missing), "", next(iter(report.next_steps), None), None)
    overall = level(report.overall_belief)
    scored = sum(a.belief is not None for a in report.areas)
    return FirstScreen(
        text.overall_sentence(overall.words),
        text.standouts_sentence(standouts(report, 1), standouts(report, -1), scored),
        next(iter(report.next_steps), None),
        overall,
    )

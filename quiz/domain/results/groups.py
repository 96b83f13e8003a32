"""Where a group stands, from its stored results: counts, each area's spread with the mean's
95 % interval, what to teach next, each question's facility against everyone's, and retakes.

A taker who retook the quiz in the group counts once, with their latest finished attempt
(`latest`), everywhere but in the retake figures.

Pure Python, no Flask and no database, so every figure can be checked by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quiz.domain.bank.plain import Area, Bank, NextStep
from quiz.domain.question_types.question import Question
from quiz.domain.scoring import BANDS, Band, band_for
from quiz.domain.statistics.inference import benjamini_hochberg
from quiz.domain.statistics.measurement import Z95, Change, Estimate
from quiz.domain.statistics.small_samples import fisher_more_low, t_critical

MAX_TEACHING_STEPS = 5


@dataclass(frozen=True)
class Interval:
    """A mean with its 95 % confidence interval (t-based); low = high = mean when n = 1."""

    mean: float
    low: float
    high: float
    n: int


def interval(n: int, mean: float, sd: float, bounds: tuple[float, float]) -> Interval:
    """mean +- t(n-1) * sd / sqrt(n), kept within the scale's bounds."""
    if n < 2:
        return Interval(mean, mean, mean, n)
    half = t_critical(n - 1) * sd / math.sqrt(n)
    return Interval(mean, max(bounds[0], mean - half), min(bounds[1], mean + half), n)


def mean_interval(values: Sequence[float], bounds: tuple[float, float] = (0, 100)) -> Interval | None:
    if not values:
        return None
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return interval(n, mean, sd, bounds)


# --- the inputs --------------------------------------------------------------------------

@dataclass(frozen=True)
class GroupAttempt:
    """One attempt in the group, with its stored result once finished."""

    attempt_id: int
    display_name: str | None
    finished: bool
    previous_id: int | None = None
    area_scores: Mapping[str, float | None] | None = None
    next_steps: Mapping[str, float] | None = None  # step id -> area points it would add
    area_errors: Mapping[str, float] | None = None  # area key -> the score's standard error

    def estimate(self, area_key: str) -> Estimate | None:
        score = (self.area_scores or {}).get(area_key)
        error = (self.area_errors or {}).get(area_key)
        return None if score is None or error is None else Estimate(score, error)


@dataclass(frozen=True)
class ItemTally:
    """One question over a set of finished attempts: how many answered it, the mean and the
    mean square of the share of its points they earned, and how many answered it low."""

    question_id: str
    answered: int
    mean: float
    mean_square: float
    low: int

    def without(self, part: ItemTally | None) -> ItemTally:
        """These answers less a subset of them (the sums subtract)."""
        if part is None or not part.answered:
            return self
        n = self.answered - part.answered
        if n <= 0:
            return ItemTally(self.question_id, 0, 0.0, 0.0, 0)
        return ItemTally(self.question_id, n, (self.mean * self.answered - part.mean * part.answered) / n,
                         (self.mean_square * self.answered - part.mean_square * part.answered) / n,
                         self.low - part.low)

    def interval(self) -> Interval:
        n = self.answered
        variance = max(0.0, self.mean_square - self.mean ** 2) * n / (n - 1) if n > 1 else 0.0
        return interval(n, self.mean, math.sqrt(variance), (0.0, 1.0))


def latest(attempts: Sequence[GroupAttempt]) -> list[GroupAttempt]:
    """Each taker's latest finished attempt: the finished ones no finished retake replaced."""
    finished = [a for a in attempts if a.finished]
    replaced = {a.previous_id for a in finished}
    return [a for a in finished if a.attempt_id not in replaced]


# --- counts ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Counts:
    started: int  # attempts
    finished: int
    in_progress: int
    takers: int  # finished takers, each counted once however often they retook the quiz
    finished_names: tuple[str, ...]  # of those takers
    in_progress_names: tuple[str, ...]  # of the attempts in progress


def counts(attempts: Sequence[GroupAttempt]) -> Counts:
    finished = sum(a.finished for a in attempts)
    takers = latest(attempts)
    return Counts(len(attempts), finished, len(attempts) - finished, len(takers),
                  tuple(sorted(a.display_name for a in takers if a.display_name)),
                  tuple(sorted(a.display_name for a in attempts if not a.finished and a.display_name)))


# --- per area ----------------------------------------------------------------------------

@dataclass(frozen=True)
class AreaSummary:
    area: Area
    scores: tuple[float, ...]  # one per finished taker who answered in the area, ascending
    interval: Interval | None
    bands: tuple[tuple[Band, int], ...]  # every band, with how many takers are in it


def area_summaries(areas: Sequence[Area], takers: Sequence[GroupAttempt]) -> tuple[AreaSummary, ...]:
    """`takers`: each taker's latest finished attempt."""
    summaries = []
    for area in areas:
        scores = sorted(s for t in takers if (s := (t.area_scores or {}).get(area.key)) is not None)
        in_band = [band_for(s).key for s in scores]
        summaries.append(AreaSummary(area, tuple(scores), mean_interval(scores),
                                     tuple((b, in_band.count(b.key)) for b in BANDS)))
    return tuple(summaries)


# --- what to teach next ------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionLow:
    question: Question
    low: int  # finished takers who answered it below half its points
    share: float  # of the group's finished takers


@dataclass(frozen=True)
class TeachingStep:
    step: NextStep
    area: Area  # the step's area, whose score `mean_gain` is in
    takers: int  # finished takers whose report gave this step
    share: float  # of the group's finished takers
    mean_gain: float  # area-score points it would add, on average over those takers
    questions: tuple[QuestionLow, ...]


def teach_next(bank: Bank, takers: Sequence[GroupAttempt], group_items: Mapping[str, ItemTally],
               limit: int = MAX_TEACHING_STEPS) -> tuple[TeachingStep, ...]:
    """The next steps the group's reports gave most often, ranked by how many takers each
    would move (share of the group), then by how far it would move them on average.
    `takers`: each taker's latest finished attempt; `group_items`: over the same attempts."""
    finished = list(takers)
    gains: dict[str, list[float]] = {}
    for taker in finished:
        for step_id, gain in (taker.next_steps or {}).items():
            gains.setdefault(step_id, []).append(gain)
    steps = []
    for step_id, gained in gains.items():
        step = bank.next_step(step_id)
        if step is None:  # removed from the catalog since
            continue
        questions = tuple(
            QuestionLow(q, low, low / len(finished))
            for q in bank.questions if q.next_step == step_id
            for low in [group_items[q.id].low if q.id in group_items else 0])
        steps.append(TeachingStep(step, bank.area(step.area), len(gained), len(gained) / len(finished),
                                  sum(gained) / len(gained),
                                  tuple(sorted(questions, key=lambda ql: -ql.low))))
    steps.sort(key=lambda s: (-s.takers, -s.mean_gain, s.step.id))
    return tuple(steps[:limit])


# --- per question --------------------------------------------------------------------------

# A question is flagged only when at least this many of the group answered it: below that no
# test has the power to call anything, and a flag would single out a few people.
MIN_GROUP_FOR_FLAGS = 10


@dataclass(frozen=True)
class ItemComparison:
    question: Question
    group: Interval  # the group's facility (0..1) with its 95 % interval
    population: float  # facility over the rest: first attempts outside the group
    population_n: int
    p: float = 1.0  # Fisher's one-sided p that the group answers it low more often than the rest
    clearly_lower: bool = False  # decided across the dashboard's questions (Benjamini-Hochberg)


def item_comparisons(bank: Bank, group_items: Mapping[str, ItemTally],
                     rest_items: Mapping[str, ItemTally]) -> tuple[ItemComparison, ...]:
    """Every question the group answered, in bank order, against the rest of the population.
    "Clearly lower": more of the group answered it below half its points than of the rest,
    by Fisher's exact test, with the false discovery rate across the questions at 10 %."""
    pairs = [(q, group_items[q.id], rest_items[q.id]) for q in bank.questions
             if q.id in group_items and q.id in rest_items and rest_items[q.id].answered]
    p_values = [fisher_more_low(g.low, g.answered, r.low, r.answered) for _, g, r in pairs]
    testable = [i for i, (_, g, _) in enumerate(pairs) if g.answered >= MIN_GROUP_FOR_FLAGS]
    flagged = set()
    for i, flag in zip(testable, benjamini_hochberg([p_values[i] for i in testable])):
        if flag:
            flagged.add(i)
    return tuple(ItemComparison(q, g.interval(), r.mean, r.answered, p_values[i], i in flagged)
                 for i, (q, g, r) in enumerate(pairs))


# --- retakes -----------------------------------------------------------------------------

# Each retake's area change is judged on its own by a Wald test of the difference of the two
# stored scores, each with its stored standard error (`measurement.Change`), at 95 %.
CHANGE_METHOD = ("a test of each change against the two scores' measurement error (95 %): a change "
                 "counts only when it is larger than that error explains")


def change(before: Estimate, after: Estimate) -> str:
    z = Change(before, after).z
    return "improved" if z > Z95 else "declined" if z < -Z95 else "within_error"


@dataclass(frozen=True)
class RetakeSummary:
    area: Area
    retakes: int
    improved: int  # reliably
    within_error: int
    declined: int  # reliably
    mean_delta: float | None


def retakes(areas: Sequence[Area], attempts: Sequence[GroupAttempt]) -> tuple[RetakeSummary, ...]:
    """Per area, over finished retakes whose earlier attempt was also finished in this group."""
    finished = {a.attempt_id: a for a in attempts if a.finished}
    pairs = [(finished[t.previous_id], t) for t in finished.values() if t.previous_id in finished]
    summaries = []
    for area in areas:
        changes = [(b, a) for before, after in pairs
                   if (b := before.estimate(area.key)) and (a := after.estimate(area.key))]
        verdicts = [change(b, a) for b, a in changes]
        summaries.append(RetakeSummary(
            area, len(changes), verdicts.count("improved"), verdicts.count("within_error"),
            verdicts.count("declined"),
            sum(a.value - b.value for b, a in changes) / len(changes) if changes else None))
    return tuple(summaries)

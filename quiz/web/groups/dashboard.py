"""A group's dashboard: its attempts and stored results read in a fixed number of queries,
handed to the pure aggregates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from quiz.domain.caches import LRUCache
from quiz.domain.results import groups as aggregates
from quiz.domain.scoring import LOW
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import results as finished_results
from quiz.web.groups.chart import StripPlot, strip_plot


@dataclass(frozen=True)
class TakerRow:
    """One taker's latest finished attempt, for the teacher's per-taker table."""

    attempt_id: int
    display_name: str | None
    finished_at: datetime  # UTC
    area_scores: Mapping[str, float | None]
    overall: float | None


@dataclass(frozen=True)
class Dashboard:
    group: models.Group
    counts: aggregates.Counts
    min_finished: int
    # Everything below stays empty until at least `min_finished` takers have finished (each
    # counted once, however often they retook it), so no single taker can be picked out.
    areas: tuple[aggregates.AreaSummary, ...] = ()
    plots: tuple[StripPlot, ...] = ()
    teaching: tuple[aggregates.TeachingStep, ...] = ()
    items: tuple[aggregates.ItemComparison, ...] = ()
    retakes: tuple[aggregates.RetakeSummary, ...] = ()
    takers: tuple[TakerRow, ...] = ()

    @property
    def shows_distribution(self) -> bool:
        return self.counts.takers >= self.min_finished

    @property
    def flagged(self) -> list[aggregates.ItemComparison]:
        return [i for i in self.items if i.clearly_lower]

    @property
    def unflagged(self) -> list[aggregates.ItemComparison]:
        return [i for i in self.items if not i.clearly_lower]


def group_attempts(group_id: int) -> list[aggregates.GroupAttempt]:
    """Every attempt in the group with its stored result, in one query."""
    rows = db.session.execute(
        select(models.Attempt.id, models.Attempt.display_name, models.Attempt.finished_at,
               models.Attempt.previous_id, models.AttemptResult.area_scores,
               models.AttemptResult.area_errors, models.AttemptResult.next_steps)
        .outerjoin(models.AttemptResult)
        .where(models.Attempt.group_id == group_id)
        .order_by(models.Attempt.id))
    return [aggregates.GroupAttempt(attempt_id, name, finished_at is not None, previous_id, scores, steps,
                                    errors)
            for attempt_id, name, finished_at, previous_id, scores, errors, steps in rows]


def taker_rows(group_id: int) -> tuple[TakerRow, ...]:
    """Each taker's latest finished attempt with its stored scores, oldest first, in one query."""
    rows = db.session.execute(
        select(models.Attempt.id, models.Attempt.display_name, models.Attempt.finished_at,
               models.AttemptResult.area_scores, models.AttemptResult.overall)
        .join(models.AttemptResult).where(latest_in_group(group_id))
        .order_by(models.Attempt.finished_at, models.Attempt.id))
    return tuple(TakerRow(*row) for row in rows)


def latest_in_group(group_id: int):
    """A condition on Attempt: each taker's latest finished attempt in the group (as
    `aggregates.latest`), for queries that aggregate in the database."""
    retake = aliased(models.Attempt)
    replaced = select(retake.previous_id).where(retake.group_id == group_id, retake.finished_at.is_not(None),
                                                retake.previous_id.is_not(None))
    return and_(models.Attempt.group_id == group_id, models.Attempt.finished_at.is_not(None),
                models.Attempt.id.not_in(replaced))


# Per-question tallies change only when an attempt is finished (a finished attempt never
# changes), so each process keeps them under a key that changes exactly then: for a group,
# the ids of its takers' latest attempts; for everyone, how many results are stored and the
# newest. The largest cost of a dashboard otherwise, growing with every attempt ever taken.
_tallies: LRUCache[tuple, Mapping[str, aggregates.ItemTally]] = LRUCache(max_size=128)


def _cached(key: tuple, compute: Callable[[], Mapping[str, aggregates.ItemTally]]):
    return _tallies.get_or_compute((str(db.engine.url), *key), compute)


def group_tallies(group_id: int, takers: list[aggregates.GroupAttempt]) -> Mapping[str, aggregates.ItemTally]:
    return _cached(("group", group_id, tuple(sorted(t.attempt_id for t in takers))),
                   lambda: item_tallies(latest_in_group(group_id)))


def _first_attempts():
    return (models.Attempt.finished_at.is_not(None), models.Attempt.previous_id.is_(None))


def rest_tallies(group_id: int) -> Mapping[str, aggregates.ItemTally]:
    """Per question over the first attempts of everyone outside the group: everyone's first
    attempts (kept per process until a result is stored) less the group's own."""
    stored = db.session.execute(select(func.count(), func.max(models.AttemptResult.attempt_id))).one()
    everyone = _cached(("first attempts", *stored), lambda: item_tallies(*_first_attempts()))
    own = item_tallies(*_first_attempts(), models.Attempt.group_id == group_id)
    return {qid: tally.without(own.get(qid)) for qid, tally in everyone.items()}


def item_tallies(*conditions) -> Mapping[str, aggregates.ItemTally]:
    """Per question over the finished attempts that meet `conditions`, in one query."""
    fraction = models.AttemptItem.fraction
    query = (select(models.AttemptItem.question_id, func.count(), func.avg(fraction),
                    func.avg(fraction * fraction), func.sum(case((fraction < LOW, 1), else_=0)))
             .join(models.Attempt).where(*conditions)
             .group_by(models.AttemptItem.question_id))
    return {qid: aggregates.ItemTally(qid, n, float(mean), float(square), int(low))
            for qid, n, mean, square, low in db.session.execute(query)}


def dashboard(group: models.Group, min_finished: int) -> Dashboard:
    finished_results.record_missing()
    attempts = group_attempts(group.id)
    counts = aggregates.counts(attempts)
    if counts.takers < min_finished:
        return Dashboard(group, counts, min_finished)
    bank = bank_store.current_bank(include_retired=True)
    takers = aggregates.latest(attempts)
    areas = aggregates.area_summaries(bank.areas, takers)
    group_items = group_tallies(group.id, takers)
    return Dashboard(
        group, counts, min_finished, areas=areas, plots=tuple(map(strip_plot, areas)),
        teaching=aggregates.teach_next(bank, takers, group_items),
        items=aggregates.item_comparisons(bank, group_items, rest_tallies(group.id)),
        retakes=aggregates.retakes(bank.areas, attempts), takers=taker_rows(group.id),
    )

"""Item statistics for the question bank: facility, discrimination and Cronbach's alpha.

Pure Python, no Flask and no database: the figures come from plain data so they can be
checked against values worked out by hand.

An item's score in one attempt is its contribution to the area score the report shows:
the question's weight times the share of its points the answer earned. The most it can
be is the weight.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..bank.schema import Question

LOW_DISCRIMINATION = 0.1  # below this an item hardly separates stronger from weaker takers


@dataclass(frozen=True)
class ItemResponse:
    """One finished attempt's answer to one question."""

    area: str
    option_ids: frozenset[str]
    score: float
    maximum: float


def item_response(question: Question, option_ids: frozenset[str]) -> ItemResponse:
    """Score an answer against the version of the question that was answered."""
    return ItemResponse(question.area, frozenset(option_ids),
                        question.weight * question.fraction(option_ids), question.weight)


# --- the statistics -------------------------------------------------------------------

def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def variance(values: Sequence[float]) -> float:
    """Sample variance (n - 1)."""
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / (len(values) - 1)


def facility(scores: Sequence[float], maxima: Sequence[float]) -> float | None:
    """Mean score / maximum, 0..1: the share of the points takers earned."""
    if not scores:
        return None
    return mean([s / m if m else 0.0 for s, m in zip(scores, maxima, strict=True)])


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None when it is undefined (fewer than two pairs, or either
    side has no spread)."""
    if len(xs) != len(ys):
        raise ValueError("pearson needs two sequences of the same length")
    if len(xs) < 2:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def discrimination(item_scores: Sequence[float], area_totals: Sequence[float]) -> float | None:
    """Correlation of the item with the rest of its area (the area total minus the item)."""
    rest = [total - item for item, total in zip(item_scores, area_totals, strict=True)]
    return pearson(item_scores, rest)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of k items over n respondents (one row of k item scores each):
    k / (k - 1) * (1 - sum of the item variances / variance of the totals).
    None when undefined: fewer than two items or respondents, or no spread in the totals."""
    if len(rows) < 2 or not rows[0] or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    item_variance = sum(variance([row[i] for row in rows]) for i in range(k))
    total_variance = variance([sum(row) for row in rows])
    if total_variance <= 1e-12:
        return None
    return k / (k - 1) * (1 - item_variance / total_variance)


def discrimination_warning(value: float | None) -> str | None:
    if value is None:
        return None
    if value < 0:
        return ("Negative discrimination: takers who do well on the rest of this area tend to "
                "do worse here. Check the scoring and the wording.")
    if value < LOW_DISCRIMINATION:
        return ("Near-zero discrimination: this item hardly separates stronger from weaker "
                "takers. Check whether it is too easy, too hard or unclear.")
    return None


# --- the whole bank ---------------------------------------------------------------------

@dataclass(frozen=True)
class OptionCount:
    option_id: str
    text: str
    count: int
    share: float  # of the attempts that answered the question


@dataclass(frozen=True)
class ItemStats:
    question: Question
    answered: int
    distribution: tuple[OptionCount, ...]
    facility: float | None
    discrimination: float | None

    @property
    def warning(self) -> str | None:
        return discrimination_warning(self.discrimination)


@dataclass(frozen=True)
class AreaStats:
    area: str
    items: int  # active questions in the area
    complete: int  # attempts that answered every one of them
    alpha: float | None


@dataclass(frozen=True)
class Statistics:
    attempts: int
    items: tuple[ItemStats, ...]
    areas: tuple[AreaStats, ...]

    def item(self, question_id: str) -> ItemStats:
        return next(i for i in self.items if i.question.id == question_id)

    def area(self, key: str) -> AreaStats:
        return next(a for a in self.areas if a.area == key)

    @property
    def flagged(self) -> list[ItemStats]:
        return [i for i in self.items if i.warning]


Sheet = Sequence[Mapping[str, ItemResponse]]  # per finished attempt: question id -> response


def _area_totals(attempt: Mapping[str, ItemResponse]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for response in attempt.values():
        totals[response.area] = totals.get(response.area, 0.0) + response.score
    return totals


def _distribution(question: Question, responses: list[ItemResponse],
                  labels: Mapping[str, str]) -> tuple[OptionCount, ...]:
    counts = Counter(o for r in responses for o in r.option_ids)
    ids = [o.id for o in question.options] + sorted(set(counts) - {o.id for o in question.options})
    n = len(responses)
    return tuple(OptionCount(oid, labels.get(oid, oid), counts[oid], counts[oid] / n if n else 0.0)
                 for oid in ids)


def item_stats(question: Question, sheet: Sheet, labels: Mapping[str, str] | None = None) -> ItemStats:
    """Statistics of one question over the attempts that answered it."""
    answered = [a for a in sheet if question.id in a]
    responses = [a[question.id] for a in answered]
    scores = [r.score for r in responses]
    totals = [_area_totals(a)[r.area] for a, r in zip(answered, responses)]
    labels = {**(labels or {}), **{o.id: o.text for o in question.options}}
    return ItemStats(
        question=question,
        answered=len(responses),
        distribution=_distribution(question, responses, labels),
        facility=facility(scores, [r.maximum for r in responses]),
        discrimination=discrimination(scores, totals),
    )


def area_stats(area: str, questions: Sequence[Question], sheet: Sheet) -> AreaStats:
    """Cronbach's alpha over the area's questions, from the attempts that answered all of them."""
    ids = [q.id for q in questions if q.area == area and not q.retired]
    rows = [[a[qid].score for qid in ids] for a in sheet if ids and all(qid in a for qid in ids)]
    return AreaStats(area, len(ids), len(rows), cronbach_alpha(rows))


def analyse(areas: Sequence[str], questions: Sequence[Question], sheet: Sheet,
            labels: Mapping[str, Mapping[str, str]] | None = None) -> Statistics:
    """Every item's statistics and every area's reliability. `labels` may name options that
    only older versions of a question had (question id -> option id -> text)."""
    labels = labels or {}
    return Statistics(
        attempts=len(sheet),
        items=tuple(item_stats(q, sheet, labels.get(q.id)) for q in questions),
        areas=tuple(area_stats(a, questions, sheet) for a in areas),
    )

"""Item statistics for the question bank: at least the set Moodle's quiz statistics give
(facility, SD, discrimination, discriminative efficiency, Cronbach's alpha, SEM, error ratio),
each figure that is an estimate with its 95 % interval, from first attempts only.

Pure Python, no Flask and no database: the figures come from plain data so they can be
checked against values worked out by hand.

How the figures are defined ("Item statistics" in docs/measurement.md says the same in words):
- An item's *share* in an attempt is the share of its points the answer earned (0-1, through
  the type's own `question.fraction`); its *score* is the question's weight times the share,
  its contribution to the area score.
- Only first attempts count: a retake is the same person again, and counting them would
  weigh returning takers double. Retakes are counted apart.
- An area's own figures (its mean, SD and alpha: the norms the report reads) count only the
  attempts the report scored in that area, those with at least ENOUGH_WEIGHT of its active
  questions' weight answered: an attempt abandoned after a few answers would stand for people
  the report never scores. The items' figures count every first attempt that answered them.
- Skipped questions are left out, never counted as 0, as in the report. So
  - Cronbach's alpha uses *pairwise* covariances: each item's variance over the attempts that
    answered it, each pair's covariance over the attempts that answered both (the method of
    R's `psych::alpha(use = "pairwise")`): alpha = k/(k-1) * (1 - sum of variances / sum of
    the whole covariance matrix).
  - an item's *rest score* is the taker's area score without the item: the weighted mean share
    of the other questions the taker answered in that area.
- Discrimination is the corrected item-rest correlation (Pearson, item share against rest
  score), with a 95 % interval by Fisher's z. Alpha's 95 % interval is Feldt's (1965), an F
  interval with n - 1 and (n - 1)(k - 1) degrees of freedom, where n is the fewest attempts
  behind any one covariance (the conservative choice under pairwise deletion).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from math import fsum
from typing import Protocol

from quiz.domain.statistics.f_distribution import f_quantile
from quiz.domain.statistics.measurement import ENOUGH_WEIGHT


class OptionShape(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def points(self) -> float: ...


class KindShape(Protocol):
    @property
    def options_are_choices(self) -> bool: ...
    @property
    def role(self) -> str | None: ...


class Question(Protocol):
    """What the item statistics need of a question (`bank.plain.Question` has it all), so this
    package depends on nothing else of the app."""

    @property
    def id(self) -> str: ...
    @property
    def area(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def options(self) -> Sequence[OptionShape]: ...
    @property
    def kind(self) -> KindShape: ...
    def option(self, option_id: str) -> OptionShape | None: ...
    def fraction(self, answer: Collection[str]) -> float: ...

PROVISIONAL_BELOW = 100  # first attempts: fewer, and the figures are provisional and nothing is flagged
LOW_DISCRIMINATION = 0.1  # an item is flagged when its whole discrimination interval lies below this
CONFIDENCE = 0.95  # of every interval on the page
# Stored figures are recomputed once this many more first attempts have finished, or this share
# of the attempts they cover if that is more (20 more hardly move figures over thousands).
MIN_PAIRS = 2  # a variance, covariance or correlation needs at least two values (pairs)
# Below these counts the page says "not enough data yet" instead of the figure (the reasons are in
# docs/measurement.md, "Too few attempts"). Discrimination, efficiency and each answer's r: pairs of
# item share and rest score. Alpha, alpha if deleted, SEM and error ratio: Feldt's n, the fewest
# first attempts behind any one covariance of the area.
MIN_PAIRS_FOR_DISCRIMINATION = 10
MIN_ATTEMPTS_FOR_ALPHA = 20
# The takers' totals hardly vary when their variance is below this share of the items' summed
# variances (the items cancel out): alpha would be below -99 and means nothing.
LEAST_TOTAL_SPREAD = 0.01
NO_SPREAD = 1e-9  # values closer together than this are the same value (floating-point noise)

_Z = statistics.NormalDist().inv_cdf((1 + CONFIDENCE) / 2)  # 1.96


# --- the standard library's statistics, None where a figure is undefined ---------------------

def mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def variance(values: Sequence[float]) -> float | None:
    """Sample variance (n - 1)."""
    return statistics.variance(values) if len(values) >= MIN_PAIRS else None


def sd(values: Sequence[float]) -> float | None:
    spread = variance(values)
    return None if spread is None else math.sqrt(spread)


def _varies(values: Sequence[float]) -> bool:
    return len(values) >= MIN_PAIRS and max(values) - min(values) > NO_SPREAD


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None when it is undefined (fewer than two pairs, or either side
    without spread)."""
    if len(xs) != len(ys):
        raise ValueError("correlation needs two sequences of the same length")
    if not (_varies(xs) and _varies(ys)):
        return None
    return max(-1.0, min(1.0, statistics.correlation(xs, ys)))


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def fisher_interval(r: float | None, pairs: int) -> Interval | None:
    """95 % interval of a correlation over `pairs` pairs: tanh(atanh(r) -/+ 1.96/sqrt(n - 3)).
    Needs at least four pairs."""
    if r is None or pairs < 4:
        return None
    if abs(r) == 1.0:  # atanh is infinite: every sample of this size would agree
        return Interval(r, r)
    z, half = math.atanh(r), _Z / math.sqrt(pairs - 3)
    return Interval(math.tanh(z - half), math.tanh(z + half))


def feldt_interval(alpha: float | None, takers: int, items: int) -> Interval | None:
    """Feldt's 95 % interval of Cronbach's alpha: (1 - true alpha) / (1 - alpha) follows F with
    n - 1 and (n - 1)(k - 1) degrees of freedom, so the bounds are 1 - (1 - alpha) * F at the
    97.5 % and 2.5 % points."""
    if alpha is None or takers < MIN_PAIRS or items < 2:
        return None
    d1, d2 = takers - 1, (takers - 1) * (items - 1)
    tail = (1 - CONFIDENCE) / 2
    return Interval(1 - (1 - alpha) * f_quantile(1 - tail, d1, d2),
                    1 - (1 - alpha) * f_quantile(tail, d1, d2))


def discriminative_efficiency(items: Sequence[float], rests: Sequence[float]) -> float | None:
    """Moodle's discriminative efficiency: the item-rest covariance over the largest covariance
    these two sets of values could have, reached when both are sorted the same way (so an item
    that nearly everybody gets right cannot be blamed for a low discrimination)."""
    if len(items) < MIN_PAIRS:
        return None
    most = statistics.covariance(sorted(items), sorted(rests))
    if most <= NO_SPREAD ** 2:
        return None
    return statistics.covariance(items, rests) / most


# --- Cronbach's alpha with pairwise deletion --------------------------------------------------

Row = Sequence[float | None]  # one attempt's item scores, None where the item was skipped


@dataclass(frozen=True)
class Covariances:
    """Item covariances, each over the attempts that answered both items."""

    values: tuple[tuple[float | None, ...], ...]  # None: fewer than MIN_PAIRS attempts answered both
    pairs: tuple[tuple[int, ...], ...]  # how many attempts answered both

    @classmethod
    def pairwise(cls, rows: Sequence[Row]) -> Covariances:
        size = len(rows[0]) if rows else 0
        values: list[list[float | None]] = [[None] * size for _ in range(size)]
        pairs = [[0] * size for _ in range(size)]
        for i in range(size):
            for j in range(i, size):
                both = [(row[i], row[j]) for row in rows if row[i] is not None and row[j] is not None]
                pairs[i][j] = pairs[j][i] = len(both)
                if len(both) >= MIN_PAIRS:
                    values[i][j] = values[j][i] = statistics.covariance(*zip(*both))
        return cls(tuple(map(tuple, values)), tuple(map(tuple, pairs)))

    def alpha(self, items: Sequence[int] | None = None) -> float | None:
        """Cronbach's alpha of the given items (default: all); None when a covariance is
        missing, there are fewer than two items, or the total has no spread."""
        items = range(len(self.values)) if items is None else items
        k = len(items)
        block = [self.values[i][j] for i in items for j in items]
        if k < 2 or None in block:
            return None
        total = fsum(block)  # the variance of the sum of the items
        variances = fsum(self.values[i][i] for i in items)
        if total <= NO_SPREAD ** 2 or total < LEAST_TOTAL_SPREAD * variances:
            return None
        return k / (k - 1) * (1 - variances / total)

    def alpha_if_deleted(self) -> list[float | None]:
        every = range(len(self.values))
        return [self.alpha([j for j in every if j != i]) for i in every]

    def fewest_pairs(self) -> int:
        """The fewest attempts behind any one covariance: the n of Feldt's interval."""
        return min((n for row in self.pairs for n in row), default=0)


def cronbach_alpha(rows: Sequence[Row]) -> float | None:
    """Cronbach's alpha over attempts' item scores (None for a skipped item), pairwise."""
    return Covariances.pairwise(rows).alpha()


# --- what the statistics are computed from ----------------------------------------------------

@dataclass(frozen=True)
class ItemResponse:
    """One finished attempt's answer to one question, scored against the version answered."""

    area: str
    selection: Collection[str]  # as the question's type keeps it: chosen options, or an order
    share: float  # of the question's points earned, 0..1
    weight: float

    @property
    def score(self) -> float:
        """What the answer adds to the area's total."""
        return self.weight * self.share


def item_response(question: Question, selection: Collection[str]) -> ItemResponse:
    return ItemResponse(question.area, selection, question.fraction(selection), question.weight)


@dataclass(frozen=True)
class AttemptAnswers:
    """One finished attempt: its answers by question id, and whether it is a retake."""

    responses: Mapping[str, ItemResponse]
    retake: bool


class Answered:
    """One first attempt's answers with its area totals, so that every rest score is one
    subtraction away."""

    def __init__(self, responses: Mapping[str, ItemResponse]):
        self.responses = responses
        self._totals: dict[str, tuple[float, float]] = {}  # area -> (sum of scores, sum of weights)
        for area in {r.area for r in responses.values()}:
            mine = [r for r in responses.values() if r.area == area]
            self._totals[area] = (fsum(r.score for r in mine), fsum(r.weight for r in mine))

    def area_share(self, area: str) -> float | None:
        """The area score as a share (0-1): the weighted mean share of the questions answered
        there; None when none was."""
        score, weight = self._totals.get(area, (0.0, 0.0))
        return score / weight if weight > 0 else None

    def rest_share(self, question_id: str) -> float | None:
        """The area score without this question: the weighted mean share of the OTHER questions
        answered in its area; None when no other was."""
        response = self.responses[question_id]
        score, weight = self._totals[response.area]
        weight -= response.weight
        return (score - response.score) / weight if weight > NO_SPREAD else None


Sheet = Sequence[Answered]  # the first attempts


# --- the figures ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptionStats:
    option_id: str
    text: str
    count: int
    share: float  # of the first attempts that answered the question
    earns_nothing: bool  # an option of the current version worth no points: a wrong answer
    rest_correlation: float | None  # choosing it (1/0) against the rest score
    rest_interval: Interval | None

    @property
    def attracts_strong_takers(self) -> bool:
        """A wrong option chosen clearly more often by the takers who do well on the rest."""
        return self.earns_nothing and self.rest_interval is not None and self.rest_interval.low > 0


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    area: str
    answered: int  # first attempts
    rest_pairs: int  # of them, those with a rest score (another question of the area answered)
    facility: float | None  # mean share, 0..1
    sd: float | None  # of the share
    discrimination: float | None
    discrimination_interval: Interval | None
    efficiency: float | None  # discriminative efficiency, share of the largest possible
    alpha_if_deleted: float | None  # the area's alpha without this question (active ones only)
    options: tuple[OptionStats, ...]  # empty when the options are not choices (an ordering)

    @property
    def too_few_for_discrimination(self) -> bool:
        """Too few pairs for discrimination, efficiency and the answers' r to mean anything yet."""
        return self.rest_pairs < MIN_PAIRS_FOR_DISCRIMINATION

    @property
    def warnings(self) -> list[str]:
        """What to look at, judged from the intervals (the page shows them only once the
        figures are no longer provisional)."""
        found = []
        interval = self.discrimination_interval
        if interval is not None and interval.high < LOW_DISCRIMINATION:
            found.append(
                "Negative discrimination: takers who do well on the rest of this area do worse "
                "here. Check the scoring and the wording." if self.discrimination < 0 else
                f"Low discrimination: even the top of its 95 % interval is below {LOW_DISCRIMINATION}, "
                "so this item hardly separates stronger from weaker takers. Check whether it is "
                "too easy, too hard or unclear.")
        found += [f"“{o.text}” earns no points, yet takers who do well on the rest of this area "
                  "choose it more often. Is it defensible, or are the points on the wrong option?"
                  for o in self.options if o.attracts_strong_takers]
        return found


@dataclass(frozen=True)
class AreaStats:
    area: str
    items: int  # active questions
    first_attempts: int  # with at least one answer in the area
    mean: float | None  # of the area score, 0-100
    sd: float | None  # of the area score, 0-100
    alpha: float | None
    alpha_interval: Interval | None
    alpha_takers: int  # Feldt's n: the fewest first attempts behind any one covariance
    # The self-rating and the scenario sub-scores (question roles), for the report's
    # self-view comparison: {"mean", "sd", "alpha", "items"} each, None without questions.
    self_view: dict | None = None
    tested: dict | None = None

    @property
    def too_few_for_alpha(self) -> bool:
        """Too few first attempts behind some covariance for alpha (and what is computed from it)."""
        return self.alpha_takers < MIN_ATTEMPTS_FOR_ALPHA

    @property
    def error_ratio(self) -> float | None:
        """Moodle's error ratio, sqrt(1 - alpha): the share of the SD that is measurement error."""
        return None if self.alpha is None else math.sqrt(max(0.0, 1.0 - self.alpha))

    @property
    def sem(self) -> float | None:
        """Standard error of measurement of the area score, SD * sqrt(1 - alpha), 0-100."""
        ratio = self.error_ratio
        return None if ratio is None or self.sd is None else self.sd * ratio


@dataclass(frozen=True)
class Statistics:
    first_attempts: int
    retakes: int
    items: tuple[ItemStats, ...]
    areas: tuple[AreaStats, ...]

    @property
    def provisional(self) -> bool:
        return self.first_attempts < PROVISIONAL_BELOW

    def item(self, question_id: str) -> ItemStats | None:
        return next((i for i in self.items if i.question_id == question_id), None)

    def area(self, key: str) -> AreaStats | None:
        return next((a for a in self.areas if a.area == key), None)

    def warnings(self, item: ItemStats) -> list[str]:
        """The item's warnings, or none while the figures are provisional."""
        return [] if self.provisional else item.warnings

    @property
    def flagged(self) -> list[ItemStats]:
        return [i for i in self.items if self.warnings(i)]


# --- the whole bank ---------------------------------------------------------------------------

def _option_stats(question: Question, answered: list[tuple[ItemResponse, float | None]],
                  labels: Mapping[str, str]) -> tuple[OptionStats, ...]:
    if not question.kind.options_are_choices:
        return ()
    counts = Counter(o for response, _ in answered for o in response.selection)
    current = [o.id for o in question.options]
    ids = current + sorted(set(counts) - set(current))
    with_rest = [(response.selection, rest) for response, rest in answered if rest is not None]
    rests = [rest for _, rest in with_rest]
    figures = []
    for oid in ids:
        option = question.option(oid)
        r = correlation([1.0 if oid in selection else 0.0 for selection, _ in with_rest], rests)
        figures.append(OptionStats(
            option_id=oid, text=option.text if option else labels.get(oid, oid), count=counts[oid],
            share=counts[oid] / len(answered) if answered else 0.0,
            earns_nothing=option is not None and option.points <= 0,
            rest_correlation=r, rest_interval=fisher_interval(r, len(with_rest))))
    return tuple(figures)


def item_stats(question: Question, sheet: Sheet, labels: Mapping[str, str] | None = None,
               alpha_if_deleted: float | None = None) -> ItemStats:
    """Statistics of one question over the first attempts that answered it. `labels` names
    options that only older versions had."""
    answered = [(a.responses[question.id], a.rest_share(question.id))
                for a in sheet if question.id in a.responses]
    shares = [response.share for response, _ in answered]
    paired = [(response.share, rest) for response, rest in answered if rest is not None]
    items, rests = [x for x, _ in paired], [y for _, y in paired]
    r = correlation(items, rests)
    return ItemStats(
        question_id=question.id, area=question.area, answered=len(answered), rest_pairs=len(paired),
        facility=mean(shares), sd=sd(shares),
        discrimination=r, discrimination_interval=fisher_interval(r, len(paired)),
        efficiency=discriminative_efficiency(items, rests),
        alpha_if_deleted=alpha_if_deleted,
        options=_option_stats(question, answered, labels or {}),
    )


def _part(ids: Sequence[str], sheet: Sheet) -> dict | None:
    """Mean, SD and alpha (pairwise) of the weighted mean share (0-100) of these questions."""
    if not ids:
        return None
    scores = []
    for attempt in sheet:
        answered = [attempt.responses[qid] for qid in ids if qid in attempt.responses]
        weight = fsum(r.weight for r in answered)
        if weight > 0:
            scores.append(100 * fsum(r.score for r in answered) / weight)
    covariances = Covariances.pairwise(
        [[a.responses[qid].score if qid in a.responses else None for qid in ids] for a in sheet])
    return {"mean": mean(scores), "sd": sd(scores), "alpha": covariances.alpha(), "items": len(ids)}


def area_stats(area: str, covariances: Covariances, items: int, sheet: Sheet,
               parts: Mapping[str, Sequence[str]] | None = None) -> AreaStats:
    """`parts`: the question ids of the area's "self_view" and "tested" sub-scores."""
    scores = [100 * share for a in sheet if (share := a.area_share(area)) is not None]
    alpha = covariances.alpha()
    takers = covariances.fewest_pairs()
    parts = parts or {}
    return AreaStats(area=area, items=items, first_attempts=len(scores), mean=mean(scores),
                     sd=sd(scores), alpha=alpha, alpha_interval=feldt_interval(alpha, takers, items),
                     alpha_takers=takers, self_view=_part(parts.get("self_view", ()), sheet),
                     tested=_part(parts.get("tested", ()), sheet))


def scored_in(sheet: Sheet, questions: Sequence[Question]) -> list[Answered]:
    """The attempts the report scores in the area of these (active) questions: at least
    ENOUGH_WEIGHT of their weight answered, less the scoring engine's rounding tolerance."""
    total = fsum(q.weight for q in questions)
    return [a for a in sheet
            if fsum(a.responses[q.id].weight for q in questions if q.id in a.responses) >= ENOUGH_WEIGHT * total - 1e-9]


def analyse(areas: Sequence[str], questions: Sequence[Question], attempts: Sequence[AttemptAnswers],
            labels: Mapping[str, Mapping[str, str]] | None = None,
            part_roles: Mapping[str, str] | None = None) -> Statistics:
    """Every item's statistics and every area's reliability over the first attempts among
    `attempts`. `labels` may name options that only older versions of a question had
    (question id -> option id -> text). Alpha covers the active (not retired) questions.
    `part_roles` names the question role behind each sub-score the report compares
    ("self_view", "tested"), whose figures are kept per area."""
    sheet = [Answered(a.responses) for a in attempts if not a.retake]
    labels = labels or {}
    area_figures, dropped = [], {}
    for area in areas:
        active = [q for q in questions if q.area == area and not q.retired]
        ids = [q.id for q in active]
        scored = scored_in(sheet, active)
        covariances = Covariances.pairwise(
            [[a.responses[qid].score if qid in a.responses else None for qid in ids] for a in scored])
        parts = {part: [q.id for q in active if q.kind.role == role] for part, role in (part_roles or {}).items()}
        area_figures.append(area_stats(area, covariances, len(ids), scored, parts))
        dropped.update(zip(ids, covariances.alpha_if_deleted()))
    return Statistics(
        first_attempts=len(sheet), retakes=len(attempts) - len(sheet),
        items=tuple(item_stats(q, sheet, labels.get(q.id), dropped.get(q.id)) for q in questions),
        areas=tuple(area_figures),
    )


def interval_from(data: dict | None) -> Interval | None:
    """An interval read back from its stored (dict) form."""
    return Interval(**data) if data else None


def load_areas(data: list[dict]) -> list[AreaStats]:
    """Per-area figures read back from their stored (dict) form."""
    return [AreaStats(**{**a, "alpha_interval": interval_from(a["alpha_interval"])}) for a in data]

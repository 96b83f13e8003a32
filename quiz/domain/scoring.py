"""The scoring engine: a bank and a set of answers in, a readiness report out.

Pure Python on purpose - no Flask, no SQLAlchemy - so it is fast, easy to test
and the same for the web report, the CSV export and the benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from quiz.domain.bank.plain import Area, Bank, NextStep, Resource
from quiz.domain.caches import LRUCache
from quiz.domain.question_types import SELF_REPORT, TESTED, Review, Selection
from quiz.domain.question_types.question import Question
from quiz.domain.statistics.conditional_error import keats_factor
from quiz.domain.statistics.equivalence import within_margin
from quiz.domain.statistics.inference import FAMILY_ALPHA, NORMAL, holm, two_sided_p
from quiz.domain.statistics.measurement import (
    ENOUGH_WEIGHT,
    MIN_NORM_ATTEMPTS,
    Z95,
    AreaNorm,
    Change,
    Estimate,
    ItemScore,
    Lean,
    area_estimate,
    effective_count,
    lean,
    pooled_sem,
    weighted_estimate,
)
from quiz.domain.statistics.standing import Standing, pooled, standing
from quiz.domain.statistics.true_score import Belief, area_belief, prior

Answers = Mapping[str, Selection]  # question id -> chosen option ids (ordered where order counts)

LOW = 0.5  # a question answered below this share of its points triggers its next step
STRONG = 0.75  # ... and at or above this share counts as a strength
MAX_NEXT_STEPS = 7
# The sub-scores the self-view standing compares, and the question role behind each; the item
# statistics keep the norm group's figures of each (`statistics.items.analyse`).
STANDING_PARTS = {"self_view": SELF_REPORT, "tested": TESTED}
MIN_CALIBRATION_ITEMS = 3  # self-ratings and scenarios an area needs for a fair comparison
# The chance of any self-view flag in the report of someone with no true gap: half the
# family's 10 %, because the standings rest on a normal approximation of sub-scores that are not
# normal (measured: see benchmarks/measurement.py).
CALIBRATION_ALPHA = FAMILY_ALPHA / 2
BALANCE_MARGIN = 20  # "even": every area shown (TOST) within this many points of the person's mean
# Each side of that TOST at 2.5 %: at 5 %, 6 % of simulated engineer-shaped profiles were called
# even with today's bank (the target is at most 5 %; benchmarks/measurement.py prints the rate).
BALANCE_ALPHA = 0.025
# A lean is clear past this z: the two paths that lean (engineer, business) are each tested at
# 2.5 % one-sided, Bonferroni, so a flat profile gets a lean at most 5 % of the time (at 1.96
# for each it was 8.5 % with today's bank).
CLEAR_LEAN_Z = NORMAL.inv_cdf(1 - 0.05 / 4)
STRONG_LEAN = 15  # points the low end of a lean's 95 % range must reach for "a strong lean"


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    floor: float
    message: str


BANDS = (
    Band("getting-started", "Getting started", 0,
         "You are at the beginning of this part of the path - the right moment to build habits."),
    Band("developing", "Developing", 40,
         "You have a base to build on; a few focused steps will make a clear difference."),
    Band("ready", "Ready", 65,
         "You are ready to take on real projects here and learn from each one."),
    Band("strong", "Strong", 85,
         "This is a strength you can lean on and help others with."),
)


def band_for(score: float) -> Band:
    return next(b for b in reversed(BANDS) if score >= b.floor)


def band_chances(belief: Belief) -> list[tuple[Band, float]]:
    """Every band with the chance the true score lies in it, most likely first."""
    edges = [0.0, *(b.floor for b in BANDS[1:]), 100.0 + 1e-9]
    chances = [(band, belief.chance(low, high)) for band, low, high in zip(BANDS, edges, edges[1:])]
    return sorted(chances, key=lambda pair: -pair[1])


def most_likely_band(belief: Belief) -> Band:
    return band_chances(belief)[0][0]


@dataclass(frozen=True)
class Path:
    key: str
    title: str
    summary: str
    # How much each area matters for a path judged by its lean; None for the producer,
    # who needs every area at once and is judged by how even the profile is.
    emphasis: Mapping[str, float] | None


PATHS = (
    Path("producer", "Music producer",
         "A producer oversees the whole creative process of a record - the songs, the musicians, "
         "the budget and the sessions - and shapes the overall sound and feel of the track.",
         None),
    Path("engineer", "Recording engineer",
         "A recording engineer concentrates on the technical side: capturing the performances "
         "cleanly and mixing the tracks, while the producer steers the creative direction.",
         {"technical": 1, "experience": 0.45, "musicianship": 0.35, "creativity": 0.25,
          "collaboration": 0.25, "business": 0.1}),
    Path("business", "Music business (A&R, management)",
         "The business side - A&R, artist management, label work - deals with budgets, contracts, "
         "royalties, publishing and marketing, and lives on relationships with artists.",
         {"business": 1, "collaboration": 0.8, "experience": 0.35, "creativity": 0.2,
          "musicianship": 0.15, "technical": 0.1}),
)


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    selection: Selection
    fraction: float  # share of the question's points earned, 0..1

    def answer_text(self) -> str:
        """The answer in words, for "because you answered ..."."""
        return self.question.kind.answer_text(self.question, self.selection)

    @cached_property
    def review(self) -> Review | None:
        """The answer next to a stronger one, when the type has one to offer."""
        return self.question.kind.review(self.question, self.selection)


@dataclass(frozen=True)
class AreaResult:
    area: Area
    estimate: Estimate | None  # None while less than ENOUGH_WEIGHT of the area is answered
    answered: int
    total: int
    self_view: Estimate | None
    tested: Estimate | None
    results: tuple[QuestionResult, ...]
    # Answered "I haven't had the chance yet": stored, not scored, counted as unanswered.
    not_yet: tuple[Question, ...] = ()
    unanswered: tuple[Question, ...] = ()  # no scored answer: skipped, or not had the chance yet
    # The weight the two-thirds rule counts: every question but those the taker could not take
    # (answered "I can't listen right now": `excused`).
    total_weight: float = 0.0
    excused: tuple[Question, ...] = ()
    # Where the true score probably is (None with the estimate), and what the answers are worth
    # in the error model's trials (the effective count over the Keats factor).
    belief: Belief | None = None
    trials: float = 0.0

    @property
    def to_answer(self) -> int:
        """How many more of its questions (the heaviest first) the area needs to be scored."""
        missing = ENOUGH_WEIGHT * self.total_weight - self.answered_weight
        count = 0
        for question in sorted((q for q in self.unanswered if q not in self.excused), key=lambda q: -q.weight):
            if missing <= 1e-9:
                break
            missing -= question.weight
            count += 1
        return count

    @property
    def not_enough(self) -> str:
        """Why the area has no score, and what would give it one; empty when it is scored."""
        if self.estimate is not None:
            return ""
        more = self.to_answer
        return (f"Not enough answers to score: {self.answered} of {self.total} questions answered; "
                f"answer at least {more} more of its question{'s' if more != 1 else ''} "
                f"(two thirds of its weight) for a score.")

    @property
    def score(self) -> float | None:
        return None if self.estimate is None else self.estimate.value

    @property
    def band(self) -> Band | None:
        return None if self.belief is None else most_likely_band(self.belief)

    @property
    def answered_weight(self) -> float:
        return sum(r.question.weight for r in self.results)

    @property
    def strengths(self) -> list[QuestionResult]:
        return [r for r in self.results if r.fraction >= STRONG]

    @cached_property
    def gaps(self) -> list[QuestionResult]:
        return [r for r in self.results if r.fraction < LOW]

    @property
    def to_revisit(self) -> list[QuestionResult]:
        """Answers the report sets beside a stronger one ("you chose ..., a stronger answer ...")."""
        return [r for r in self.results if r.review]


@dataclass(frozen=True)
class Calibration:
    """An area's self-ratings against its scenario answers, each as a standing among first
    attempts (`standing`: None before the area has a norm group). No verdict per area: with an
    area's few self-ratings and scenarios, even a gap of a whole SD is found in under 1 report in
    100 (benchmarks/measurement.py), so only the gap pooled over the areas is judged
    (`SelfViewSummary`); the standings stay for the downloads."""
    area: Area
    self_view: Estimate
    tested: Estimate
    self_items: int
    tested_results: tuple[QuestionResult, ...]
    standing: Standing | None = None

    @property
    def testable(self) -> bool:
        return self.standing is not None and min(self.self_items, len(self.tested_results)) >= MIN_CALIBRATION_ITEMS


@dataclass(frozen=True)
class PathLean:
    path: Path
    lean: Lean | None  # None when the profile is flat

    @property
    def clear(self) -> bool:
        return self.lean is not None and self.lean.z > CLEAR_LEAN_Z


@dataclass(frozen=True)
class PathFit:
    """Which path the *shape* of the profile points to; readiness (the level) is the score."""
    path: Path | None  # None: no clear lean yet
    strength: str  # in words, e.g. "a clear lean"; empty when no path is called
    reason: str
    leans: tuple[PathLean, ...] = ()
    balanced: bool = False  # every area shown within BALANCE_MARGIN of the mean


@dataclass(frozen=True)
class StepAdvice:
    step: NextStep
    priority: float  # readiness points the overall score would gain if these answers were full
    because: tuple[QuestionResult, ...]
    resource: Resource | None


@dataclass(frozen=True)
class ResourceAdvice:
    resource: Resource
    areas: tuple[Area, ...]  # the areas whose answers pointed to it; empty = general reading


@dataclass(frozen=True)
class Report:
    areas: tuple[AreaResult, ...]
    overall_estimate: Estimate | None
    answered: int
    total: int
    unanswered: tuple[Question, ...]  # no scored answer: skipped, or "not had the chance yet"
    calibrations: tuple[Calibration, ...]
    self_view: SelfViewSummary
    path_fit: PathFit
    next_steps: tuple[StepAdvice, ...]
    resources: tuple[ResourceAdvice, ...]
    overall_belief: Belief | None = None

    @property
    def overall(self) -> float | None:
        return None if self.overall_estimate is None else self.overall_estimate.value

    @property
    def band(self) -> Band | None:
        return None if self.overall_belief is None else most_likely_band(self.overall_belief)

    def area(self, key: str) -> AreaResult:
        return next(a for a in self.areas if a.area.key == key)

    @property
    def skipped(self) -> tuple[Question, ...]:
        """Unanswered questions the taker left blank (not those they haven't had the chance for)."""
        not_yet = {q.id for a in self.areas for q in a.not_yet}
        return tuple(q for q in self.unanswered if q.id not in not_yet)

    def scores(self) -> dict[str, float | None]:
        return {a.area.key: a.score for a in self.areas}


# Question versions are immutable and kept alive by the bank caches, so their levels are kept
# by identity (hashing a whole question on every lookup costs more than the scoring itself).
_levels: LRUCache[int, tuple[Question, tuple[float, ...]]] = LRUCache(max_size=20_000)


def answer_levels(question: Question) -> tuple[float, ...]:
    """Every share of points an answer to this question can earn."""
    cached = _levels.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    levels = question.kind.levels(question)
    _levels.put(id(question), (question, levels))
    return levels


def _item(question: Question, share: float = 0.0) -> ItemScore:
    """A question as the error model sees it: its weight, share and steps (levels - 1)."""
    return ItemScore(question.weight, share, max(1, len(answer_levels(question)) - 1))


def _area_result(area: Area, questions: list[Question], answers: Answers,
                 norm: AreaNorm | None) -> AreaResult:
    results, not_yet, unanswered, excused, total_weight = [], [], [], [], 0.0
    for question in questions:
        stored = answers.get(question.id, ())
        selection = question.scored_answer(stored)
        if selection:
            results.append(QuestionResult(question, selection, question.fraction(selection)))
        else:
            unanswered.append(question)
            if stored:
                not_yet.append(question)
        if question.kind.excused(stored):
            excused.append(question)
        else:
            total_weight += question.weight
    answered_weight = sum(r.question.weight for r in results)
    enough = bool(total_weight) and answered_weight >= ENOUGH_WEIGHT * total_weight - 1e-9

    def estimate(role: str | None, norms: AreaNorm | None = None) -> Estimate | None:
        items = [_item(r.question, r.fraction) for r in results
                 if role is None or r.question.kind.role == role]
        return area_estimate(items, norms, full_count)

    full_count = effective_count([(i.weight, i.steps) for i in map(_item, questions)])
    scored = estimate(None, norm) if enough else None
    belief, trials = None, 0.0
    if scored is not None:
        usable = norm is not None and norm.usable and norm.mean is not None
        factor = keats_factor(norm.mean / 100, norm.sd / 100, norm.alpha, full_count) if usable else None
        trials = effective_count([(i.weight, i.steps) for i in (_item(r.question) for r in results)]) / (factor or 1)
        belief = area_belief(scored.value / 100, trials,
                             prior(norm.mean, norm.sd, norm.alpha) if usable else prior())
    return AreaResult(
        area=area,
        estimate=scored,
        answered=len(results),
        total=len(questions),
        self_view=estimate(SELF_REPORT),
        tested=estimate(TESTED),
        results=tuple(results),
        not_yet=tuple(not_yet),
        unanswered=tuple(unanswered),
        total_weight=total_weight,
        excused=tuple(excused),
        belief=belief,
        trials=trials,
    )


def _calibration(result: AreaResult, norm: AreaNorm | None) -> Calibration | None:
    if result.estimate is None or result.self_view is None or result.tested is None:
        return None
    rated = sum(r.question.kind.role == SELF_REPORT for r in result.results)
    tested = tuple(r for r in result.results if r.question.kind.role == TESTED)
    found = None
    if norm is not None and norm.usable and norm.self_view and norm.tested:
        found = standing(result.self_view.value, rated, norm.self_view,
                         result.tested.value, len(tested), norm.tested)
    return Calibration(result.area, result.self_view, result.tested, rated, tested, found)


@dataclass(frozen=True)
class SelfViewSummary:
    """Every area's self-view gap pooled: the report's one self-view verdict."""
    standing: Standing | None  # None before the norm group allows the comparison
    flagged: bool

    @property
    def message(self) -> str:
        if self.standing is None:
            return ("Comparing your self-view with your scenario answers needs the answers of at least "
                    f"{MIN_NORM_ATTEMPTS} first-time takers to compare with, and is not available yet.")
        if not self.flagged:
            return ("Taken over all areas, your self-ratings and your scenario answers place you at "
                    "standings this quiz cannot tell apart.")
        side = "higher" if self.standing.gap > 0 else "lower"
        return (f"Taken over all areas, you rate yourself clearly {side} among takers than your "
                "scenario answers place you.")


def _calibrations(areas: list[AreaResult], norms: Mapping[str, AreaNorm]) -> tuple[tuple[Calibration, ...],
                                                                                    SelfViewSummary]:
    """Each area's standings, and the gap pooled over the areas with enough self-ratings and
    scenarios, flagged at CALIBRATION_ALPHA."""
    found = tuple(c for a in areas if (c := _calibration(a, norms.get(a.area.key))))
    overall = pooled([c.standing for c in found if c.testable])
    if overall is None:
        return found, SelfViewSummary(None, False)
    return found, SelfViewSummary(overall, overall.p <= CALIBRATION_ALPHA)


def _strength(fit: PathLean) -> str:
    """Words that allow for error: strong only when even the low end of the lean's 95 % range
    (its projection less 1.96 standard errors) is STRONG_LEAN points."""
    low = fit.lean.contrast - Z95 * fit.lean.contrast / fit.lean.z
    return "a strong lean" if low >= STRONG_LEAN else "a clear lean"


def _lean_reason(fit: PathLean, scored: list[AreaResult]) -> str:
    mean = sum(a.score for a in scored) / len(scored)
    emphasis = fit.path.emphasis
    centre = sum(emphasis.get(a.area.key, 0) for a in scored) / len(scored)
    above = [a for a in scored if emphasis.get(a.area.key, 0) > centre and a.score > mean]
    below = [a for a in scored if emphasis.get(a.area.key, 0) < centre and a.score < mean]
    parts = []
    if above:
        parts.append(f"{_named(sorted(above, key=lambda a: -a.score))} above your own average of {mean:.0f}")
    if below:
        parts.append(f"{_named(sorted(below, key=lambda a: a.score))} below it")
    text = " and ".join(parts)
    return (f"{text[0].upper()}{text[1:]} - the pattern of this path, clearer than "
            "measurement error alone would give.")


def _path_fit(areas: list[AreaResult]) -> PathFit:
    areas = [a for a in areas if a.total]
    missing = [a for a in areas if a.estimate is None]
    if missing:
        return PathFit(None, "", "No path yet: the shape of your scores needs every area, "
                       f"and {_named(missing, scores=False)} {'has' if len(missing) == 1 else 'have'} "
                       "too few answers.")
    profile = [a.estimate for a in areas]
    leans = tuple(PathLean(p, lean(profile, [p.emphasis.get(a.area.key, 0) for a in areas]))
                  for p in PATHS if p.emphasis is not None)
    clear = sorted((f for f in leans if f.clear), key=lambda f: -f.lean.z)
    if clear:
        best = clear[0]
        return PathFit(best.path, _strength(best), _lean_reason(best, areas), leans)
    ranked = sorted(areas, key=lambda a: a.score)
    lowest, highest = ranked[0], ranked[-1]
    if within_margin([a.score for a in areas], [a.estimate.se for a in areas], BALANCE_MARGIN, alpha=BALANCE_ALPHA):
        producer = next(p for p in PATHS if p.emphasis is None)
        return PathFit(producer, "an even profile",
                       f"Every area is shown to lie within {BALANCE_MARGIN} points of your own average "
                       f"(from {_named([lowest])} to {_named([highest])}): the balance a producer needs, "
                       "because they run the whole process.", leans, balanced=True)
    leading = max((f for f in leans if f.lean is not None), key=lambda f: f.lean.z, default=None)
    if leading is not None and leading.lean.z > 0:
        return PathFit(None, "", f"The {leading.path.title.lower()} path leads, but it is not yet clear: "
                       "the pattern of your scores is within what measurement error could give, and your "
                       f"areas (from {_named([lowest])} to {_named([highest])}) are not yet shown to be "
                       f"within {BALANCE_MARGIN} points of your average either.", leans)
    return PathFit(None, "", "No path is clear yet: your scores follow neither the engineer's nor the "
                   "business pattern, and are not yet shown to be even (every area within "
                   f"{BALANCE_MARGIN} points of your average).", leans)


def _next_steps(bank: Bank, areas: list[AreaResult]) -> tuple[StepAdvice, ...]:
    """Each low answer is worth what filling its gap would add to the overall score:
    gap x question weight / the area's answered weight x area weight / all areas' weight.
    Areas with too few answers for a score still point to their steps: the answers given are
    real, only the score is too uncertain to state."""
    scored = [a for a in areas if a.results]
    area_weights = sum(a.area.weight for a in scored)
    triggered: dict[str, list[tuple[float, QuestionResult]]] = {}
    for area_result in scored:
        share = area_result.area.weight / area_weights / area_result.answered_weight
        for result in area_result.gaps:
            step_id = result.question.next_step
            if step_id and bank.next_step(step_id):
                gap = 100 * (1 - result.fraction) * result.question.weight * share
                triggered.setdefault(step_id, []).append((gap, result))
    advice = []
    for step_id, items in triggered.items():
        step = bank.next_step(step_id)
        items.sort(key=lambda item: -item[0])
        resource_id = step.resource or next(
            (r.question.resource for _, r in items if r.question.resource), None)
        advice.append(StepAdvice(step, round(sum(g for g, _ in items), 6),
                                 tuple(r for _, r in items), bank.resource(resource_id)))
    advice.sort(key=lambda a: (-a.priority, a.step.id))
    return tuple(advice[:MAX_NEXT_STEPS])


def _resources(bank: Bank, areas: list[AreaResult], steps: tuple[StepAdvice, ...]) -> tuple[ResourceAdvice, ...]:
    pointed: dict[str, dict[str, Area]] = {}
    for advice in steps:
        if advice.resource:
            pointed.setdefault(advice.resource.id, {})[advice.step.area] = bank.area(advice.step.area)
    for area_result in areas:
        for result in area_result.gaps:
            if result.question.resource:
                pointed.setdefault(result.question.resource, {})[area_result.area.key] = area_result.area
    return tuple(
        ResourceAdvice(r, tuple(pointed.get(r.id, {}).values()))
        for r in sorted(bank.resources, key=lambda r: r.id not in pointed)
    )


def _named(results: list[AreaResult], scores: bool = True) -> str:
    return " and ".join(a.area.title + (f" ({a.score:.0f})" if scores else "") for a in results)


def score(bank: Bank, answers: Answers, norms: Mapping[str, AreaNorm] | None = None) -> Report:
    """Score one attempt. `answers` maps question id to chosen option ids; a missing or
    empty entry is an unanswered question, never a zero. `norms` (per area key, from the
    norm group's first attempts) let an area's error be the classical SEM when larger."""
    norms = norms or {}
    areas = [_area_result(area, bank.questions_in(area.key), answers, norms.get(area.key))
             for area in bank.areas]
    # Every area the bank asks about must be scored; an area without questions has nothing to score.
    asked = [a for a in areas if a.total]
    overall = (weighted_estimate((a.estimate, a.area.weight) for a in asked)
               if asked and all(a.estimate for a in asked) else None)
    calibrations, self_view = _calibrations(areas, norms)
    overall_belief = _overall_belief(asked) if overall is not None else None
    steps = _next_steps(bank, areas)
    return Report(
        areas=tuple(areas),
        overall_estimate=overall,
        answered=sum(a.answered for a in areas),
        total=sum(a.total for a in areas),
        unanswered=tuple(q for q in bank.questions if not q.scored_answer(answers.get(q.id, ()))),
        calibrations=calibrations,
        self_view=self_view,
        path_fit=_path_fit(areas),
        next_steps=steps,
        resources=_resources(bank, areas, steps),
        overall_belief=overall_belief,
    )


def _overall_belief(areas: list[AreaResult]) -> Belief:
    """The overall true score: the areas' weighted share over their trials weighted alike
    (the variance of a weighted mean of shares), pulled towards the middle by the prior before
    norms. The areas' own norm-group priors are not combined: they would pull every area
    towards its mean at once, as if the areas' true scores were independent, which they are not."""
    total = sum(a.area.weight for a in areas)
    share = sum(a.area.weight * a.score for a in areas) / total / 100
    trials = 1 / sum((a.area.weight / total) ** 2 / a.trials for a in areas)
    return area_belief(share, trials, prior())


def unscored_areas(bank: Bank, answers: Answers) -> list[AreaResult]:
    """The areas these answers leave without a score (fewer than two thirds of their weight
    answered), for the review page before the taker finishes."""
    return [a for a in score(bank, answers).areas if a.estimate is None and a.total]


@dataclass(frozen=True)
class Retake:
    """A report against the taker's previous attempt: per area key, and overall, the change,
    where both attempts have a score. The verdicts are decided together (Holm across the
    areas and the overall score), so that someone who has not truly changed sees any
    "clearly" in at most FAMILY_ALPHA of their reports."""
    areas: Mapping[str, Change]
    overall: Change | None

    @property
    def changes(self) -> list[Change]:
        return [*self.areas.values(), *([self.overall] if self.overall else [])]

    def smallest(self) -> tuple[float, float]:
        """The range over the areas of the smallest change that can count (the first step of
        Holm's procedure: |z| above the normal quantile at 1 - FAMILY_ALPHA / (2 m))."""
        critical = NORMAL.inv_cdf(1 - FAMILY_ALPHA / (2 * max(1, len(self.changes))))
        sizes = [critical * c.error for c in self.areas.values()]
        return (min(sizes), max(sizes)) if sizes else (0.0, 0.0)

    @property
    def method(self) -> str:
        methods = {c.method for c in self.areas.values()}
        return methods.pop() if len(methods) == 1 else "reliable change index or Wald test"


def retake(current: Report, previous: Report, norms: Mapping[str, AreaNorm] | None = None) -> Retake:
    norms = norms or {}
    before = {a.area.key: a for a in previous.areas}
    areas = {a.area.key: Change(before[a.area.key].estimate, a.estimate,
                                pooled_sem(norms.get(a.area.key), before[a.area.key].answered, a.answered))
             for a in current.areas
             if a.estimate is not None and before.get(a.area.key) and before[a.area.key].estimate is not None}
    both = current.overall_estimate is not None and previous.overall_estimate is not None
    overall = Change(previous.overall_estimate, current.overall_estimate) if both else None
    tested = [*areas.values(), *([overall] if overall else [])]
    flags = holm([two_sided_p(c.z) for c in tested])
    decided = [replace(c, flagged=flag) for c, flag in zip(tested, flags)]
    return Retake(dict(zip(areas, decided[:len(areas)])), decided[-1] if overall else None)

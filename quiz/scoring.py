"""The scoring engine: a bank and a set of answers in, a readiness report out.

Pure Python on purpose - no Flask, no SQLAlchemy - so it is fast, easy to test
and the same for the web report, the CSV export and the benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .bank.plain import Area, Bank, NextStep, Question, Resource
from .caches import LRUCache
from .statistics.measurement import (
    Z95,
    AreaNorm,
    Change,
    Estimate,
    Evenness,
    ItemScore,
    Lean,
    area_estimate,
    evenness,
    gap_z,
    lean,
    smallest_clear_gap,
    weighted_estimate,
)
from .question_types import SELF_REPORT, TESTED, Answer, Review

Answers = Mapping[str, Answer]  # question id -> chosen option ids (ordered where order counts)

LOW = 0.5  # a question answered below this share of its points triggers its next step
STRONG = 0.75  # ... and at or above this share counts as a strength
MAX_NEXT_STEPS = 7
MIN_CALIBRATION_ITEMS = 3  # self-ratings and scenarios an area needs for a fair comparison
BALANCE_MAX_SE = 12.5  # an even profile is only called when every area is known to about +-25


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


def band_range(estimate: Estimate) -> str:
    """The band, or the bands the 95 % interval spans ("Developing to Ready")."""
    low, high = band_for(estimate.low), band_for(estimate.high)
    return low.label if low == high else f"{low.label} to {high.label}"


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
    selection: Answer
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
    estimate: Estimate | None  # None when nothing in the area was answered
    answered: int
    total: int
    self_view: Estimate | None
    tested: Estimate | None
    results: tuple[QuestionResult, ...]
    # Answered "I haven't had the chance yet": stored, not scored, counted as unanswered.
    not_yet: tuple[Question, ...] = ()

    @property
    def score(self) -> float | None:
        return None if self.estimate is None else self.estimate.value

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)

    @property
    def band_range(self) -> str | None:
        return None if self.estimate is None else band_range(self.estimate)

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
    """An area's self-rating sub-score against its scenario sub-score, each with its error."""
    area: Area
    self_view: Estimate
    tested: Estimate
    self_items: int
    tested_results: tuple[QuestionResult, ...]

    @property
    def z(self) -> float:
        return gap_z(self.self_view, self.tested)

    @property
    def smallest_clear_gap(self) -> float:
        return smallest_clear_gap(self.self_view, self.tested)

    @property
    def verdict(self) -> str:
        if min(self.self_items, len(self.tested_results)) < MIN_CALIBRATION_ITEMS:
            return "weak"
        if self.z > Z95:
            return "over"
        if self.z < -Z95:
            return "under"
        return "matched"

    @property
    def against(self) -> tuple[QuestionResult, ...]:
        """The scenarios that went against the self-rating: scored below it when the taker
        rates themselves higher, above it when lower; worst mismatch first."""
        share = self.self_view.value / 100
        if self.verdict == "under":
            return tuple(sorted((r for r in self.tested_results if r.fraction > share),
                                key=lambda r: -r.fraction))
        return tuple(sorted((r for r in self.tested_results if r.fraction < share),
                            key=lambda r: r.fraction))

    @property
    def message(self) -> str:
        title = self.area.title.lower()
        rated, tested = f"{self.self_view.value:.0f}", f"{self.tested.value:.0f}"
        scenarios = len(self.tested_results)
        if self.verdict == "weak":
            return (f"In {title} you answered {self.self_items} self-rating"
                    f"{'s' if self.self_items != 1 else ''} and {scenarios} scenario"
                    f"{'s' if scenarios != 1 else ''}: too few to compare your self-view with "
                    f"your answers (self-rating {rated}, scenarios {tested}).")
        if self.verdict == "over":
            return (f"You rate yourself at {rated} in {title}, but your scenario answers scored "
                    f"{tested}: {len(self.against)} of {scenarios} scenarios went against your "
                    "self-rating, more than measurement error explains. Worth reading the "
                    "feedback on them before you rely on that self-view.")
        if self.verdict == "under":
            return (f"Your scenario answers in {title} scored {tested}, clearly above your "
                    f"self-rating of {rated}. You know more than you give yourself credit for - "
                    "trust it and put it to work.")
        return (f"Your self-view and your answers in {title} agree within what this quiz can "
                f"tell (self-rating {rated}, scenarios {tested}; a gap would have to be about "
                f"{self.smallest_clear_gap:.0f} points to be clear).")


@dataclass(frozen=True)
class PathLean:
    path: Path
    lean: Lean | None  # None when the profile is flat

    @property
    def clear(self) -> bool:
        return self.lean is not None and self.lean.z > Z95


@dataclass(frozen=True)
class PathFit:
    """Which path the *shape* of the profile points to; readiness (the level) is the score."""
    path: Path | None  # None: no clear lean yet
    strength: str  # in words, e.g. "a clear lean"; empty when no path is called
    reason: str
    leans: tuple[PathLean, ...] = ()
    evenness: Evenness | None = None


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
    path_fit: PathFit
    next_steps: tuple[StepAdvice, ...]
    resources: tuple[ResourceAdvice, ...]
    headline: str = field(default="")

    @property
    def overall(self) -> float | None:
        return None if self.overall_estimate is None else self.overall_estimate.value

    @property
    def band(self) -> Band | None:
        return None if self.overall is None else band_for(self.overall)

    @property
    def band_range(self) -> str | None:
        return None if self.overall_estimate is None else band_range(self.overall_estimate)

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


def _area_result(area: Area, questions: list[Question], answers: Answers,
                 norm: AreaNorm | None) -> AreaResult:
    results, items, not_yet = [], [], []
    for question in questions:
        stored = answers.get(question.id, ())
        selection = question.scored_answer(stored)
        if stored and not selection:
            not_yet.append(question)
        if selection:
            result = QuestionResult(question, selection, question.fraction(selection))
            results.append(result)
            items.append(ItemScore(question.weight, result.fraction, question.kind.name,
                                   answer_levels(question)))
    roles = [r.question.kind.role for r in results]
    return AreaResult(
        area=area,
        estimate=area_estimate(items, norm),
        answered=len(results),
        total=len(questions),
        self_view=area_estimate([i for i, role in zip(items, roles) if role == SELF_REPORT]),
        tested=area_estimate([i for i, role in zip(items, roles) if role == TESTED]),
        results=tuple(results),
        not_yet=tuple(not_yet),
    )


def _calibration(result: AreaResult) -> Calibration | None:
    if result.self_view is None or result.tested is None:
        return None
    return Calibration(
        result.area, result.self_view, result.tested,
        self_items=sum(r.question.kind.role == SELF_REPORT for r in result.results),
        tested_results=tuple(r for r in result.results if r.question.kind.role == TESTED))


def _strength(r: float) -> str:
    return "a strong lean" if r >= 0.8 else "a clear lean" if r >= 0.5 else "a modest lean"


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
    missing = [a for a in areas if a.estimate is None]
    if missing:
        return PathFit(None, "", "No clear lean yet: the shape of your scores needs every area, "
                       f"and {_named(missing, scores=False)} has no answers yet.")
    profile = [a.estimate for a in areas]
    leans = tuple(PathLean(p, lean(profile, [p.emphasis.get(a.area.key, 0) for a in areas]))
                  for p in PATHS if p.emphasis is not None)
    even = evenness(profile)
    clear = sorted((f for f in leans if f.clear), key=lambda f: -f.lean.r)
    if clear:
        best = clear[0]
        return PathFit(best.path, _strength(best.lean.r), _lean_reason(best, areas), leans, even)
    ranked = sorted(areas, key=lambda a: a.score)
    lowest, highest = ranked[0], ranked[-1]
    widest = max(areas, key=lambda a: a.estimate.se)
    if even.even and widest.estimate.se <= BALANCE_MAX_SE:
        strength = "very even" if highest.score - lowest.score <= 15 else "even within measurement error"
        producer = next(p for p in PATHS if p.emphasis is None)
        return PathFit(producer, strength,
                       f"Your areas run from {_named([lowest])} to {_named([highest])}, and none "
                       "stands clearly above or below the others: the balance a producer needs, "
                       "because they run the whole process.", leans, even)
    if not even.even:
        why = (f"your areas differ (from {_named([lowest])} to {_named([highest])}), but not in "
               "the pattern of the engineer or the business path.")
    else:
        why = (f"your scores are still too uncertain to tell an even profile from an uneven one "
               f"({widest.area.title} is only known to lie {widest.estimate.words()})"
               + ("; answering the questions you skipped will sharpen it."
                  if any(a.answered < a.total for a in areas) else "."))
    return PathFit(None, "", f"No clear lean yet: {why}", leans, even)


def _next_steps(bank: Bank, areas: list[AreaResult]) -> tuple[StepAdvice, ...]:
    """Each low answer is worth what filling its gap would add to the overall score:
    gap x question weight / the area's answered weight x area weight / all areas' weight."""
    scored = [a for a in areas if a.estimate is not None]
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


def _named(results: list[AreaResult], lower: bool = False, scores: bool = True) -> str:
    return " and ".join((a.area.title.lower() if lower else a.area.title)
                        + (f" ({a.score:.0f})" if scores else "") for a in results)


def _headline(overall: Estimate | None, areas: list[AreaResult]) -> str:
    """One sentence: the overall band (or bands), what to lean on, what to work on."""
    scored = sorted((a for a in areas if a.score is not None), key=lambda a: -a.score)
    if overall is None:
        return "You have not answered enough questions for a readiness score yet."
    ready = next(b.floor for b in BANDS if b.key == "ready")
    strengths = [a for a in scored if a.score >= ready][:2]
    gaps = sorted((a for a in scored if a.score < ready), key=lambda a: a.score)[:2]
    if strengths:
        text = f"your strengths are {_named(strengths, lower=True)}" if len(strengths) > 1 \
            else f"your strength is {_named(strengths, lower=True)}"
    else:
        text = f"your strongest area so far is {_named(scored[:1], lower=True)}"
        gaps = [a for a in gaps if a is not scored[0]]
    if gaps:
        text += f"; your biggest {'gaps are' if len(gaps) > 1 else 'gap is'} {_named(gaps, lower=True)}"
    elif strengths:
        text += "; no area is below ready"
    return f"{band_range(overall)} — {text}."


def score(bank: Bank, answers: Answers, norms: Mapping[str, AreaNorm] | None = None) -> Report:
    """Score one attempt. `answers` maps question id to chosen option ids; a missing or
    empty entry is an unanswered question, never a zero. `norms` (per area key, from the
    norm group's first attempts) let an area's error be the classical SEM when larger."""
    norms = norms or {}
    areas = [_area_result(area, bank.questions_in(area.key), answers, norms.get(area.key))
             for area in bank.areas]
    overall = weighted_estimate((a.estimate, a.area.weight) for a in areas if a.estimate)
    steps = _next_steps(bank, areas)
    return Report(
        areas=tuple(areas),
        overall_estimate=overall,
        answered=sum(a.answered for a in areas),
        total=sum(a.total for a in areas),
        unanswered=tuple(q for q in bank.questions if not q.scored_answer(answers.get(q.id, ()))),
        calibrations=tuple(c for c in map(_calibration, areas) if c),
        path_fit=_path_fit(areas),
        next_steps=steps,
        resources=_resources(bank, areas, steps),
        headline=_headline(overall, areas),
    )


@dataclass(frozen=True)
class Retake:
    """A report against the taker's previous attempt: per area key, and overall, the change
    with its reliable change index, where both attempts have a score."""
    areas: Mapping[str, Change]
    overall: Change | None

    def smallest(self) -> tuple[float, float]:
        """The range of the smallest changes that count over the areas."""
        sizes = [c.smallest for c in self.areas.values()]
        return (min(sizes), max(sizes)) if sizes else (0.0, 0.0)


def retake(current: Report, previous: Report) -> Retake:
    before = {a.area.key: a.estimate for a in previous.areas}
    areas = {a.area.key: Change(before[a.area.key], a.estimate) for a in current.areas
             if a.estimate is not None and before.get(a.area.key) is not None}
    both = current.overall_estimate is not None and previous.overall_estimate is not None
    return Retake(areas, Change(previous.overall_estimate, current.overall_estimate) if both else None)

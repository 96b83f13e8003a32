"""The scoring engine: a bank and a set of answers in, a readiness report out.

Pure Python on purpose - no Flask, no SQLAlchemy - so it is fast, easy to test
and the same for the web report, the CSV export and the benchmarks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .bank.schema import Area, Bank, NextStep, Question, Resource
from .question_types import SELF_REPORT, TESTED, Answer, Review

Answers = Mapping[str, Answer]  # question id -> chosen option ids (ordered where order counts)

LOW = 0.5  # a question answered below this share of its points triggers its next step
STRONG = 0.75  # ... and at or above this share counts as a strength
CALIBRATION_GAP = 25  # points between self-rating and tested knowledge worth mentioning
MAX_NEXT_STEPS = 7


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


@dataclass(frozen=True)
class Path:
    key: str
    title: str
    summary: str
    emphasis: Mapping[str, float]  # how much each area matters for this path


PATHS = (
    Path("producer", "Music producer",
         "A producer oversees the whole creative process of a record - the songs, the musicians, "
         "the budget and the sessions - and shapes the overall sound and feel of the track.",
         {"musicianship": 1, "collaboration": 1, "technical": 1, "creativity": 1,
          "business": 1, "experience": 1}),
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
    score: float | None  # None when nothing in the area was answered
    answered: int
    total: int
    self_rating: float | None
    tested: float | None
    results: tuple[QuestionResult, ...]

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)

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
    area: Area
    self_rating: float
    tested: float
    missed: int
    scenarios: int

    @property
    def gap(self) -> float:
        return self.self_rating - self.tested

    @property
    def verdict(self) -> str:
        if self.gap > CALIBRATION_GAP:
            return "over"
        if self.gap < -CALIBRATION_GAP:
            return "under"
        return "matched"

    @property
    def message(self) -> str:
        title = self.area.title.lower()
        if self.verdict == "over":
            return (f"You rate yourself at {self.self_rating:.0f} in {title}, but your scenario "
                    f"answers scored {self.tested:.0f}: you missed {self.missed} of "
                    f"{self.scenarios}. Worth checking the feedback on those before you rely on it.")
        if self.verdict == "under":
            return (f"Your scenario answers in {title} scored {self.tested:.0f}, well above your "
                    f"self-rating of {self.self_rating:.0f}. You know more than you give yourself "
                    "credit for - trust it and put it to work.")
        return (f"Your self-rating ({self.self_rating:.0f}) and your scenario answers "
                f"({self.tested:.0f}) in {title} agree.")


@dataclass(frozen=True)
class PathFit:
    path: Path
    fit: float  # 0..100, how closely the profile's shape matches the path's emphasis
    reason: str


@dataclass(frozen=True)
class StepAdvice:
    step: NextStep
    priority: float
    because: tuple[QuestionResult, ...]
    resource: Resource | None


@dataclass(frozen=True)
class ResourceAdvice:
    resource: Resource
    areas: tuple[Area, ...]  # the areas whose answers pointed to it; empty = general reading


@dataclass(frozen=True)
class Report:
    areas: tuple[AreaResult, ...]
    overall: float | None
    answered: int
    total: int
    unanswered: tuple[Question, ...]
    calibrations: tuple[Calibration, ...]
    paths: tuple[PathFit, ...]  # best fit first; empty when too little was answered
    next_steps: tuple[StepAdvice, ...]
    resources: tuple[ResourceAdvice, ...]
    headline: str = field(default="")

    @property
    def band(self) -> Band | None:
        return None if self.overall is None else band_for(self.overall)

    @property
    def lean_may_change(self) -> bool:
        """Whether the overall score is still in the first band: low across the board, so the
        path the scores lean towards can change quickly."""
        return self.band == BANDS[0]

    @property
    def best_path(self) -> PathFit | None:
        return self.paths[0] if self.paths else None

    def area(self, key: str) -> AreaResult:
        return next(a for a in self.areas if a.area.key == key)

    def scores(self) -> dict[str, float | None]:
        return {a.area.key: a.score for a in self.areas}


def _weighted_score(results: list[QuestionResult]) -> float | None:
    weight = sum(r.question.weight for r in results)
    if not weight:
        return None
    return 100 * sum(r.question.weight * r.fraction for r in results) / weight


def _area_result(area: Area, questions: list[Question], answers: Answers) -> AreaResult:
    results = []
    for question in questions:
        selection = answers.get(question.id)
        if selection:
            results.append(QuestionResult(question, selection, question.fraction(selection)))
    return AreaResult(
        area=area,
        score=_weighted_score(results),
        answered=len(results),
        total=len(questions),
        self_rating=_weighted_score([r for r in results if r.question.kind.role == SELF_REPORT]),
        tested=_weighted_score([r for r in results if r.question.kind.role == TESTED]),
        results=tuple(results),
    )


def _calibration(result: AreaResult) -> Calibration | None:
    if result.self_rating is None or result.tested is None:
        return None
    scenarios = [r for r in result.results if r.question.kind.role == TESTED]
    return Calibration(result.area, result.self_rating, result.tested,
                       missed=sum(r.fraction < 1 for r in scenarios), scenarios=len(scenarios))


def _path_fits(areas: list[AreaResult]) -> tuple[PathFit, ...]:
    scored = [a for a in areas if a.score is not None]
    if len(scored) < 3 or not any(a.score for a in scored):
        return ()
    fits = []
    for path in PATHS:
        emphasis = [path.emphasis.get(a.area.key, 0) for a in scored]
        scores = [a.score for a in scored]
        dot = sum(e * s for e, s in zip(emphasis, scores))
        norm = math.hypot(*emphasis) * math.hypot(*scores)
        fits.append(PathFit(path, 100 * dot / norm if norm else 0, _path_reason(path, scored)))
    return tuple(sorted(fits, key=lambda f: -f.fit))


def _path_reason(path: Path, scored: list[AreaResult]) -> str:
    ranked = sorted(scored, key=lambda a: -a.score)
    spread = ranked[0].score - ranked[-1].score
    if path.key == "producer":
        shape = ("fairly even across the areas" if spread < 25
                 else f"uneven, from {ranked[-1].area.title} ({ranked[-1].score:.0f}) "
                      f"to {ranked[0].area.title} ({ranked[0].score:.0f})")
        return (f"Your scores are {shape}; a producer needs every area at once, because "
                "they run the whole process.")
    core = sorted(path.emphasis, key=lambda k: -path.emphasis[k])[:2]
    core_results = [a for a in scored if a.area.key in core]
    core_text = " and ".join(f"{a.area.title} ({a.score:.0f})" for a in core_results)
    return (f"This path rests on {core_text or 'areas you have not answered yet'}; "
            f"your strongest area is {ranked[0].area.title} ({ranked[0].score:.0f}).")


def _next_steps(bank: Bank, areas: list[AreaResult]) -> tuple[StepAdvice, ...]:
    triggered: dict[str, list[tuple[float, QuestionResult]]] = {}
    for area_result in areas:
        for result in area_result.gaps:
            step_id = result.question.next_step
            if step_id and bank.next_step(step_id):
                gap = (1 - result.fraction) * result.question.weight * area_result.area.weight
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


def _named(results: list[AreaResult]) -> str:
    return " and ".join(f"{a.area.title.lower()} ({a.score:.0f})" for a in results)


def _headline(overall: float | None, areas: list[AreaResult]) -> str:
    """One sentence: the overall band, what to lean on, what to work on."""
    scored = sorted((a for a in areas if a.score is not None), key=lambda a: -a.score)
    if overall is None:
        return "You have not answered enough questions for a readiness score yet."
    ready = next(b.floor for b in BANDS if b.key == "ready")
    strengths = [a for a in scored if a.score >= ready][:2]
    gaps = sorted((a for a in scored if a.score < ready), key=lambda a: a.score)[:2]
    if strengths:
        text = f"your strengths are {_named(strengths)}" if len(strengths) > 1 \
            else f"your strength is {_named(strengths)}"
    else:
        text = f"your strongest area so far is {_named(scored[:1])}"
        gaps = [a for a in gaps if a is not scored[0]]
    if gaps:
        text += f"; your biggest {'gaps are' if len(gaps) > 1 else 'gap is'} {_named(gaps)}"
    elif strengths:
        text += "; no area is below ready"
    return f"{band_for(overall).label} — {text}."


def score(bank: Bank, answers: Answers) -> Report:
    """Score one attempt. `answers` maps question id to chosen option ids; a missing or
    empty entry is an unanswered question, never a zero."""
    areas = [_area_result(area, bank.questions_in(area.key), answers) for area in bank.areas]
    scored = [a for a in areas if a.score is not None]
    area_weight = sum(a.area.weight for a in scored)
    overall = (sum(a.score * a.area.weight for a in scored) / area_weight) if area_weight else None
    steps = _next_steps(bank, areas)
    return Report(
        areas=tuple(areas),
        overall=overall,
        answered=sum(a.answered for a in areas),
        total=sum(a.total for a in areas),
        unanswered=tuple(q for q in bank.questions if not answers.get(q.id)),
        calibrations=tuple(c for c in map(_calibration, areas) if c),
        paths=_path_fits(areas),
        next_steps=steps,
        resources=_resources(bank, areas, steps),
        headline=_headline(overall, areas),
    )


def deltas(current: Report, previous: Report) -> dict[str, float | None]:
    """Per-area change against a previous attempt; None where either has no score."""
    before = previous.scores()
    return {
        key: (None if now is None or before.get(key) is None else now - before[key])
        for key, now in current.scores().items()
    }

"""The blueprint (`blueprint.yaml` in the bank directory): per area, the least number of scored
questions and the share of the area's weight each topic should carry. `bank check` compares the
bank with it and names the gaps.

    areas:
      business:
        min_questions: 12    # active questions (every type is scored)
        topics:              # topic id -> share of the area's weight (summing to 1)
          resp-budget: 0.15

A question's weight is split equally among its topics; a topic's share is its weight over the
area's total weight. The tolerance is relative: a topic may not fall below half its target
share (`RELATIVE_FLOOR`), so a small target cannot fall to nothing unflagged, and a topic with
a target above 0 needs at least one live (not retired) question. Pure Python, apart from
reading the file (with the loader's line numbers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quiz.domain.bank.loader import BLUEPRINT_FILE, BankError, BankInvalid, read_yaml
from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question

RELATIVE_FLOOR = 0.5  # a topic's share may fall to this part of its target, no lower
SUM_TOLERANCE = 0.01  # how far an area's topic shares may sum from 1


@dataclass(frozen=True)
class AreaPlan:
    key: str
    line: int
    min_questions: int
    min_questions_line: int
    topics: dict[str, float]  # topic id -> target share
    topic_lines: dict[str, int]
    topics_line: int


@dataclass(frozen=True)
class Blueprint:
    label: str  # the file, as errors name it: "questions/blueprint.yaml"
    areas: dict[str, AreaPlan]
    areas_line: int


def _share(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def read_blueprint(directory: str | Path) -> Blueprint | None:
    """The bank's blueprint; None when it has none. Raises `BankInvalid` (with file:line)
    when the file is not a blueprint."""
    directory = Path(directory)
    path = directory / BLUEPRINT_FILE
    if not path.exists():
        return None
    label = f"{directory.name}/{BLUEPRINT_FILE}"
    errors: list[BankError] = []
    data = read_yaml(path, label, errors)
    if data is None:
        raise BankInvalid(errors)

    def fail(line: int, message: str) -> None:
        errors.append(BankError(label, line, message))

    for key in data:
        if key != "areas":
            fail(data.line_of(key), f"unknown key {key!r} (a blueprint has areas; the tolerance is "
                                    f"fixed: a topic may fall to {RELATIVE_FLOOR:.0%} of its target)")
    areas = data.get("areas")
    plans: dict[str, AreaPlan] = {}
    if not isinstance(areas, dict) or not areas:
        fail(data.line_of("areas"), "areas must map each area key to its plan")
        areas = {}
    for key, plan in areas.items():
        line = areas.line_of(key)
        if not isinstance(plan, dict):
            fail(line, f"area {key}: give min_questions and topics")
            continue
        for field in plan:
            if field not in ("min_questions", "topics"):
                fail(plan.line_of(field), f"area {key}: unknown key {field!r} "
                                          "(an area has min_questions and topics)")
        least = plan.get("min_questions")
        if isinstance(least, bool) or not isinstance(least, int) or least < 0:
            fail(plan.line_of("min_questions"),
                 f"area {key}: min_questions must be a whole number of 0 or more, not {least!r}")
        topics = plan.get("topics")
        if not isinstance(topics, dict) or not topics:
            fail(plan.line_of("topics"), f"area {key}: topics must map topic ids to shares")
            topics = {}
        for topic, share in topics.items():
            value = _share(share)
            if value is None or not 0 < value <= 1:
                fail(topics.line_of(topic), f"area {key}: the share of topic {topic} must be a "
                                            f"number above 0 and at most 1, not {share!r}")
        plans[str(key)] = AreaPlan(
            key=str(key), line=line, min_questions=least if isinstance(least, int) else 0,
            min_questions_line=plan.line_of("min_questions"),
            topics={str(t): _share(s) or 0.0 for t, s in topics.items()},
            topic_lines={str(t): topics.line_of(t) for t in topics}, topics_line=plan.line_of("topics"))
    if errors:
        raise BankInvalid(errors)
    return Blueprint(label, plans, data.line_of("areas"))


def topic_shares(questions: Iterable[Question]) -> dict[str, float]:
    """Topic id -> its share of the questions' total weight, each question's weight split
    equally among its topics."""
    weights: dict[str, float] = {}
    total = 0.0
    for question in questions:
        total += question.weight
        for topic in question.topics:
            weights[topic] = weights.get(topic, 0.0) + question.weight / len(question.topics)
    return {topic: weight / total for topic, weight in weights.items()} if total else {}


def gaps(bank: Bank, blueprint: Blueprint) -> list[BankError]:
    """Where the bank falls short of the blueprint, each at the blueprint line it concerns."""
    found: list[BankError] = []

    def gap(line: int, message: str) -> None:
        found.append(BankError(blueprint.label, line, message))

    topic_ids = {t.id for t in bank.topics}
    area_keys = {a.key for a in bank.areas}
    for area in bank.areas:
        if area.key not in blueprint.areas:
            gap(blueprint.areas_line, f"area {area.key} has no plan in the blueprint")
    for plan in blueprint.areas.values():
        if plan.key not in area_keys:
            gap(plan.line, f"unknown area {plan.key!r}")
            continue
        active = [q for q in bank.questions_in(plan.key) if not q.retired]
        if len(active) < plan.min_questions:
            gap(plan.min_questions_line, f"area {plan.key} has {len(active)} scored questions; "
                                         f"the blueprint asks for at least {plan.min_questions}")
        total = sum(plan.topics.values())
        if abs(total - 1) > SUM_TOLERANCE:
            gap(plan.topics_line, f"area {plan.key}: the topic shares sum to {total:.2f}, not 1")
        shares = topic_shares(active)
        live = {topic for question in active for topic in question.topics}
        for topic, target in plan.topics.items():
            line = plan.topic_lines[topic]
            if topic not in topic_ids:
                gap(line, f"area {plan.key}: unknown topic {topic!r} (not in topics.yaml)")
            elif target > 0 and topic not in live:
                gap(line, f"area {plan.key}: topic {topic} has no live question; the blueprint asks "
                          f"for {target:.0%} of the area's weight")
            elif shares.get(topic, 0.0) < target * RELATIVE_FLOOR:
                gap(line, f"area {plan.key}: topic {topic} carries {shares.get(topic, 0.0):.1%} of "
                          f"the area's weight; the blueprint asks for {target:.0%} "
                          f"(at least {target * RELATIVE_FLOOR:.1%}, half of it)")
    return found

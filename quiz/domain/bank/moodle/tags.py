"""The Moodle tags an exported question carries its bank settings in, so that importing the
export gives back the same question; Moodle keeps tags through its own import and export.

    quiz-type:self_rating        the bank's type (also marks a question this quiz exported)
    quiz-area:technical          area, topics (one tag each), weight, next step and resource
    quiz-topic:resp-mix-master
    quiz-weight:2
    quiz-next-step:practise-mixing
    quiz-resource:mixing-secrets
    quiz-option-1:mix-first:3    each option's id and exact points (and ":none" for a
    quiz-option-2:none:0:none    checklist's "none of these"), by its place in the answers
    quiz-scale:ability           a self-rating's scale ("legacy": the old "like me" scale),
    quiz-reverse                 whether it is reverse-scored and offers "I haven't had
    quiz-needs-experience        the chance yet"

Tags that do not start with "quiz-" are the teacher's own and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

PREFIX = "quiz-"
LEGACY_SCALE = "legacy"
_OPTION = re.compile(r"^quiz-option-(\d{1,3}):([^:]+)(?::([0-9.]+))?(:none)?$")


@dataclass(frozen=True)
class Tagged:
    type: str | None = None
    settings: dict = field(default_factory=dict)  # area, topics, weight, next_step, resource
    self_rating_fields: dict = field(default_factory=dict)  # scale, reverse, needs_experience
    option_ids: list[str] = field(default_factory=list)
    points: list[float] | None = None
    none_options: frozenset[str] = frozenset()
    labelled: bool = False  # the question's name is its bank label


def _number(text: str) -> float | int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def read(tags: Iterable[str]) -> Tagged:
    values: dict[str, list[str]] = {}
    options: dict[int, tuple[str, str | None, bool]] = {}
    flags = set()
    for tag in tags:
        tag = tag.strip()
        if match := _OPTION.match(tag):
            options[int(match.group(1))] = (match.group(2), match.group(3), bool(match.group(4)))
        elif tag.startswith(PREFIX) and ":" in tag:
            key, _, value = tag[len(PREFIX):].partition(":")
            values.setdefault(key, []).append(value.strip())
        elif tag.startswith(PREFIX):
            flags.add(tag[len(PREFIX):])
    settings: dict = {}
    for key, name in (("area", "area"), ("next-step", "next_step"), ("resource", "resource")):
        if values.get(key):
            settings[name] = values[key][0]
    if values.get("topic"):
        settings["topics"] = values["topic"]
    if values.get("weight") and (weight := _number(values["weight"][0])) is not None:
        settings["weight"] = weight
    scale = (values.get("scale") or [None])[0]
    self_rating = {"scale": [1, 5] if scale == LEGACY_SCALE else scale or "ability",
                   "reverse": "reverse" in flags, "needs_experience": "needs-experience" in flags}
    ordered = [options[n] for n in sorted(options)]
    complete = sorted(options) == list(range(1, len(options) + 1))
    points = [_number(p) for _, p, _ in ordered if p is not None] if complete else []
    return Tagged(
        type=(values.get("type") or [None])[0], settings=settings, self_rating_fields=self_rating,
        option_ids=[option_id for option_id, _, _ in ordered] if complete else [],
        points=points if len(points) == len(ordered) and None not in points else None,
        none_options=frozenset(option_id for option_id, _, none in ordered if none),
        labelled="labelled" in flags)


def _written_number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else repr(float(value))


def written(question) -> list[str]:
    """The tags of a bank question (`quiz.domain.bank.plain.Question`)."""
    tags = [f"{PREFIX}type:{question.type}", f"{PREFIX}area:{question.area}"]
    tags += [f"{PREFIX}topic:{topic}" for topic in question.topics]
    tags.append(f"{PREFIX}weight:{_written_number(question.weight)}")
    if question.label:
        tags.append(f"{PREFIX}labelled")
    if question.next_step:
        tags.append(f"{PREFIX}next-step:{question.next_step}")
    if question.resource:
        tags.append(f"{PREFIX}resource:{question.resource}")
    if question.type == "self_rating":
        tags.append(f"{PREFIX}scale:{question.scale or LEGACY_SCALE}")
        tags += [f"{PREFIX}{flag}" for flag, on in (("reverse", question.reverse),
                                                     ("needs-experience", question.needs_experience)) if on]
        return tags
    for number, option in enumerate(question.options, start=1):
        scored = "points" in question.kind.option_fields
        tags.append(f"{PREFIX}option-{number}:{option.id}" + (f":{_written_number(option.points)}" if scored else "")
                    + (":none" if option.none else ""))
    return tags

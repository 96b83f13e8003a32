"""The rules a question and the catalog (topics, areas, resources, next steps) must follow;
the question rules are shared by the YAML loader and the instructor forms.

Input is plain data (a mapping as read from YAML or gathered from a form); output
is the plain item and a list of problems, each naming the field it is about.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from quiz.domain import question_types
from quiz.domain.bank.plain import Area, NextStep, Resource, Topic
from quiz.domain.plain_numbers import HOW_TO_WRITE_ONE, plain_number
from quiz.domain.question_types.question import Option, Question

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_TEXT = 2000
# Weights (a question's, an area's) are above 0 and at most MAX_WEIGHT; an option's points
# are from 0 to MAX_POINTS. Both finite: an infinite or NaN value breaks every score it is in.
MAX_WEIGHT = 100
MAX_POINTS = 100


@dataclass(frozen=True)
class Known:
    """The ids a question may refer to."""

    areas: frozenset[str]
    topics: frozenset[str]
    next_steps: frozenset[str]
    resources: frozenset[str]


@dataclass(frozen=True)
class Problem:
    field: str | None  # "weight", "options", an option's field "options.2.id"; None: the whole item
    message: str


class _Checker:
    def __init__(self, data: Mapping):
        self.data = data
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def text(self, field: str, source: Mapping | None = None, *, required: bool,
             where: str = "") -> str:
        source = self.data if source is None else source
        value = source.get(field.rsplit(".", 1)[-1])
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, f"{where}{field.rsplit('.', 1)[-1]} is missing")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(field, f"{where}{field.rsplit('.', 1)[-1]} must be text")
            return ""
        value = str(value).strip()
        if len(value) > MAX_TEXT:
            self.fail(field, f"{where}{field.rsplit('.', 1)[-1]} is longer than {MAX_TEXT} characters")
        return value

    def number(self, field: str, source: Mapping, default: float, *, where: str = "") -> float | None:
        """The field as a float; None, and a problem, for a value that is not a finite number."""
        name = field.rsplit(".", 1)[-1]
        value = source.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            # Typed by a person: plain digits only, never float()'s "1_0", "٣", "1e3" or "inf".
            number = plain_number(str(value))  # 4,000 digits give inf
            if number is None:
                self.fail(field, f"{name} must be a number written with {HOW_TO_WRITE_ONE}, "
                                 f"not {_shortened(repr(value))}")
                return None
        else:
            try:
                number = float(value)
            except OverflowError:  # an int too large for a float
                number = math.inf
        if not math.isfinite(number):
            self.fail(field, f"{where}{name} must be a finite number, not {_shortened(str(value).strip())}")
            return None
        return number

    def reference(self, field: str, allowed: frozenset[str], kind: str) -> str | None:
        value = self.data.get(field)
        if value in (None, ""):
            return None
        if value not in allowed:
            self.fail(field, f"unknown {kind} {value!r}")
        return str(value)


def check_question(data: Mapping, known: Known) -> tuple[Question | None, list[Problem]]:
    """Validate one question's raw data; return the question or what is wrong."""
    c = _Checker(data)
    qid = c.text("id", required=True)
    if qid and not ID_PATTERN.match(qid):
        c.fail("id", f"question id {qid!r} must be lowercase letters, digits, '-' or '_'")
    where = f"in question {qid}: " if qid else ""
    area = c.text("area", required=True, where=where)
    if area and area not in known.areas:
        c.fail("area", f"unknown area {area!r} in question {qid}")
    qtype = c.text("type", required=True, where=where)
    if qtype and qtype not in question_types.QUESTION_TYPES:
        c.fail("type", f"unknown type {qtype!r} in question {qid} "
                       f"(use one of {', '.join(question_types.QUESTION_TYPES)})")
    prompt = c.text("prompt", required=True, where=where)
    weight = c.number("weight", data, 1.0, where=where)
    if weight is not None and weight <= 0:
        c.fail("weight", f"weight must be greater than 0 in question {qid}, not {weight:g}")
    elif weight is not None and weight > MAX_WEIGHT:
        c.fail("weight", f"weight must be at most {MAX_WEIGHT} in question {qid}, not {weight:g}")

    topics = data.get("topics") or []
    if isinstance(topics, str):
        topics = [t.strip() for t in topics.split(",") if t.strip()]
    if not isinstance(topics, list):
        c.fail("topics", f"topics must be a list in question {qid}")
        topics = []
    for topic in topics:
        if topic not in known.topics:
            c.fail("topics", f"unknown topic {topic!r} in question {qid}")
    if not topics:
        c.fail("topics", f"question {qid} must cover at least one topic")

    feedback = c.text("feedback", required=False)
    rationale = c.text("rationale", required=False)
    next_step = c.reference("next_step", known.next_steps, "next step")
    resource = c.reference("resource", known.resources, "resource")
    reverse = data.get("reverse", False)
    if not isinstance(reverse, bool):
        c.fail("reverse", f"reverse must be true or false in question {qid}, not {reverse!r}")

    kind = question_types.BY_NAME.get(qtype)
    options: tuple[Option, ...] = ()
    own: dict = {}
    if kind is not None:
        own = kind.own_fields(c.data)
        options = (kind.completed_options(_options(c, qid, kind)) if kind.takes_options
                   else kind.fixed_options(reverse is True and kind.reversible, **own))
        for field_name, message in kind.problems(c.data, options, qid):
            c.fail(field_name, message)

    if c.problems:
        return None, c.problems
    return Question(
        id=qid, area=area, type=qtype, prompt=prompt, weight=weight,
        topics=tuple(topics), feedback=feedback, next_step=next_step,
        resource=resource, reverse=reverse is True and kind.reversible,
        options=options, retired=bool(data.get("retired", False)), rationale=rationale, **own,
    ), []


def _options(c: _Checker, qid: str, kind: question_types.QuestionType) -> tuple[Option, ...]:
    """The options as written; how many a type takes and what they may score is the type's rule."""
    raw = c.data.get("options")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.fail("options", f"the options of question {qid} must be a list")
        return ()
    options, seen = [], set()
    for index, item in enumerate(raw):
        field = f"options.{index}"
        if not isinstance(item, Mapping):
            c.fail(field, f"option {index + 1} of question {qid} must be a mapping")
            continue
        oid = c.text(f"{field}.id", item, required=True, where=f"option {index + 1} of question {qid}: ")
        if oid and not ID_PATTERN.match(oid):
            c.fail(f"{field}.id", f"option id {oid!r} in question {qid} must be lowercase "
                                  "letters, digits, '-' or '_'")
        if oid in seen:
            c.fail(f"{field}.id", f"option id {oid!r} is used twice in question {qid}")
        seen.add(oid)
        text = c.text(f"{field}.text", item, required=True, where=f"option {oid or index + 1} of question {qid}: ")
        points = c.number(f"{field}.points", item, 0, where=f"option {oid} of question {qid}: ")
        if points is None:
            points = 0.0  # not a finite number: said already; the type's rules still run
        elif points < 0:
            c.fail(f"{field}.points", f"option {oid} of question {qid} has negative points")
        elif points > MAX_POINTS:
            c.fail(f"{field}.points", f"option {oid} of question {qid} has more than {MAX_POINTS} points")
        feedback = c.text(f"{field}.feedback", item, required=False)
        none = bool(item.get("none", False))
        if none and "none" not in kind.option_fields:
            c.fail(f"{field}.none", f"only {_types_with('none')} questions can have a "
                                    f"'none of these' option ({qid})")
        options.append(Option(id=oid, text=text, points=points, feedback=feedback, none=none))
    return tuple(options)


def _shortened(text: str, keep: int = 12) -> str:
    """A value as a message shows it: a 4,000-digit number is cut to its first digits."""
    return text if len(text) <= keep else text[:keep] + "\u2026"


def _types_with(option_field: str) -> str:
    return " and ".join(kind.name for kind in question_types.KINDS if option_field in kind.option_fields)


# --- the catalog ------------------------------------------------------------------------------

def _missing(data: Mapping, fields: tuple[str, ...], what: str) -> list[Problem]:
    return [Problem(None, f"{what} is missing '{field}'") for field in fields
            if not str(data.get(field) or "").strip()]


def check_topic(data: Mapping) -> tuple[Topic | None, list[Problem]]:
    problems = _missing(data, ("id", "description"), "topic")
    if problems:
        return None, problems
    return Topic(str(data["id"]), str(data["description"]).strip()), []


def check_area(data: Mapping) -> tuple[Area | None, list[Problem]]:
    problems = _missing(data, ("key", "title", "description"), "area")
    if problems:
        return None, problems
    if not ID_PATTERN.match(str(data["key"])):
        return None, [Problem("key", f"area key {data['key']!r} "
                                     "must be lowercase letters, digits, '-' or '_'")]
    weight = data.get("weight", 1)
    # Compared as given: NaN fails both comparisons, and a huge int is never turned into a float.
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= MAX_WEIGHT:
        return None, [Problem("weight", f"area {data['key']}: weight must be a number above 0 "
                                        f"and at most {MAX_WEIGHT}")]
    return Area(str(data["key"]), str(data["title"]), str(data["description"]).strip(),
                float(weight)), []


def check_resource(data: Mapping) -> tuple[Resource | None, list[Problem]]:
    problems = _missing(data, ("id", "title", "author", "good_for"), "resource")
    if problems:
        return None, problems
    return Resource(str(data["id"]), str(data["title"]), str(data["author"]),
                    str(data["good_for"]).strip()), []


def check_next_step(data: Mapping, area_keys: frozenset[str],
                    resource_ids: frozenset[str]) -> tuple[NextStep | None, list[Problem]]:
    """A step whose area or resource is unknown still comes back, with those problems, so the
    questions that point at it are not reported as well."""
    problems = _missing(data, ("id", "area", "title", "detail"), "next step")
    if problems:
        return None, problems
    if data["area"] not in area_keys:
        problems.append(Problem("area", f"unknown area {data['area']!r} in next step {data['id']}"))
    if data.get("resource") and data["resource"] not in resource_ids:
        problems.append(Problem("resource",
                                f"unknown resource {data['resource']!r} in next step {data['id']}"))
    return NextStep(str(data["id"]), str(data["area"]), str(data["title"]), str(data["detail"]).strip(),
                    data.get("resource")), problems

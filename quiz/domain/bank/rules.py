"""The rules a question and the catalog (topics, areas, resources, next steps) must follow;
the question rules are shared by the YAML loader, the instructor forms and the restoring of
an old version.

Input is plain data (a mapping as read from YAML or gathered from a form). Its shape - which
keys, of which types, numbers finite, texts not empty - is the schema's (`schema`, each type's
own model in its `fields`); here is what the schema cannot know: whether the ids it names
exist, and each type's own rules (`QuestionType.problems`). Output is the plain item and a list
of problems, each naming the field it is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quiz.domain import question_types
from quiz.domain.bank import schema
from quiz.domain.bank.plain import Area, Bank, NextStep, Resource, Topic
from quiz.domain.bank.schema import Fault
from quiz.domain.question_types.fields import QuestionFields
from quiz.domain.question_types.question import Option, Question


@dataclass(frozen=True)
class Known:
    """The ids a question may refer to."""

    areas: frozenset[str]
    topics: frozenset[str]
    next_steps: frozenset[str]
    resources: frozenset[str]

    @classmethod
    def of(cls, bank: Bank) -> Known:
        """What a question of `bank` may refer to: its catalog."""
        return cls(areas=frozenset(a.key for a in bank.areas), topics=frozenset(t.id for t in bank.topics),
                   next_steps=frozenset(s.id for s in bank.next_steps),
                   resources=frozenset(r.id for r in bank.resources))


@dataclass(frozen=True)
class Problem:
    field: str | None  # "weight", "options", an option's field "options.2.id"; None: the whole item
    message: str


def _problems(faults: list[Fault]) -> list[Problem]:
    return [Problem(fault.field, fault.message) for fault in faults]


def check_question(data: Mapping, known: Known) -> tuple[Question | None, list[Problem]]:
    """Validate one question's raw data; return the question or what is wrong."""
    qtype = data.get("type")
    kind = question_types.BY_NAME.get(qtype) if isinstance(qtype, str) else None
    if kind is None:
        return None, _unknown_type(data, qtype)
    fields, faults = schema.question_faults(kind.fields, data)
    if fields is None:
        return None, _problems(faults) + _option_count(kind, data, faults)
    qid = fields.id
    problems = []
    if fields.area not in known.areas:
        problems.append(Problem("area", f"unknown area {fields.area!r} in question {qid}"))
    problems += [Problem("topics", f"unknown topic {topic!r} in question {qid}")
                 for topic in fields.topics if topic not in known.topics]
    for field, allowed, kind_name in (("next_step", known.next_steps, "next step"),
                                      ("resource", known.resources, "resource")):
        if getattr(fields, field) is not None and getattr(fields, field) not in allowed:
            problems.append(Problem(field, f"unknown {kind_name} {getattr(fields, field)!r}"))
    own = fields.own_fields()
    reverse = own.pop("reverse", False) and kind.reversible
    options = (kind.completed_options(tuple(Option(**option.model_dump()) for option in fields.options))
               if kind.takes_options
               else kind.fixed_options(reverse, **own))
    problems += [Problem(field, message) for field, message in kind.problems(data, options, qid)]
    if problems:
        return None, problems
    return Question(
        id=qid, area=fields.area, type=kind.name, prompt=fields.prompt, weight=fields.weight,
        topics=tuple(fields.topics), feedback=fields.feedback, next_step=fields.next_step,
        resource=fields.resource, reverse=reverse, options=options, retired=fields.retired,
        rationale=fields.rationale, label=fields.label, **own,
    ), []


def _option_count(kind, data: Mapping, faults: list[Fault]) -> list[Problem]:
    """With other fields at fault but the options in shape, the type's own rules on them too
    (too few options, none that scores), so the editor shows every problem at once."""
    options = data.get("options")
    options_at_fault = any(f.path[:1] == ("options",) for f in faults)
    if not kind.takes_options or options_at_fault or not isinstance(options, list):
        return []
    written = tuple(Option(**kind.option_model.model_validate(option).model_dump()) for option in options)
    qid = data["id"] if isinstance(data.get("id"), str) else ""
    return [Problem(field, message)
            for field, message in kind.problems(data, kind.completed_options(written), qid)]


def _unknown_type(data: Mapping, qtype) -> list[Problem]:
    """The type is missing or unknown: said, with what the fields every question has show."""
    qid = data.get("id") if isinstance(data.get("id"), str) else ""
    if isinstance(qtype, str) and qtype.strip():
        first = [Problem("type", f"unknown type {qtype!r} in question {qid} "
                                 f"(use one of {', '.join(question_types.QUESTION_TYPES)})")]
        data = {**data, "type": "unknown"}
    else:
        first = []  # missing or not text: the schema says so
    _, faults = schema.question_faults(QuestionFields, data)
    return first + _problems([f for f in faults if "unknown key" not in f.message])


# --- the catalog ------------------------------------------------------------------------------

def check_topic(data: Mapping) -> tuple[Topic | None, list[Problem]]:
    topic, faults = schema.validated(schema.TopicFields, data, _named("topic", data, "id"))
    return (Topic(topic.id, topic.description) if topic else None), _problems(faults)


def check_area(data: Mapping) -> tuple[Area | None, list[Problem]]:
    area, faults = schema.validated(schema.AreaFields, data, _named("area", data, "key"))
    return (Area(area.key, area.title, area.description, area.weight) if area else None), _problems(faults)


def check_resource(data: Mapping) -> tuple[Resource | None, list[Problem]]:
    found, faults = schema.validated(schema.ResourceFields, data, _named("resource", data, "id"))
    return (Resource(found.id, found.title, found.author, found.good_for) if found else None), \
        _problems(faults)


def check_next_step(data: Mapping, area_keys: frozenset[str],
                    resource_ids: frozenset[str]) -> tuple[NextStep | None, list[Problem]]:
    """A step whose area or resource is unknown still comes back, with those problems, so the
    questions that point at it are not reported as well."""
    step, faults = schema.validated(schema.NextStepFields, data, _named("next step", data, "id"))
    if step is None:
        return None, _problems(faults)
    problems = []
    if step.area not in area_keys:
        problems.append(Problem("area", f"unknown area {step.area!r} in next step {step.id}"))
    if step.resource and step.resource not in resource_ids:
        problems.append(Problem("resource", f"unknown resource {step.resource!r} in next step {step.id}"))
    return NextStep(step.id, step.area, step.title, step.detail, step.resource), problems


def _named(kind: str, data: Mapping, key: str) -> str:
    """ "area technical": what a catalog entry's faults are about."""
    name = data.get(key) if isinstance(data, Mapping) else None
    return f"{kind} {name}" if isinstance(name, str) and name.strip() else kind

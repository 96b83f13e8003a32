"""The bank's schema: the shape of every question, option and catalog entry, checked by
pydantic with unknown keys refused (`extra="forbid"`), and each fault said in plain words
with the path of the field it is about.

One set of rules for every way into the bank: `bank check` and `bank load` (the YAML loader,
which turns a fault's path into a file and line), the import page (the same loader), the
instructor editor (a fault's path into a form field) and the restoring of an old version.

Every question type declares its own model, a subclass of `QuestionFields` (the fields every
question has) held in the type's `fields` class attribute, with its options' model: a new type
only adds its class. What the schema cannot know - whether a topic or next step exists, how
many options a type takes - is for `quiz.bank.rules` and the types' own `problems`.

Pure Python apart from pydantic: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ValidationError

from quiz.domain.question_types.fields import (
    Id,
    QuestionFields,
    Reference,
    Strict,
    Text,
    Weight,
    blank_is_empty_list,
)

# --- the catalog ---------------------------------------------------------------------------

class TopicFields(Strict):
    id: Id
    description: Text


class AreaFields(Strict):
    key: Id
    title: Text
    description: Text
    weight: Weight = 1.0


class ResourceFields(Strict):
    id: Id
    title: Text
    author: Text
    good_for: Text


class NextStepFields(Strict):
    id: Id
    area: Id
    title: Text
    detail: Text
    resource: Reference = None


Entries = Annotated[list[dict], BeforeValidator(blank_is_empty_list)]


class TopicsFile(Strict):
    topics: Entries = []


class CatalogFile(Strict):
    areas: Entries = []
    resources: Entries = []
    next_steps: Entries = []


class AreaFile(Strict):
    area: Id
    questions: Entries = []


# --- faults in plain words -----------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Fault:
    path: Path  # ("weight",), ("options", 2, "text"); () for the whole item
    message: str

    @property
    def field(self) -> str | None:
        """The path as the bank's rules name fields: "options.2.text"."""
        return ".".join(map(str, self.path)) or None


def validated(model: type[BaseModel], data: Any, subject: str = "") -> tuple[Any, list[Fault]]:
    """`data` as an instance of `model`, or None with every fault; `subject` names what the
    data is ("question tech-mix-03", "area technical") in the messages."""
    try:
        return model.model_validate(data), []
    except ValidationError as invalid:
        return None, [_fault(error, model, data, subject) for error in invalid.errors()]


def question_faults(model: type[QuestionFields], data: Mapping) -> tuple[QuestionFields | None, list[Fault]]:
    """A question's data checked against its type's model, option ids unique within it."""
    qid = _text_or_empty(data.get("id"))
    question, faults = validated(model, data, f"question {qid}" if qid else "")
    faults += _repeated_option_ids(data, qid)
    return (None if faults else question), faults


def _repeated_option_ids(data: Mapping, qid: str) -> list[Fault]:
    options = data.get("options")
    if not isinstance(options, list):
        return []
    seen, faults = set(), []
    for index, option in enumerate(options):
        oid = _text_or_empty(option.get("id")) if isinstance(option, Mapping) else ""
        if oid and oid in seen:
            faults.append(Fault(("options", index, "id"),
                                f"option id {oid!r} is used twice in question {qid}"))
        seen.add(oid)
    return faults


def _text_or_empty(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _kind_of(value: Any) -> str:
    """What was written instead, in a writer's words."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, Mapping):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return _shortened(repr(value))


def _shortened(text: str, keep: int = 12) -> str:
    """A value as a message shows it: a 4,000-digit number is cut to its first digits."""
    return text if len(text) <= keep else text[:keep] + "\u2026"


def _where(data: Any, path: Path, subject: str) -> str:
    """ "option b of question tech-mix-03: " for a fault inside an option; "in question
    tech-mix-03: " for the rest (nothing when the subject has no name yet)."""
    if len(path) > 1 and path[0] == "options" and isinstance(path[1], int) and isinstance(data, Mapping):
        options = data.get("options")
        option = options[path[1]] if isinstance(options, list) and path[1] < len(options) else None
        oid = _text_or_empty(option.get("id")) if isinstance(option, Mapping) else ""
        return f"option {oid or path[1] + 1}{' of ' + subject if subject else ''}: "
    return f"in {subject}: " if subject else ""


def _name(path: Path) -> str:
    """The field a fault is about: "prompt", "text"; a list's item as "topics item 2"."""
    if not path:
        return "the item"
    last = path[-1]
    if isinstance(last, int):
        return f"{path[-2]} item {last + 1}" if len(path) > 1 else f"item {last + 1}"
    return str(last)


def _allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    """The keys the mapping holding `path`'s last key may have."""
    for step in path[:-1]:
        if isinstance(step, int):
            continue
        annotation = model.model_fields[step].annotation if step in model.model_fields else None
        inner = (annotation, *getattr(annotation, "__args__", ()))  # a model, or a list or union of one
        nested = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _fault(error: dict, model: type[BaseModel], data: Any, subject: str) -> Fault:
    path: Path = tuple(error["loc"])
    where, name, given, kind = _where(data, path, subject), _name(path), error.get("input"), error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return Fault(path, _unknown_key(model, path, given, where))
    if kind == "string_pattern_mismatch":
        if not str(given).strip():
            return Fault(path, f"{where}{name} is missing")
        owner = "option" if where.startswith("option") else (subject.split(" ")[0] or "question")
        tail = f" in {subject}" if owner == "option" and subject else ""
        item = f"{owner} {name}" if name in ("id", "key") else f"{where}{name}"
        return Fault(path, f"{item} {given!r}{tail} must be lowercase letters, digits, '-' or '_'")
    if kind == "finite_number":  # said as written: an int too large for a float was made infinite
        given = _written(data, path, given)
    if kind == "too_short" and name == "topics":
        return Fault(path, f"{subject or 'the question'} must cover at least one topic")
    return Fault(path, where + name + " " + _problem(kind, given, ctx, error["msg"]))


def _written(data: Any, path: Path, default: Any) -> Any:
    """The value at `path` in `data` as it was written, before any conversion."""
    for step in path:
        if isinstance(data, Mapping) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return default
    return data


def _problem(kind: str, given: Any, ctx: dict, default: str) -> str:
    """What is wrong, said after the field's name."""
    number = (f"{given:g}" if isinstance(given, float) and math.isfinite(given) else _shortened(str(given)))
    words = {
        "missing": "is missing",
        "string_too_short": "is missing",
        "string_too_long": f"is longer than {ctx.get('max_length')} characters",
        "string_type": f"must be text, not {_kind_of(given)}",
        "float_type": f"must be a number, not {_kind_of(given)}",
        "float_parsing": f"must be a number, not {_kind_of(given)}",
        "int_type": f"must be a whole number, not {_kind_of(given)}",
        "int_parsing": f"must be a whole number, not {_kind_of(given)}",
        "int_from_float": f"must be a whole number, not {_kind_of(given)}",
        "finite_number": f"must be a finite number, not {_shortened(str(given).strip())}",
        "greater_than": f"must be greater than {ctx.get('gt', 0):g}, not {number}",
        "greater_than_equal": f"must be at least {ctx.get('ge', 0):g}, not {number}",
        "less_than_equal": f"must be at most {ctx.get('le', 0):g}, not {number}",
        "bool_type": f"must be true or false, not {_kind_of(given)}",
        "bool_parsing": f"must be true or false, not {_kind_of(given)}",
        "list_type": f"must be a list, not {_kind_of(given)}",
        "dict_type": f"must be a mapping (key: value), not {_kind_of(given)}",
        "model_type": f"must be a mapping (key: value), not {_kind_of(given)}",
        "model_attributes_type": f"must be a mapping (key: value), not {_kind_of(given)}",
        "too_long": f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed",
        "too_short": f"needs at least {ctx.get('min_length')} item(s)",
        "literal_error": f"must be {ctx.get('expected')}, not {_kind_of(given)}",
        "invalid_key": f"has a key that is not text: {_kind_of(given)}",
    }
    return words.get(kind, default[:1].lower() + default[1:])


def _unknown_key(model: type[BaseModel], path: Path, value: Any, where: str) -> str:
    allowed = _allowed_keys(model, path)
    message = f"{where}unknown key {_shortened(str(path[-1]), 40)!r}"
    if allowed:
        message += f" (allowed here: {', '.join(allowed)})"
    if value is None and isinstance(path[-1], str) and " " in path[-1]:
        # `{id: x, text: A part (riff, harmony or beat), points: 1}`: an unquoted comma in a
        # mapping written on one line ends the text there, and the rest becomes a key.
        message += ("; if it is the rest of a text cut short at a comma, put that whole text "
                    "in quotes")
    return message

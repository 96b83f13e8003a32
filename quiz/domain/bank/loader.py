"""Read a question bank from YAML files, with errors that name file, line and field.

A bank directory holds `topics.yaml`, `catalog.yaml` (areas, resources, next steps)
and one file per area (`technical.yaml`, ...) with that area's questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from quiz.domain.bank import rules, schema
from quiz.domain.bank.plain import Area, Bank, NextStep, Resource, Topic
from quiz.domain.bank.rules import Known, Problem
from quiz.domain.question_types.question import Question

CATALOG_FILE = "catalog.yaml"
TOPICS_FILE = "topics.yaml"
BLUEPRINT_FILE = "blueprint.yaml"  # read by `bank check` (quiz.bank.blueprint), not stored

# Safety limits: a bank past them is refused before any of it is checked or saved, so that
# no upload can tie up a worker or hold the database for long. The real bank is far below.
MAX_BANK_BYTES = 2 * 1024 * 1024  # all YAML files together, at the default question limit
MAX_QUESTIONS = 1000  # the default of the BANK_MAX_QUESTIONS setting
MAX_NESTING = 20  # levels of YAML collections; a bank file needs five


@dataclass(frozen=True)
class BankError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class BankInvalid(Exception):
    """The bank has errors; nothing was loaded."""

    def __init__(self, errors: list[BankError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


class BankTooLarge(BankInvalid):
    """The bank is past a safety limit; nothing of it was checked or loaded."""


class _Mapping(dict):
    """A YAML mapping that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str | None) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """Also refuses aliases, which a bank never needs and which let a few lines stand for
    billions of values ("billion laughs"), and nesting deep enough to exhaust the stack."""

    depth = 0

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        if self.depth >= MAX_NESTING:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_NESTING} levels deep", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value, not a list or mapping", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """Text as YAML gives it, but never with a NUL: a double-quoted "\\0" is one, and
    PostgreSQL cannot store text that holds it."""
    text = loader.construct_scalar(node)
    if "\0" in text:
        raise yaml.constructor.ConstructorError(
            None, None, "the text holds a NUL character (\\0), which no field can store: remove it",
            node.start_mark)
    return text


_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)


def read_yaml(path: Path, label: str, errors: list[BankError]) -> _Mapping | None:
    """A YAML file as mappings that know their lines; None, with the error, if it cannot be read."""
    content = path.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        errors.append(BankError(label, line, "file is not UTF-8 text"))
        return None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, yaml.reader.ReaderError):  # a control character, found by position
            line = text[:exc.position].count("\n") + 1
            problem = f"character #x{exc.character:04x} is not allowed"
        errors.append(BankError(label, line, f"YAML syntax error: {problem}"))
        return None
    except ValueError:  # Python refuses to read an int of more than 4,300 digits
        digits = max(re.finditer(r"\d+", text), key=lambda run: len(run.group()))
        errors.append(BankError(label, text[:digits.start()].count("\n") + 1,
                                f"a number of {len(digits.group())} digits is too long to read"))
        return None
    if not isinstance(data, _Mapping):
        errors.append(BankError(label, 1, "the file must be a YAML mapping"))
        return None
    return data


def line_at(mapping: _Mapping, field: str | None) -> int:
    """Line of a field as the rules and the schema name it: "weight", "options.2.id" (into the
    third option), "stimulus.file"; as deep as the YAML goes, else the line of what holds it."""
    node, line = mapping, mapping.line
    for part in (field or "").split(".") if field else ():
        if isinstance(node, _Mapping) and part in node.key_lines:
            node, line = node[part], node.key_lines[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            line = node.line if isinstance(node, _Mapping) else line
        else:
            break
    return line


def _check_file(data: _Mapping, model: type[schema.Strict], label: str, errors: list[BankError]) -> None:
    """A whole file's shape: its keys, and lists of mappings under them."""
    _, faults = schema.validated(model, data)
    errors.extend(BankError(label, line_at(data, fault.field), fault.message) for fault in faults)


def _items(data: _Mapping, key: str) -> list[_Mapping]:
    """The mappings listed under `key` (what is not a mapping is a fault of the file's shape)."""
    items = data.get(key)
    return [item for item in items if isinstance(item, _Mapping)] if isinstance(items, list) else []


def _unique(ids: list[tuple[str, str, int]], kind: str, errors: list[BankError]) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for value, label, line in ids:
        if value in seen:
            first_label, first_line = seen[value]
            errors.append(BankError(label, line, f"{kind} id {value!r} is used twice "
                                                 f"(first at {first_label}:{first_line})"))
        else:
            seen[value] = (label, line)


def _check_size(directory: Path, max_questions: int) -> None:
    """The YAML's size, against a limit that grows with the question limit (about 2 KB a question)."""
    most = MAX_BANK_BYTES * max(1, max_questions // MAX_QUESTIONS)
    size = sum(path.stat().st_size for path in directory.glob("*.yaml"))
    if size > most:
        raise BankTooLarge([BankError(directory.name, None, (
            f"the bank's files hold {size / 1024 / 1024:.1f} MB; a bank may hold at most "
            f"{most // 1024 // 1024} MB of YAML."))])


def _check_question_count(directory: Path, count: int, most: int) -> None:
    if count > most:
        raise BankTooLarge([BankError(directory.name, None, (
            f"the bank has {count:,} questions; a bank may hold at most {most:,}."))])


# Each kind of id and where each was given: (id, file label, line).
_Ids = dict[str, list[tuple[str, str, int]]]


@dataclass
class _Catalog:
    topics: list[Topic] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    def known(self) -> Known:
        return Known(areas=frozenset(a.key for a in self.areas), topics=frozenset(t.id for t in self.topics),
                     next_steps=frozenset(s.id for s in self.next_steps),
                     resources=frozenset(r.id for r in self.resources))

    def bank(self, questions: list[Question]) -> Bank:
        area_order = {a.key: i for i, a in enumerate(self.areas)}
        questions = sorted(questions, key=lambda q: area_order[q.area])  # stable: file order within an area
        return Bank(areas=tuple(self.areas), questions=tuple(questions), topics=tuple(self.topics),
                    resources=tuple(self.resources), next_steps=tuple(self.next_steps))


def _label(directory: Path, path: Path) -> str:
    return f"{directory.name}/{path.name}"


def _checked(data: _Mapping, key: str, check: Callable[[_Mapping], tuple[object, list[Problem]]],
             kind: str, id_field: str, where: str, errors: list[BankError], ids: _Ids) -> list:
    """The items listed under `key`, each checked by a rule; its problems become errors at their lines."""
    found = []
    for item in _items(data, key):
        thing, problems = check(item)
        errors.extend(BankError(where, line_at(item, p.field), p.message) for p in problems)
        if thing is not None:
            found.append(thing)
            ids[kind].append((str(item[id_field]), where, item.line))
    return found


def _read_catalog(directory: Path, errors: list[BankError], ids: _Ids) -> _Catalog:
    """topics.yaml and catalog.yaml: the topics, areas, resources and next steps."""
    topics_path, catalog_path = directory / TOPICS_FILE, directory / CATALOG_FILE
    for path in (topics_path, catalog_path):
        if not path.exists():
            errors.append(BankError(_label(directory, path), None, "file is missing"))
    topics_data, data = (read_yaml(path, _label(directory, path), errors) if path.exists() else None
                         for path in (topics_path, catalog_path))

    catalog = _Catalog()
    if topics_data is not None:
        _check_file(topics_data, schema.TopicsFile, _label(directory, topics_path), errors)
        catalog.topics = _checked(topics_data, "topics", rules.check_topic, "topic", "id",
                                  _label(directory, topics_path), errors, ids)
    if data is not None:
        where = _label(directory, catalog_path)
        _check_file(data, schema.CatalogFile, where, errors)
        catalog.areas = _checked(data, "areas", rules.check_area, "area", "key", where, errors, ids)
        catalog.resources = _checked(data, "resources", rules.check_resource, "resource", "id",
                                     where, errors, ids)
        check_step = partial(rules.check_next_step, area_keys=frozenset(a.key for a in catalog.areas),
                             resource_ids=frozenset(r.id for r in catalog.resources))
        catalog.next_steps = _checked(data, "next_steps", check_step, "next step", "id", where, errors, ids)
    return catalog


def _read_area_files(directory: Path, errors: list[BankError]) -> dict[str, tuple[_Mapping, list[_Mapping]]]:
    """Every other file: one area's questions each, by file label."""
    area_files = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name not in (TOPICS_FILE, CATALOG_FILE, BLUEPRINT_FILE):
            where = _label(directory, path)
            data = read_yaml(path, where, errors)
            if data is not None:
                _check_file(data, schema.AreaFile, where, errors)
                area_files[where] = (data, _items(data, "questions"))
    return area_files


def _read_questions(area_files: dict[str, tuple[_Mapping, list[_Mapping]]], known: Known,
                    errors: list[BankError], ids: _Ids, places: dict) -> list[Question]:
    questions = []
    for where, (data, items) in area_files.items():
        file_area = data.get("area")
        if isinstance(file_area, str) and file_area not in known.areas:
            errors.append(BankError(where, data.line_of("area"), f"unknown area {file_area!r}"))
        for item in items:
            raw = dict(item)
            if isinstance(file_area, str):
                raw.setdefault("area", file_area)
            question, problems = rules.check_question(raw, known)
            for problem in problems:
                errors.append(BankError(where, line_at(item, problem.field), problem.message))
            if question:
                questions.append(question)
                places[question.id] = (where, item)
            if isinstance(item.get("id"), str) and item["id"]:
                ids["question"].append((item["id"], where, item.line_of("id")))
    return questions


@dataclass(frozen=True)
class LocatedBank:
    """A bank read from files, with where each question was written."""

    bank: Bank
    places: dict[str, tuple[str, _Mapping]]  # question id -> its file's label and its mapping

    def where(self, question_id: str, field: str | None) -> tuple[str, int]:
        """The file label and line of a question's field ("options.2.text"; None: the question)."""
        label, item = self.places[question_id]
        return label, line_at(item, field)


def load_bank(directory: str | Path, max_questions: int = MAX_QUESTIONS) -> Bank:
    """Load and validate every file of a bank directory; raise `BankInvalid` listing all errors,
    `BankTooLarge` past `max_questions` (the app passes its BANK_MAX_QUESTIONS setting)."""
    return read_bank(directory, max_questions).bank


def read_bank(directory: str | Path, max_questions: int = MAX_QUESTIONS) -> LocatedBank:
    """`load_bank`, also telling the file and line of each question."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BankInvalid([BankError(str(directory), None, "no such directory")])
    _check_size(directory, max_questions)

    errors: list[BankError] = []
    ids: _Ids = {"topic": [], "area": [], "resource": [], "next step": [], "question": []}
    catalog = _read_catalog(directory, errors, ids)
    area_files = _read_area_files(directory, errors)
    _check_question_count(directory, sum(len(items) for _, items in area_files.values()), max_questions)
    places: dict[str, tuple[str, _Mapping]] = {}
    questions = _read_questions(area_files, catalog.known(), errors, ids, places)
    for kind, values in ids.items():
        _unique(values, kind, errors)
    if errors:
        raise BankInvalid(errors)
    return LocatedBank(catalog.bank(questions), places)

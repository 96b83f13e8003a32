"""Moves banks between their plain form (`quiz.bank.schema`) and the database."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from . import models
from .bank import schema
from .extensions import db

# Per-process caches of data that cannot go stale: question versions never change once
# written, and the catalog is cached under its revision number. Keyed by database URL too,
# since one process (the test suite) may use several databases.
_version_cache: dict[tuple[str, int], schema.Question] = {}
_catalog_cache: dict[tuple[str, int], dict] = {}


def clear_caches() -> None:
    """Forget cached versions and catalogs (for tests that recreate a database in place)."""
    _version_cache.clear()
    _catalog_cache.clear()


def _database() -> str:
    return str(db.engine.url)


@dataclass(frozen=True)
class SaveSummary:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


def _upsert(model, key: str, value: str, **fields) -> None:
    row = db.session.get(model, value)
    if row is None:
        db.session.add(model(**{key: value}, **fields))
    else:
        for name, field_value in fields.items():
            setattr(row, name, field_value)


def add_version(row: models.Question, question: schema.Question) -> models.QuestionVersion:
    """Append `question`'s content as the newest version of `row`."""
    number = row.versions[-1].number + 1 if row.versions else 1
    version = models.QuestionVersion(
        question=row, number=number, area_key=question.area, type=question.type,
        prompt=question.prompt, weight=question.weight, reverse=question.reverse,
        topics=list(question.topics), feedback=question.feedback,
        next_step_id=question.next_step, resource_id=question.resource,
        options=[models.Option(key=o.id, position=i, text=o.text, points=o.points,
                               feedback=o.feedback, none=o.none)
                 for i, o in enumerate(question.options)],
    )
    db.session.add(version)
    row.area_key = question.area
    return version


def save_question(question: schema.Question, position: int | None = None) -> str:
    """Create or update one question; a new version only when its content changed.

    Returns "added", "changed" or "unchanged". Does not commit.
    """
    row = db.session.get(models.Question, question.id)
    if row is None:
        if position is None:
            position = (db.session.scalar(select(db.func.max(models.Question.position))) or 0) + 1
        row = models.Question(id=question.id, area_key=question.area, position=position,
                              retired=question.retired, versions=[])
        db.session.add(row)
        add_version(row, question)
        return "added"
    if position is not None:
        row.position = position
    row.retired = question.retired
    if row.current.to_schema() == replace(question, retired=False):
        return "unchanged"
    add_version(row, question)
    return "changed"


def save_bank(bank: schema.Bank) -> SaveSummary:
    """Write a validated bank in one transaction: all of it or, on any error, nothing."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    try:
        for i, area in enumerate(bank.areas):
            _upsert(models.Area, "key", area.key, title=area.title, description=area.description,
                    weight=area.weight, position=i)
        for i, topic in enumerate(bank.topics):
            _upsert(models.Topic, "id", topic.id, description=topic.description, position=i)
        for i, res in enumerate(bank.resources):
            _upsert(models.Resource, "id", res.id, title=res.title, author=res.author,
                    good_for=res.good_for, position=i)
        for i, step in enumerate(bank.next_steps):
            _upsert(models.NextStep, "id", step.id, area_key=step.area, title=step.title,
                    detail=step.detail, resource_id=step.resource, position=i)
        _bump_revision()
        db.session.flush()
        for position, question in enumerate(bank.questions):
            counts[save_question(question, position)] += 1
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return SaveSummary(**counts)


def areas() -> tuple[schema.Area, ...]:
    return _catalog()["areas"]


def active_question_counts() -> dict[str, int]:
    """Area key -> number of questions a new attempt would get."""
    rows = db.session.execute(
        select(models.Question.area_key, db.func.count())
        .where(models.Question.retired.is_(False)).group_by(models.Question.area_key))
    return {area: count for area, count in rows}


def _bump_revision() -> None:
    revision = db.session.get(models.BankRevision, 1)
    if revision is None:
        db.session.add(models.BankRevision(id=1, number=1))
    else:
        revision.number += 1


def revision() -> tuple[str, int]:
    """Which catalog is current: changes whenever a bank is saved."""
    number = db.session.scalar(select(models.BankRevision.number).where(models.BankRevision.id == 1))
    return _database(), number or 0


def _catalog() -> dict:
    key = revision()
    if key not in _catalog_cache:
        _catalog_cache[key] = _load_catalog()
    return _catalog_cache[key]


def _load_catalog() -> dict:
    return {
        "areas": tuple(a.to_schema() for a in db.session.scalars(
            select(models.Area).order_by(models.Area.position))),
        "topics": tuple(schema.Topic(t.id, t.description) for t in db.session.scalars(
            select(models.Topic).order_by(models.Topic.position))),
        "resources": tuple(schema.Resource(r.id, r.title, r.author, r.good_for)
                           for r in db.session.scalars(
                               select(models.Resource).order_by(models.Resource.position))),
        "next_steps": tuple(schema.NextStep(s.id, s.area_key, s.title, s.detail, s.resource_id)
                            for s in db.session.scalars(
                                select(models.NextStep).order_by(models.NextStep.position))),
    }


def current_bank(include_retired: bool = False) -> schema.Bank:
    """The bank as it stands now: each question's newest version."""
    catalog = _catalog()
    area_order = {a.key: i for i, a in enumerate(catalog["areas"])}
    query = select(models.Question)
    if not include_retired:
        query = query.where(models.Question.retired.is_(False))
    rows = sorted(db.session.scalars(query), key=lambda r: (area_order.get(r.area_key, 99), r.position))
    questions = tuple(row.current.to_schema(retired=row.retired) for row in rows)
    return schema.Bank(questions=questions, **catalog)


def versions(version_ids: list[int]) -> list[schema.Question]:
    """The plain form of the given question versions, in the given order."""
    database = _database()
    missing = [v for v in version_ids if (database, v) not in _version_cache]
    if missing:
        for version in db.session.scalars(
                select(models.QuestionVersion).where(models.QuestionVersion.id.in_(missing))):
            _version_cache[database, version.id] = version.to_schema()
    return [_version_cache[database, v] for v in version_ids]


def attempt_bank(attempt: models.Attempt) -> schema.Bank:
    """The bank exactly as this attempt was started with, whatever was edited since."""
    return schema.Bank(questions=tuple(versions(attempt.version_ids)), **_catalog())

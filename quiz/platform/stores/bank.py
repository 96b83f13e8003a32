"""Moves banks between their plain form (`quiz.bank.plain`) and the database."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from quiz.domain import audio
from quiz.domain.bank import plain
from quiz.domain.caches import LRUCache
from quiz.platform import models
from quiz.platform.extensions import db

# Per-process caches of data that cannot go stale: question versions never change once
# written, and the catalog is cached under its revision number. Keyed by database URL too,
# since one process (the test suite) may use several databases. A bank holds a few hundred
# versions at most; one catalog is current, the others are only kept until they fall out.
_version_cache: LRUCache[tuple[str, int], plain.Question] = LRUCache(max_size=10_000)
_catalog_cache: LRUCache[tuple[str, int], dict] = LRUCache(max_size=8)

PLAN_TRIES = 2  # a bank save plans again once if an edit slipped in between plan and write


def database() -> str:
    """Part of every cache key: one process (the test suite) may use several databases."""
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


def _version_fields(question: plain.Question) -> dict:
    return dict(area_key=question.area, type=question.type, prompt=question.prompt,
                weight=question.weight, reverse=question.reverse, topics=list(question.topics),
                feedback=question.feedback, next_step_id=question.next_step,
                resource_id=question.resource, rationale=question.rationale,
                scale=question.scale, needs_experience=question.needs_experience,
                stimulus=question.stimulus.as_dict() if question.stimulus else None, label=question.label)


def _option_fields(question: plain.Question) -> list[dict]:
    return [dict(key=o.id, position=i, text=o.text, points=o.points, feedback=o.feedback, none=o.none,
                 key_rating=o.key_rating, rationale=o.rationale)
            for i, o in enumerate(question.options)]


def add_version(row: models.Question, question: plain.Question) -> models.QuestionVersion:
    """Append `question`'s content as the newest version of `row`."""
    number = row.versions[-1].number + 1 if row.versions else 1
    version = models.QuestionVersion(
        question=row, number=number, **_version_fields(question),
        options=[models.Option(**fields) for fields in _option_fields(question)])
    db.session.add(version)
    row.area_key = question.area
    return version


def save_question(question: plain.Question, position: int | None = None) -> str:
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
    if row.current.to_plain() == replace(question, retired=False):
        return "unchanged"
    add_version(row, question)
    return "changed"


@dataclass
class _BankWrites:
    """Every row a bank save writes, worked out from what is stored before it starts."""

    new_questions: list[dict] = field(default_factory=list)
    question_updates: list[dict] = field(default_factory=list)
    versions: list[tuple[dict, list[dict]]] = field(default_factory=list)  # version, its options
    counts: dict = field(default_factory=lambda: {"added": 0, "changed": 0, "unchanged": 0})


def _plan_bank(bank: plain.Bank) -> _BankWrites:
    """Reads only: which questions are new, which changed, what else moved."""
    for model in (models.Area, models.Topic, models.Resource, models.NextStep, models.BankRevision):
        db.session.scalars(select(model)).all()  # into the session, so the writes read nothing
    plan = _BankWrites()
    stored = {q.id: q for q in current_bank(include_retired=True).questions}
    rows = {row.id: row for row in db.session.execute(
        select(models.Question.id, models.Question.position, models.Question.retired,
               models.Question.area_key))}
    numbers = dict(db.session.execute(
        select(models.QuestionVersion.question_id, db.func.max(models.QuestionVersion.number))
        .group_by(models.QuestionVersion.question_id)).all())
    for position, question in enumerate(bank.questions):
        row, before = rows.get(question.id), stored.get(question.id)
        if row is None:
            outcome = "added"
            plan.new_questions.append(dict(id=question.id, area_key=question.area,
                                           position=position, retired=question.retired))
        else:
            outcome = ("unchanged" if replace(before, retired=False) == replace(question, retired=False)
                       else "changed")
            area = row.area_key if outcome == "unchanged" else question.area
            if (row.position, row.retired, row.area_key) != (position, question.retired, area):
                plan.question_updates.append(dict(id=question.id, position=position,
                                                  retired=question.retired, area_key=area))
        if outcome != "unchanged":
            version = dict(question_id=question.id, number=numbers.get(question.id, 0) + 1,
                           **_version_fields(question))
            plan.versions.append((version, _option_fields(question)))
        plan.counts[outcome] += 1
    return plan


def _write_questions(plan: _BankWrites) -> None:
    """A few bulk statements, however many questions: the write lock is held briefly."""
    if plan.new_questions:
        db.session.execute(insert(models.Question), plan.new_questions)
    if plan.question_updates:
        db.session.execute(update(models.Question), plan.question_updates)
    if not plan.versions:
        return
    # Matched by question id (one new version each), which needs no ordered RETURNING:
    # SQLite could only give that one row at a time.
    version_ids = dict(db.session.execute(
        insert(models.QuestionVersion).returning(models.QuestionVersion.question_id,
                                                 models.QuestionVersion.id),
        [version for version, _ in plan.versions]).all())
    options = [dict(version_id=version_ids[version["question_id"]], **option)
               for version, version_options in plan.versions for option in version_options]
    if options:
        db.session.execute(insert(models.Option), options)


def save_bank(bank: plain.Bank) -> SaveSummary:
    """Write a validated bank in one transaction: all of it or, on any error, nothing.

    Everything is read and worked out first; the transaction then only writes, in bulk,
    so that takers saving their answers meanwhile wait milliseconds, not seconds."""
    for tries_left in reversed(range(PLAN_TRIES)):
        plan = _plan_bank(bank)
        try:
            _write_bank(bank, plan)
            db.session.commit()
            return SaveSummary(**plan.counts)
        except IntegrityError:
            # An instructor saved a question between the plan and the write, taking the
            # version number planned here: plan again from what is stored now.
            db.session.rollback()
            if not tries_left:
                raise
        except Exception:
            db.session.rollback()
            raise


def _write_bank(bank: plain.Bank, plan: _BankWrites) -> None:
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
    bump_revision()
    db.session.flush()
    _write_questions(plan)


def areas() -> tuple[plain.Area, ...]:
    return _catalog()["areas"]


def active_questions() -> list[plain.Question]:
    """The current version of every active question, in no set order: one small query, the
    versions themselves from the cache."""
    newest = db.session.scalars(
        select(db.func.max(models.QuestionVersion.id)).join(models.Question)
        .where(models.Question.retired.is_(False)).group_by(models.QuestionVersion.question_id))
    return versions(list(newest))


def bump_revision() -> None:
    """Mark what reports are built from as changed: the catalog, or the norms the stored
    statistics give (so cached report bodies are built again)."""
    revision = db.session.get(models.BankRevision, 1)
    if revision is None:
        db.session.add(models.BankRevision(id=1, number=1))
    else:
        revision.number += 1


# The current revision number as a scalar subquery, for a query that reads it alongside
# something else (NULL before the first bank is saved, which counts as revision 0). Of the
# table, not the ORM class: a Core query that embeds it stays a Core query, with no ORM work.
_revisions = models.BankRevision.__table__
REVISION_NUMBER = select(_revisions.c.number).where(_revisions.c.id == 1).scalar_subquery()


def revision() -> tuple[str, int]:
    """Which catalog and norms are current: changes whenever a bank or statistics are saved."""
    return database(), db.session.scalar(select(REVISION_NUMBER)) or 0


def _catalog(number: int | None = None) -> dict:
    """The catalog at revision `number`, if the caller has read it already, else the current one."""
    key = revision() if number is None else (database(), number)
    return _catalog_cache.get_or_compute(key, _load_catalog)


def _load_catalog() -> dict:
    return {
        "areas": tuple(a.to_plain() for a in db.session.scalars(
            select(models.Area).order_by(models.Area.position))),
        "topics": tuple(plain.Topic(t.id, t.description) for t in db.session.scalars(
            select(models.Topic).order_by(models.Topic.position))),
        "resources": tuple(plain.Resource(r.id, r.title, r.author, r.good_for)
                           for r in db.session.scalars(
                               select(models.Resource).order_by(models.Resource.position))),
        "next_steps": tuple(plain.NextStep(s.id, s.area_key, s.title, s.detail, s.resource_id)
                            for s in db.session.scalars(
                                select(models.NextStep).order_by(models.NextStep.position))),
    }


def current_bank(include_retired: bool = False) -> plain.Bank:
    """The bank as it stands now: each question's newest version."""
    catalog = _catalog()
    area_order = {a.key: i for i, a in enumerate(catalog["areas"])}
    query = select(models.Question)
    if not include_retired:
        query = query.where(models.Question.retired.is_(False))
    rows = sorted(db.session.scalars(query), key=lambda r: (area_order.get(r.area_key, 99), r.position))
    questions = tuple(row.current.to_plain(retired=row.retired) for row in rows)
    return plain.Bank(questions=questions, **catalog)


def stimuli() -> frozenset[audio.Stimulus]:
    """Every stimulus stored with any question version: the clips the app may be asked for."""
    rows = db.session.scalars(select(models.QuestionVersion.stimulus)
                              .where(models.QuestionVersion.stimulus.is_not(None)))
    return frozenset(audio.from_dict(row) for row in rows)


def versions(version_ids: list[int]) -> list[plain.Question]:
    """The plain form of the given question versions, in the given order."""
    url = database()
    found = {v: _version_cache.get((url, v)) for v in version_ids}
    missing = [v for v, question in found.items() if question is None]
    if missing:
        for version in db.session.scalars(
                select(models.QuestionVersion).where(models.QuestionVersion.id.in_(missing))):
            found[version.id] = _version_cache.put((url, version.id), version.to_plain())
    return [found[v] for v in version_ids]


def bank_as_taken(catalog: plain.Bank, version_ids) -> plain.Bank:
    """`catalog`'s areas, topics, resources and next steps with the question versions an attempt
    was started with: for many attempts, with the catalog read once."""
    return replace(catalog, questions=tuple(versions(version_ids)))


def attempt_bank(attempt, revision_number: int | None = None) -> plain.Bank:
    """The bank exactly as this attempt (anything with `version_ids`) was started with,
    whatever was edited since; with the catalog at `revision_number` if it is given."""
    return plain.Bank(questions=tuple(versions(attempt.version_ids)), **_catalog(revision_number))

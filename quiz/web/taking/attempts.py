"""Attempts and their answers in the database: start, find, read for a page, save a section,
finish. What a section's form means is in section_form.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import bindparam, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from quiz.domain.bank.plain import Bank
from quiz.domain.caches import LRUCache, memoized
from quiz.domain.question_types import Selection
from quiz.platform import codes, models, reads
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores.attempts import TOKEN_PATTERN
from quiz.web.taking.section_form import Section, sections

_DIALECT_INSERT = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}

_attempts, _answers = models.Attempt.__table__, models.Answer.__table__


# The sections of the attempts being taken: a few bank states at a time, each shared by
# every attempt started under it.
_sections_cache: LRUCache[tuple[str, int, tuple[int, ...]], tuple[Section, ...]] = LRUCache(max_size=64)


@dataclass(frozen=True)
class AttemptSnapshot:
    """An attempt as a quiz page needs it - with its answers and the bank revision - read in
    one query, as plain values."""

    id: int
    token: str
    resume_code: str
    version_ids: tuple[int, ...]
    finished: bool
    revision: int
    answers: dict[str, Selection]
    last_section: int | None = None  # see models.Attempt
    entries_to_fix: dict[str, list[str]] = field(default_factory=dict)


# Two Core statements, built once (SQLAlchemy keeps their compiled form in its cache): the
# attempt, then its answers. One join would repeat the attempt's version ids (one per question
# of the bank) on every answer's row, a cost that grew with the square of the bank.
_ATTEMPT = (
    select(_attempts.c.id, _attempts.c.resume_code, _attempts.c.version_ids,
           _attempts.c.finished_at.is_not(None), bank_store.REVISION_NUMBER,
           _attempts.c.last_section, _attempts.c.entries_to_fix)
    .where(_attempts.c.token == bindparam("token")))
_ANSWERS = (select(_answers.c.question_id, _answers.c.option_ids)
            .where(_answers.c.attempt_id == bindparam("attempt_id")))


def snapshot(token: str) -> AttemptSnapshot:
    """The attempt with this token as a quiz page needs it, or 404: two queries, run on every
    quiz page (through `reads.reader`: no ORM session on a GET)."""
    if not TOKEN_PATTERN.match(token):
        abort(404)
    with reads.reader() as reader:
        found = reader.execute(_ATTEMPT, {"token": token}).first()
        if found is None:
            abort(404)
        attempt_id, resume_code, version_ids, finished, revision, last_section, entries = found
        answers = reader.execute(_ANSWERS, {"attempt_id": attempt_id}).all()
    return AttemptSnapshot(attempt_id, token, resume_code, tuple(version_ids), bool(finished), revision or 0,
                           {question_id: tuple(option_ids) for question_id, option_ids in answers},
                           last_section, entries or {})


def attempt_sections(attempt: AttemptSnapshot) -> tuple[Section, ...]:
    """The attempt's sections, cached by all they are built from: its question versions
    (never changed once written) and the bank revision read with it (the areas' words)."""
    def build() -> tuple[Section, ...]:
        return tuple(sections(bank_store.attempt_bank(attempt, attempt.revision)))
    key = (bank_store.database(), attempt.revision, attempt.version_ids)
    return _sections_cache.get_or_compute(key, build)


def find_by_resume_code(typed: str) -> models.Attempt | None:
    if (code := codes.RESUME.normalised(typed)) is None:
        return None
    return db.session.scalar(select(models.Attempt).where(models.Attempt.resume_code == code))


def start_attempt(previous: models.Attempt | None = None, group: models.Group | None = None,
                  display_name: str | None = None) -> models.Attempt:
    """A new attempt pinned to the current versions of every active question."""
    bank = bank_store.current_bank()
    attempt = models.Attempt(version_ids=[q.version_id for q in bank.questions],
                             previous=previous, group=group, display_name=display_name)
    db.session.add(attempt)
    db.session.commit()
    return attempt


class AttemptFinished(Exception):
    """The attempt was finished before this save could be stored; nothing was changed."""


def save_section(attempt: AttemptSnapshot, section: Section, selections: dict[str, Selection],
                 going_to: int | None = None, to_fix: dict[str, list[str]] | None = None) -> None:
    """Store what a section's page changed, in one transaction: an answer given or changed
    is upserted, an empty selection clears a stored answer, an answer sent as it is stored
    is left alone. With it, where the taker goes next (`going_to`: a section's number or
    models.REVIEW_PAGE; None leaves it as it was) and the page's entries kept to be fixed
    (`to_fix`; a question missing from `selections` is cleared). A page sent back unchanged, to the page the taker
    was last sent to, writes nothing.

    An upsert, so a page submitted twice - even at the same moment - leaves one answer
    per question, never two. Raises `AttemptFinished` if the attempt is finished, even by
    a Finish that commits while this save is under way (the session is rolled back). Runs
    in the request's session and commits it."""
    stored, now = attempt.answers, models.utcnow()
    chosen = [{"attempt_id": attempt.id, "question_id": q.id, "version_id": q.version_id,
               "option_ids": list(selections[q.id]), "created_at": now, "updated_at": now}
              for q in section.questions
              if selections.get(q.id) and tuple(selections[q.id]) != stored.get(q.id)]
    cleared = [q.id for q in section.questions if not selections.get(q.id) and q.id in stored]
    going_to = attempt.last_section if going_to is None else going_to
    on_page = {q.id for q in section.questions}
    entries = {question_id: values for question_id, values in attempt.entries_to_fix.items()
               if question_id not in on_page} | (to_fix or {})
    if not chosen and not cleared and going_to == attempt.last_section and entries == attempt.entries_to_fix:
        return
    session = db.session
    # The first write of the transaction: it takes the write lock (SQLite) or the attempt's
    # row lock (PostgreSQL) and checks finished_at under it, so a racing finish() either
    # waits for this save to commit or has committed already and this save stores nothing.
    touched = session.execute(_TOUCH_UNFINISHED, {"attempt_id": attempt.id, "now": now, "last_section": going_to,
                                                  "entries_to_fix": entries or None})
    if touched.rowcount != 1:
        session.rollback()
        raise AttemptFinished
    if chosen:
        session.execute(_answer_upsert(db.engine.dialect.name), chosen)  # one statement, each row
    if cleared:
        session.execute(_CLEAR_ANSWERS, {"attempt_id": attempt.id, "question_ids": cleared})
    session.commit()


# Set the attempt's updated_at to `now` and where the taker left off, if it is not finished
# (one row changed if it was not).
_TOUCH_UNFINISHED = (update(_attempts)
                     .where(_attempts.c.id == bindparam("attempt_id"), _attempts.c.finished_at.is_(None))
                     .values(updated_at=bindparam("now"), last_section=bindparam("last_section"),
                             entries_to_fix=bindparam("entries_to_fix", type_=_attempts.c.entries_to_fix.type)))
_CLEAR_ANSWERS = delete(_answers).where(_answers.c.attempt_id == bindparam("attempt_id"),
                                        _answers.c.question_id.in_(bindparam("question_ids", expanding=True)))


@memoized(max_size=len(_DIALECT_INSERT))
def _answer_upsert(dialect: str):
    """The answers' upsert in the database's own dialect, run with one row per answer."""
    insert = _DIALECT_INSERT[dialect](_answers)
    return insert.on_conflict_do_update(
        index_elements=["attempt_id", "question_id"],
        set_={"option_ids": insert.excluded.option_ids, "updated_at": insert.excluded.updated_at})


def first_open_section(bank: Bank, attempt: models.Attempt) -> int | None:
    answered = attempt.selections()
    for section in sections(bank):
        if any(q.id not in answered for q in section.questions):
            return section.number
    return None


def resume_page(bank: Bank, attempt: models.Attempt) -> int | None:
    """Where a resumed attempt opens: the section the taker left off at, None for the review
    page; before their first save (or in a section the bank no longer has), the first
    section with open questions."""
    if attempt.last_section is not None and attempt.last_section <= len(sections(bank)):
        return attempt.last_section or None
    return first_open_section(bank, attempt)


def finish(attempt: models.Attempt) -> None:
    """Mark the attempt finished; finishing twice is harmless.

    One conditional UPDATE, ordered with save_section() by the same lock. finished_at is
    never earlier than the last save's updated_at, which the database reads under the lock:
    a save that won the race landed before the finish, and its answers say so."""
    table = models.Attempt.__table__
    now = models.utcnow()
    db.session.execute(update(table).where(table.c.id == attempt.id, table.c.finished_at.is_(None))
                       .values(finished_at=case((table.c.updated_at > now, table.c.updated_at),
                                                else_=now)))
    db.session.commit()

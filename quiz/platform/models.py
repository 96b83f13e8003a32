"""Database models: the bank (areas, questions with versions, options), attempts and answers,
the stored item statistics, instructor accounts, and groups (classes) with the stored results
their dashboards read."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timezone

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.domain import audio
from quiz.domain.bank import plain
from quiz.domain.question_types import question as plain_question
from quiz.platform import codes
from quiz.platform.extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Area(db.Model):
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    def to_plain(self) -> plain.Area:
        return plain.Area(self.key, self.title, self.description, self.weight)


class Topic(db.Model):
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Resource(db.Model):
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    good_for: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class NextStep(db.Model):
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    area_key: Mapped[str] = mapped_column(ForeignKey("area.key"))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)
    resource_id: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)


class BankRevision(db.Model):
    """One row, bumped whenever the catalog (areas, topics, resources, next steps) is written,
    so app processes can cache the catalog and still see every change."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, default=0)


class Question(db.Model):
    """A question's identity; its content lives in versions, the newest being current."""

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    area_key: Mapped[str] = mapped_column(ForeignKey("area.key"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    versions: Mapped[list[QuestionVersion]] = relationship(
        back_populates="question", order_by="QuestionVersion.number", lazy="selectin")

    @property
    def current(self) -> QuestionVersion:
        return self.versions[-1]


class QuestionVersion(db.Model):
    """One immutable state of a question. Answers point at the version they answered."""

    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    area_key: Mapped[str] = mapped_column(ForeignKey("area.key"))
    type: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    reverse: Mapped[bool] = mapped_column(Boolean, default=False)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    feedback: Mapped[str] = mapped_column(Text, default="")
    next_step_id: Mapped[str | None] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str] = mapped_column(Text, default="")
    # A self-rating's named scale; NULL for versions saved before named scales (the legacy
    # "like me" anchors, which their stored options keep).
    scale: Mapped[str | None] = mapped_column(String(20))
    needs_experience: Mapped[bool] = mapped_column(Boolean, default=False)
    # The stimulus of a question that plays clips, as written in the YAML (what its clips are generated
    # from); NULL for every other type.
    stimulus: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions")
    options: Mapped[list[Option]] = relationship(
        order_by="Option.position", lazy="selectin", cascade="all, delete-orphan")

    def to_plain(self, retired: bool = False) -> plain_question.Question:
        return plain_question.Question(
            id=self.question_id, area=self.area_key, type=self.type, prompt=self.prompt,
            weight=self.weight, topics=tuple(self.topics), feedback=self.feedback,
            next_step=self.next_step_id, resource=self.resource_id, reverse=self.reverse,
            options=tuple(o.to_plain() for o in self.options), retired=retired,
            rationale=self.rationale, scale=self.scale, needs_experience=self.needs_experience,
            stimulus=audio.from_dict(self.stimulus) if self.stimulus else None,
            version_id=self.id,
        )


class Option(db.Model):
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    points: Mapped[float] = mapped_column(Float, default=0.0)
    feedback: Mapped[str] = mapped_column(Text, default="")
    none: Mapped[bool] = mapped_column(Boolean, default=False)

    def to_plain(self) -> plain_question.Option:
        return plain_question.Option(self.key, self.text, self.points, self.feedback, self.none)


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


DISPLAY_NAME_MAX = 40
REVIEW_PAGE = 0  # Attempt.last_section of a taker last sent to the review page


class Attempt(db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    resume_code: Mapped[str] = mapped_column(String(16), unique=True, default=codes.RESUME.new)
    # The question versions this attempt was started with, in order: the attempt's own bank.
    version_ids: Mapped[list] = mapped_column(JSON)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"))
    # The group (class) this attempt was taken with, if any, and the name the taker chose to
    # show that group's instructors (None: anonymous).
    group_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_group.id"), index=True)
    display_name: Mapped[str | None] = mapped_column(String(DISPLAY_NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Where the taker left off, for resuming: the page the last save sent them to - a
    # section's number, or REVIEW_PAGE - and None before their first save.
    last_section: Mapped[int | None] = mapped_column(Integer)
    # What was entered but could not be saved on pages left with "Save and continue later"
    # or "Previous": question id -> the values as posted, shown again with their mistake.
    entries_to_fix: Mapped[dict | None] = mapped_column(JSON)
    # The browser the attempt was last started or resumed in: a random id that browser's
    # session cookie holds instead of the token, so its start page can offer to continue.
    # None once that browser is forgotten ("Forget this browser") or has started another.
    browser_id: Mapped[str | None] = mapped_column(String(32), index=True)

    answers: Mapped[list[Answer]] = relationship(back_populates="attempt")
    previous: Mapped[Attempt | None] = relationship(remote_side=[id])
    group: Mapped[Group | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def selections(self) -> dict[str, tuple[str, ...]]:
        """Question id -> chosen option ids, in the order stored (which the question's type
        chose: the taker's order where it counts, otherwise sorted). One plain query: this runs on every quiz page."""
        rows = db.session.execute(select(Answer.question_id, Answer.option_ids)
                                  .where(Answer.attempt_id == self.id))
        return {question_id: tuple(option_ids) for question_id, option_ids in rows}


def selections_by_attempt(*conditions) -> dict[int, dict[str, tuple[str, ...]]]:
    """Attempt id -> its `selections()`, for every attempt that meets `conditions` (on Attempt
    or Answer), in one query instead of one per attempt."""
    selections: dict[int, dict[str, tuple[str, ...]]] = {}
    for attempt_id, question_id, option_ids in db.session.execute(
            select(Answer.attempt_id, Answer.question_id, Answer.option_ids).join(Attempt).where(*conditions)):
        selections.setdefault(attempt_id, {})[question_id] = tuple(option_ids)
    return selections


class Answer(db.Model):
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), index=True)
    option_ids: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class StatisticsSnapshot(db.Model):
    """The instructor statistics as last computed, so page views read them instead of
    recomputing: recomputed once per batch of finished first attempts, when the bank changes,
    or on demand."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    first_attempts: Mapped[int] = mapped_column(Integer)  # finished first attempts it covers
    retakes: Mapped[int] = mapped_column(Integer)
    bank_key: Mapped[str] = mapped_column(String(64))  # digest of the question versions it covers
    areas: Mapped[list] = mapped_column(JSON)  # kept apart: the report reads the area norms
    items: Mapped[list] = mapped_column(JSON)


class Instructor(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # What the session cookie names instead of the id (Flask-Login's alternative id): a new
    # token ends every session signed in with the old one, on every device.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, index=True,
                                               default=new_session_token)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def end_sessions(self) -> None:
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class ThrottleSlot(db.Model):
    """One try (a sign-in, a typed resume code) counted against a throttle bucket such as
    an email or a client address. Kept in the database so every app process agrees."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(300))
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    __table_args__ = (Index("ix_throttle_slot_bucket_taken_at", "bucket", "taken_at"),)


group_instructor = Table(
    "group_instructor", db.metadata,
    Column("group_id", ForeignKey("quiz_group.id"), primary_key=True),
    Column("instructor_id", ForeignKey("instructor.id"), primary_key=True),
)


class Group(db.Model):
    """A class or cohort taking the quiz together: joined by link or code, seen by its owner
    and co-instructors on a dashboard."""

    __tablename__ = "quiz_group"  # GROUP is an SQL keyword

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True, default=codes.JOIN.new)
    join_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    closes_on: Mapped[date | None] = mapped_column(Date)  # joining is open through this day (UTC)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[int] = mapped_column(ForeignKey("instructor.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[Instructor] = relationship()
    co_instructors: Mapped[list[Instructor]] = relationship(secondary=group_instructor,
                                                            order_by="Instructor.email")

    def is_open(self, today: date) -> bool:
        return not self.archived and (self.closes_on is None or today <= self.closes_on)

    def is_run_by(self, instructor: Instructor) -> bool:
        return instructor.id == self.owner_id or instructor in self.co_instructors


class AttemptResult(db.Model):
    """A finished attempt's scores, computed once when it is finished (finished attempts never
    change), so a group dashboard reads hundreds of them without scoring any."""

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    area_scores: Mapped[dict] = mapped_column(JSON)  # area key -> 0..100, or None if unanswered
    area_errors: Mapped[dict] = mapped_column(JSON)  # area key -> the score's standard error
    overall: Mapped[float | None] = mapped_column(Float)
    # The next steps the taker's report gave -> the area-score points each would add.
    next_steps: Mapped[dict] = mapped_column(JSON)


class AttemptItem(db.Model):
    """One answered question of a finished attempt: the share of its points earned, 0..1."""

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    fraction: Mapped[float] = mapped_column(Float)


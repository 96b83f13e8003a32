"""Database models: the bank (areas, questions with versions, options), attempts and answers,
instructor accounts, and groups (classes) with the stored results their dashboards read."""

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
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .bank import schema
from .extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Area(db.Model):
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    def to_schema(self) -> schema.Area:
        return schema.Area(self.key, self.title, self.description, self.weight)


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
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions")
    options: Mapped[list[Option]] = relationship(
        order_by="Option.position", lazy="selectin", cascade="all, delete-orphan")

    def to_schema(self, retired: bool = False) -> schema.Question:
        return schema.Question(
            id=self.question_id, area=self.area_key, type=self.type, prompt=self.prompt,
            weight=self.weight, topics=tuple(self.topics), feedback=self.feedback,
            next_step=self.next_step_id, resource=self.resource_id, reverse=self.reverse,
            options=tuple(o.to_schema() for o in self.options), retired=retired,
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

    def to_schema(self) -> schema.Option:
        return schema.Option(self.key, self.text, self.points, self.feedback, self.none)


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


RESUME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_resume_code() -> str:
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(10))  # 50 bits
    return f"{code[:5]}-{code[5:]}"


def new_join_code() -> str:
    """Short enough to read aloud or write on a board; guessing is throttled per address."""
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(8))  # 40 bits
    return f"{code[:4]}-{code[4:]}"


DISPLAY_NAME_MAX = 40


class Attempt(db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    resume_code: Mapped[str] = mapped_column(String(16), unique=True, default=new_resume_code)
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

    answers: Mapped[list[Answer]] = relationship(back_populates="attempt")
    previous: Mapped[Attempt | None] = relationship(remote_side=[id])
    group: Mapped[Group | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def selections(self) -> dict[str, frozenset[str]]:
        """Question id -> chosen option ids. One plain query: this runs on every quiz page."""
        rows = db.session.execute(select(Answer.question_id, Answer.option_ids)
                                  .where(Answer.attempt_id == self.id))
        return {question_id: frozenset(option_ids) for question_id, option_ids in rows}


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


class Instructor(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class LoginFailure(db.Model):
    """Failed sign-ins, kept in the database so throttling holds across processes."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


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
    join_code: Mapped[str] = mapped_column(String(16), unique=True, default=new_join_code)
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


class JoinFailure(db.Model):
    """Group codes entered that matched no open group, so guessing is throttled per address
    across every app process."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

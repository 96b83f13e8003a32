"""A section of the quiz as a form: its questions, the field each posts, a post read into
answers and the mistakes a person made, and stored answers shown in the form again. Pure: no
database (attempts.py stores what this reads)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from quiz.domain.bank.plain import Area, Bank
from quiz.domain.question_types import AnswerMistake, InvalidAnswer, Selection
from quiz.domain.question_types.question import Question


@dataclass(frozen=True)
class Section:
    number: int  # 1-based
    area: Area
    questions: tuple[Question, ...]

    @cached_property
    def kinds(self) -> tuple:
        """The question types on the page, each once, in order: whose scripts the page loads,
        and whether it plays clips (worked out once per cached section, not on every request)."""
        return tuple({q.kind.name: q.kind for q in self.questions}.values())

    @cached_property
    def version_ids(self) -> tuple[int, ...]:
        """The question versions on the page, in order (an attempt's section: every question
        stored): the key the page's caches share."""
        return tuple(q.version_id for q in self.questions)


def sections(bank: Bank) -> list[Section]:
    """One section per area that has questions, in the bank's area order."""
    areas = [a for a in bank.areas if bank.questions_in(a.key)]
    return [Section(i, a, tuple(bank.questions_in(a.key))) for i, a in enumerate(areas, start=1)]


def field_name(question: Question) -> str:
    return f"q-{question.id}"


def parse_section(section: Section, form) -> tuple[dict[str, Selection], dict[str, str], dict[str, list[str]]]:
    """Read one section's answers from a submitted form: the answers, per question the
    mistake a person made by hand (shown to them), and the values each answered question
    posted (to show the page again as entered). Raises InvalidAnswer for anything a real form
    of this section could not have sent."""
    names = {name for q in section.questions for name in q.kind.input_names(q, field_name(q))}
    stray = sorted(k for k in form.keys() if k.startswith("q-") and k not in names)
    if stray:
        raise InvalidAnswer(f"unknown question {stray[0][2:]!r} in this section")
    answers, mistakes, entered = {}, {}, {}
    for question in section.questions:
        posted = question.kind.posted(question, form, field_name(question))
        if posted:
            entered[question.id] = posted
        try:
            answers[question.id] = question.kind.parse(question, posted)
        except AnswerMistake as mistake:
            mistakes[question.id] = str(mistake)
    return answers, mistakes, entered


def form_values(section: Section, answers: dict[str, Selection]) -> dict[str, list[str]]:
    """Stored answers as the values the section's form posts, to show them again."""
    return {q.id: q.kind.form_values(q, answers[q.id]) for q in section.questions if q.id in answers}


def mistakes_kept(section: Section, entries: dict[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Of the entries kept to be fixed, those on this section's page - the values as posted -
    and the mistake each makes, to show them as a page sent with mistakes shows them."""
    values, mistakes = {}, {}
    for question in section.questions:
        if question.id in entries:
            try:
                question.kind.parse(question, entries[question.id])
            except AnswerMistake as mistake:
                values[question.id], mistakes[question.id] = entries[question.id], str(mistake)
            except InvalidAnswer:  # an entry the question's current rules refuse outright
                pass
    return values, mistakes

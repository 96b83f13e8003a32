"""A Moodle question as read from either exchange format (Moodle XML or GIFT), before it is
mapped to this bank: Moodle's own words for types, texts and grades, and where it was written.

Pure Python: the readers fill these, `mapping` turns them into the bank's questions.
"""

from __future__ import annotations

from dataclasses import dataclass

# Text formats, by the names GIFT writes between brackets ([html]); Moodle XML's
# "moodle_auto_format" and "plain_text" are read as "moodle" and "plain".
HTML, MOODLE, PLAIN, MARKDOWN = "html", "moodle", "plain", "markdown"


@dataclass(frozen=True)
class Text:
    text: str
    format: str = MOODLE


NO_TEXT = Text("")
UNNAMED = "(a question without a name or text)"


@dataclass(frozen=True)
class Answer:
    text: Text
    fraction: float  # Moodle's grade in percent: 100 is full marks, -50 takes half off
    feedback: Text = NO_TEXT


@dataclass(frozen=True)
class MoodleQuestion:
    """One question. `type` is Moodle's name (multichoice, truefalse, ordering, matching, ...);
    a true/false question's answers are "True" then "False"; an ordering's are in the key order."""

    type: str
    name: str
    text: Text
    line: int  # where the question starts in the file (1-based)
    where: str  # how a person finds it: "line 12" (GIFT) or "/quiz/question[3], line 40" (XML)
    single: bool = True  # multichoice: one answer (radio buttons) or several (checkboxes)
    answers: tuple[Answer, ...] = ()
    general_feedback: Text = NO_TEXT
    correct_feedback: Text = NO_TEXT
    idnumber: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""  # the category in effect ("$course$/top/Mixing"), "" if none
    unreadable: str = ""  # why the reader could not make sense of it (it is skipped, saying so)


@dataclass(frozen=True)
class ParsedFile:
    name: str
    format: str  # "gift" or "moodle-xml"
    questions: tuple[MoodleQuestion, ...]
    categories: tuple[str, ...] = ()  # in the order they appear
    notes: tuple[str, ...] = ()  # what a person should know about how it was read (its encoding)


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be imported: the file, the line (None: the whole file) and what to do."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class ImportRefused(ValueError):
    """The file cannot be imported; nothing of it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))

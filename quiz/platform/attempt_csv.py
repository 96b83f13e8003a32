"""CSV export of finished attempts: one row per attempt, for a spreadsheet.

Two header rows: the first names each column as the instructor knows it (area titles, each
question by the start of its prompt), the second keeps the ids for programs and for telling
two similar prompts apart. Columns: attempt, previous_attempt (for retakes), finished_at
(UTC), score_<area> for each area and overall (0-100, as the report shows them; empty where
nothing was answered), then two columns per question: its id, holding the chosen option ids
separated by ';' (in the taker's order where the question's type keeps one; empty when the
question was skipped or was not in the bank when the attempt was taken), and "<id> (text)",
the same options' texts as the taker read them. A retired question that no row answered has
no columns: they would be empty in every row.

No attempt token is written: those are the takers' private links. The file starts with a
UTF-8 byte order mark (`safe_csv.for_spreadsheets`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question
from quiz.domain.scoring import score
from quiz.platform import safe_csv
from quiz.platform.stores.finished_attempts import FinishedAttempt

SEPARATOR = ";"
HEADING_LENGTH = 60  # a question's column name: its prompt, cut at a word before this many characters
NAMES = {"attempt": "Attempt", "display_name": "Display name", "previous_attempt": "Retake of attempt",
         "finished_at": "Finished (UTC)", "overall": "Overall score"}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def question_heading(question: Question) -> str:
    """The question as a column's name: its prompt, cut at the last word that fits."""
    prompt = " ".join(question.prompt.split())
    if len(prompt) <= HEADING_LENGTH:
        return prompt
    return prompt[:HEADING_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:.") + "\u2026"


def in_columns(bank: Bank, answered: Iterable[str]) -> list[Question]:
    """The questions that get columns: every active one, and a retired one that some row answered."""
    answered = set(answered)
    return [q for q in bank.questions if not q.retired or q.id in answered]


def headers(fixed: Sequence[str], bank: Bank, questions: Sequence[Question]) -> list[list[str]]:
    """The two header rows: names, then ids."""
    ids = [*fixed, *(f"score_{a.key}" for a in bank.areas), "overall"]
    names = [NAMES.get(i, i) for i in fixed] + [a.title for a in bank.areas] + [NAMES["overall"]]
    for question in questions:
        heading = question_heading(question)
        ids += [question.id, f"{question.id} (text)"]
        names += [heading, f"{heading} (answer)"]
    return [names, ids]


def row(bank: Bank, questions: Sequence[Question], attempt: FinishedAttempt) -> list[str]:
    report = score(attempt.bank, attempt.selections)
    scores = report.scores()
    answered = {q.id: q for q in attempt.bank.questions}  # the versions this attempt answered
    return ([str(attempt.id), str(attempt.previous_id or ""),
             attempt.finished_at.isoformat(timespec="seconds") + "Z"]
            + score_cells(bank, scores, report.overall) + answer_cells(questions, answered, attempt.selections))


def score_cells(bank: Bank, scores: Mapping[str, float | None], overall: float | None) -> list[str]:
    return [_number(scores.get(a.key)) for a in bank.areas] + [_number(overall)]


def answer_cells(questions: Sequence[Question], answered: dict[str, Question],
                 selections: Mapping[str, Sequence[str]]) -> list[str]:
    """Per question: the chosen option ids, then their texts in the version answered."""
    cells = []
    for question in questions:
        chosen = selections.get(question.id, ())
        version = answered.get(question.id)
        cells += [SEPARATOR.join(chosen), answer_texts(version, chosen) if version else ""]
    return cells


def answer_texts(question: Question, chosen: Sequence[str]) -> str:
    """The chosen options' texts; where the taker rated each option (a type with
    `rating_levels`, its answer "a:4"), each option's text with the level the taker chose."""
    if all(question.option(value) for value in chosen):
        return question.chosen_texts(chosen)
    rated = {value: f"{option.text}: {level}" for option in question.options
             for value, level in zip(question.kind.option_values(question, option), question.kind.rating_levels)}
    return "; ".join(text for value in chosen
                     if (text := rated.get(value) or getattr(question.option(value), "text", None)))


def attempts_csv(bank: Bank, finished: list[FinishedAttempt]) -> str:
    questions = in_columns(bank, (qid for attempt in finished for qid, chosen in attempt.selections.items() if chosen))
    return safe_csv.for_spreadsheets([*headers(["attempt", "previous_attempt", "finished_at"], bank, questions),
                                      *(row(bank, questions, attempt) for attempt in finished)])

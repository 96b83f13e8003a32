"""Bank questions as Moodle XML or GIFT, for taking a bank back into a Moodle course.

  single_choice -> multiple choice, one answer: each option's share of the best option's
                   points as its grade, its feedback as the answer's feedback
  self_rating   -> multiple choice, one answer: the five scale points (and "I haven't had the
                   chance yet") graded by their points
  checklist     -> multiple choice, several answers: each item's share of all the points
  ranking       -> ordering (the key order)
  other types   -> not exported, listed with the reason

Moodle allows only certain grades (`grades`); a share it does not allow is written as the
nearest one it does, and said so. Each question's id goes in its idnumber and its bank
settings in tags (`tags`), its label (if any) as its name, so importing the file here gives back the same questions. Texts
are plain text (format plain_text, GIFT [plain]); the general feedback is the feedback, and
the rationale goes in Moodle's "any correct response" feedback (GIFT has no place for it).
Questions are grouped by area, each under a category named after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from quiz.domain.bank.moodle import grades, tags

EXPORTED = ("single_choice", "self_rating", "checklist", "ranking")
CATEGORY_ROOT = "$course$/top"
NAME_LENGTH = 60


@dataclass(frozen=True)
class NotExported:
    question_id: str
    reason: str


@dataclass(frozen=True)
class Export:
    text: str
    count: int  # questions written
    not_exported: tuple[NotExported, ...] = ()
    notes: tuple[str, ...] = ()  # grades moved to the nearest Moodle allows, and the like


def _share(question, option) -> float:
    """An option's grade in percent: its share of the best answer's points (of all the
    scoring points, for a checklist)."""
    whole = question.scoring_points if question.kind.multiple else question.best_points
    return 100.0 * option.points / whole if whole else 0.0


def _grades(question, notes: list[str]) -> list[float]:
    written = []
    for option in question.options:
        share = _share(question, option)
        if not grades.allowed(share):
            nearest = grades.nearest(share)
            notes.append(f"{question.id}: option {option.id} is worth {share:.4g} %, which Moodle does not "
                         f"allow; written as {grades.written(nearest)} % (its exact points are in its tags)")
            share = nearest
        written.append(share)
    return written


def _grouped(questions: Iterable, areas: Mapping[str, str]) -> dict[str, list]:
    groups: dict[str, list] = {}
    for question in questions:
        groups.setdefault(question.area, []).append(question)
    return groups


def _category_path(area_key: str, areas: Mapping[str, str]) -> str:
    return f"{CATEGORY_ROOT}/{areas.get(area_key, area_key).replace('/', '-')}"


def _split(questions: Iterable) -> tuple[list, list[NotExported]]:
    kept, left_out = [], []
    for question in questions:
        if question.type in EXPORTED:
            kept.append(question)
        else:
            left_out.append(NotExported(question.id, f"{question.type.replace('_', ' ')} questions have no "
                                                     "Moodle equivalent"))
    return kept, left_out


def _name(question) -> str:
    """What Moodle's question bank lists: the question's label, or the prompt's start if it has
    none (the tag quiz-labelled says which, see `tags`)."""
    if question.label:
        return question.label
    return question.prompt if len(question.prompt) <= NAME_LENGTH else question.prompt[:NAME_LENGTH - 1] + "\u2026"


# --- Moodle XML --------------------------------------------------------------------------------

def _commented(text: str) -> str:
    """Text an XML comment can hold: no "--"."""
    return escape(text).replace("--", "- -")


def _xml_text(tag: str, text: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="plain_text">\n{indent}  <text>{escape(text)}</text>\n{indent}</{tag}>\n'


def _xml_question(question, notes: list[str]) -> str:
    moodle_type = "ordering" if question.type == "ranking" else "multichoice"
    out = [f'  <question type="{moodle_type}">\n',
           f"    <name>\n      <text>{escape(_name(question))}</text>\n    </name>\n",
           _xml_text("questiontext", question.prompt),
           _xml_text("generalfeedback", question.feedback),
           "    <defaultgrade>1</defaultgrade>\n",
           f"    <idnumber>{escape(question.id)}</idnumber>\n"]
    if moodle_type == "ordering":
        out.append("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
                   "    <selectcount>0</selectcount>\n    <gradingtype>RELATIVE_TO_CORRECT</gradingtype>\n"
                   "    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n")
        fractions = [float(place) for place in range(1, len(question.options) + 1)]
    else:
        out.append(f"    <single>{'false' if question.kind.multiple else 'true'}</single>\n"
                   "    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>none</answernumbering>\n")
        fractions = _grades(question, notes)
    out.append(_xml_text("correctfeedback", question.rationale))
    for option, fraction in zip(question.options, fractions):
        out.append(f'    <answer fraction={quoteattr(grades.written(fraction))} format="plain_text">\n'
                   f"      <text>{escape(option.text)}</text>\n"
                   + _xml_text("feedback", option.feedback, "      ") + "    </answer>\n")
    out.append("    <tags>\n" + "".join(f"      <tag><text>{escape(t)}</text></tag>\n"
                                        for t in tags.written(question)) + "    </tags>\n")
    out.append("  </question>\n")
    return "".join(out)


def to_moodle_xml(questions: Iterable, areas: Mapping[str, str]) -> Export:
    kept, left_out = _split(questions)
    notes: list[str] = []
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    out += [f"<!-- Not exported: {_commented(n.question_id)}: {_commented(n.reason)} -->\n" for n in left_out]
    for area_key, group in _grouped(kept, areas).items():
        out.append('  <question type="category">\n'
                   f"    <category>\n      <text>{escape(_category_path(area_key, areas))}</text>\n"
                   "    </category>\n  </question>\n")
        out += [_xml_question(q, notes) for q in group]
    out.append("</quiz>\n")
    return Export("".join(out), len(kept), tuple(left_out), tuple(notes))


# --- GIFT --------------------------------------------------------------------------------------

_GIFT_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
                 "\n": "\\n", "\r": ""}


def gift_escaped(text: str) -> str:
    return "".join(_GIFT_SPECIAL.get(char, char) for char in text)


def _gift_answers(question, notes: list[str]) -> list[str]:
    if question.type == "ranking":
        count = len(question.options)
        return [f">{count} ALL VERTICAL RELATIVE_TO_CORRECT"] + [gift_escaped(o.text) for o in question.options]
    lines = []
    for option, fraction in zip(question.options, _grades(question, notes)):
        if fraction == 100 and not question.kind.multiple:
            marker = "="
        elif fraction == 0:
            marker = "~"
        else:
            marker = f"~%{grades.written(fraction)}%"
        feedback = f"#{gift_escaped(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{marker}{gift_escaped(option.text)}{feedback}")
    return lines


def _gift_question(question, notes: list[str]) -> str:
    comments = [f"// question: {question.id}", f"// [id:{question.id}]"]
    comments += [f"// [tag:{t}]" for t in tags.written(question)]
    if question.type == "ranking" and any(o.feedback for o in question.options):
        notes.append(f"{question.id}: GIFT's ordering has no place for each item's feedback; it is in "
                     "the Moodle XML export")
    if question.rationale:
        notes.append(f"{question.id}: GIFT has no place for the rationale; it is in the Moodle XML export")
    body = _gift_answers(question, notes)
    if question.feedback:
        body.append(f"\t####{gift_escaped(question.feedback)}")
    return ("\n".join(comments) + f"\n::{gift_escaped(_name(question))}::[plain]{gift_escaped(question.prompt)}{{\n"
            + "\n".join(body) + "\n}\n")


def to_gift(questions: Iterable, areas: Mapping[str, str]) -> Export:
    kept, left_out = _split(questions)
    notes: list[str] = []
    parts = [f"// Not exported: {n.question_id}: {n.reason}\n" for n in left_out]
    for area_key, group in _grouped(kept, areas).items():
        parts.append(f"$CATEGORY: {_category_path(area_key, areas)}\n")
        parts += [_gift_question(q, notes) for q in group]
    return Export("\n".join(parts), len(kept), tuple(left_out), tuple(notes))

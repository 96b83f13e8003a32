"""Moodle questions as this bank's questions, or the reason each cannot be one.

  single-answer multiple choice -> single_choice (grades -> points, answer feedback -> option
                                   feedback, general feedback -> feedback)
  multiple-answer multiple choice -> checklist (each answer's grade -> its points)
  true/false                     -> single_choice with the options True and False
  ordering                       -> ranking (the key is Moodle's correct order)
  anything else                  -> skipped, with the reason

Points: a grade of 100 % is 1 point, 50 % half a point; negative grades (penalties) become 0,
because no answer here takes points away. Texts become plain text (`plain_text`).

What a question is as a bank question comes out as the bank's own data (the YAML shape of
`export.question_to_dict`), so the bank's rules check it as they check any other question.
The area, topics, weight and next step are the instructor's choices on the review screen
(`Choices`), except for questions this quiz exported itself: their tags (`tags`) carry their
own, and they keep them, so an export imported again gives back the same questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from quiz.domain.bank.moodle import tags as quiz_tags
from quiz.domain.bank.moodle.parsed import Answer, MoodleQuestion, ParsedFile
from quiz.domain.bank.moodle.plain_text import plain
from quiz.domain.question_types.fields import ID_PATTERN

RANKING_ITEMS = (3, 7)
MAX_ID = 64
TYPED = "it asks for a typed answer; here every question is answered by choosing"
SKIPPED_TYPES = {
    "matching": "matching questions have no equivalent here",
    "match": "matching questions have no equivalent here",
    "shortanswer": f"short answer: {TYPED}",
    "numerical": f"numerical: {TYPED}",
    "essay": "an essay is marked by hand; every answer here is scored by the quiz itself",
    "cloze": "Cloze (embedded answers) questions have no equivalent here",
    "multianswer": "Cloze (embedded answers) questions have no equivalent here",
    "description": "a description is text with nothing to answer",
    "calculated": f"calculated: {TYPED}",
    "calculatedsimple": f"calculated: {TYPED}",
    "calculatedmulti": "calculated multiple choice draws its numbers at random; it has no equivalent here",
    "randomsamatch": "random short-answer matching has no equivalent here",
    "order": "the old \u201corder\u201d plugin's questions cannot be read; export them from a Moodle "
             "with the ordering type (standard since Moodle 4.4)",
}


@dataclass(frozen=True)
class Skipped:
    name: str
    where: str
    line: int
    moodle_type: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    """A question ready for the bank once the review screen's choices fill in what it lacks."""

    data: dict  # the bank's fields as written in YAML
    name: str
    where: str
    line: int
    category: str
    notes: tuple[str, ...] = ()
    updates: bool = False  # its id is in the bank already: saving makes a new version of it

    @property
    def own_settings(self) -> tuple[str, ...]:
        """Which of the review screen's settings this question brings itself (from its tags)."""
        return tuple(key for key in CHOSEN if key in self.data)


CHOSEN = ("area", "topics", "weight", "next_step")


@dataclass(frozen=True)
class Choices:
    """The review screen's settings for every imported question that does not bring its own."""

    area: str
    topics: tuple[str, ...]
    weight: float = 1.0
    next_step: str | None = None

    def applied_to(self, candidate: Candidate) -> dict:
        data = dict(candidate.data)
        chosen = {"area": self.area, "topics": list(self.topics), "weight": self.weight,
                  "next_step": self.next_step}
        for key in CHOSEN:
            if key not in data and chosen[key] not in (None, [], ""):
                data[key] = chosen[key]
        return data


@dataclass(frozen=True)
class ImportPlan:
    file: str
    format: str
    candidates: tuple[Candidate, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    suggested_area: str | None = None  # an area key the categories name, if any

    def questions(self, choices: Choices, current: Mapping | None = None) -> list[dict]:
        """Every candidate's bank data, with the choices filled in. `current` (id -> the bank's
        question) gives what a GIFT file cannot hold - the rationale and a ranking item's
        feedback - to the questions it updates, so a round trip through GIFT loses neither."""
        found = [choices.applied_to(c) for c in self.candidates]
        if self.format != "gift" or not current:
            return found
        return [_kept_from(current[data["id"]], data) if c.updates else data
                for c, data in zip(self.candidates, found)]


def _kept_from(question, data: dict) -> dict:
    data = dict(data)
    if question.rationale and not data.get("rationale"):
        data["rationale"] = question.rationale
    if data["type"] == "ranking":
        feedback = {o.id: o.feedback for o in question.options}
        data["options"] = [{**o, "feedback": feedback[o["id"]]} if not o.get("feedback") and feedback.get(o["id"])
                           else o for o in data["options"]]
    return data


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:MAX_ID].rstrip("-")


def _letters(count: int) -> list[str]:
    """Option ids a, b, ..., z, aa, ab, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26] for i in range(count)]


@dataclass
class _Ids:
    existing: frozenset[str]
    taken: set[str] = field(default_factory=set)

    def kept(self, wanted: str) -> str:
        """An id this quiz exported: kept as it is (it updates that question if it exists)."""
        self.taken.add(wanted)
        return wanted

    def fresh(self, base: str) -> str:
        """A new id from a name: never one already in the bank or in this import."""
        base = base if base and base[0].isalnum() else f"q-{base}".rstrip("-")
        candidate, number = base, 1
        while candidate in self.existing or candidate in self.taken:
            number += 1
            suffix = f"-{number}"
            candidate = base[:MAX_ID - len(suffix)] + suffix
        self.taken.add(candidate)
        return candidate


class _Unmappable(Exception):
    """This question cannot become a bank question (the message says why)."""


def _points(answers: tuple[Answer, ...], exact: list[float] | None, notes: list[str]) -> list[float]:
    if exact is not None and len(exact) == len(answers):
        return exact
    if any(a.fraction < 0 for a in answers):
        notes.append("negative grades (penalties for a wrong answer) became 0 points: no answer here "
                     "takes points away")
    return [round(max(a.fraction, 0.0) / 100, 4) for a in answers]


def _option_texts(answers: tuple[Answer, ...], notes: list[str]) -> list[tuple[str, str]]:
    texts = []
    for number, answer in enumerate(answers, start=1):
        text, feedback = plain(answer.text), plain(answer.feedback)
        if not answer.text.text.strip():
            raise _Unmappable(f"answer {number} is empty (in GIFT, a doubled marker such as \u201c=~\u201d "
                              "makes an empty answer)")
        if not text.text:
            raise _Unmappable(f"answer {number} (\u201c{answer.text.text.strip()[:40]}\u201d) is only HTML "
                              "(tags or images), which shows as no text; to show a tag itself, write "
                              "it as &lt;a&gt;")
        if text.media_left_out:
            notes.append(f"answer {number}: an image or media left out (the quiz shows text only)")
        texts.append((text.text, feedback.text))
    return texts


def _options(question: MoodleQuestion, kind: str, tagged: quiz_tags.Tagged,
             notes: list[str]) -> list[dict]:
    texts = _option_texts(question.answers, notes)
    ids = tagged.option_ids if len(tagged.option_ids) == len(texts) else (
        ["true", "false"] if question.type == "truefalse" else _letters(len(texts)))
    options = []
    if kind == "ranking":
        for option_id, (text, feedback) in zip(ids, texts):
            options.append({"id": option_id, "text": text, **({"feedback": feedback} if feedback else {})})
        return options
    points = _points(question.answers, tagged.points, notes)
    for option_id, (text, feedback), score in zip(ids, texts, points):
        option = {"id": option_id, "text": text, "points": int(score) if float(score).is_integer() else score}
        if feedback:
            option["feedback"] = feedback
        if option_id in tagged.none_options:
            option["none"] = True
        options.append(option)
    if not any(o["points"] > 0 for o in options):
        raise _Unmappable("no answer earns any grade, so nothing would score")
    return options


def _kind(question: MoodleQuestion, tagged: quiz_tags.Tagged) -> str:
    if question.type == "multichoice":
        if tagged.type == "self_rating":
            return "self_rating"
        return "single_choice" if question.single else "checklist"
    if question.type == "truefalse":
        return "single_choice"
    if question.type == "ordering":
        low, high = RANKING_ITEMS
        if not low <= len(question.answers) <= high:
            raise _Unmappable(f"a ranking here takes {low} to {high} items; this ordering has "
                              f"{len(question.answers)}")
        return "ranking"
    raise _Unmappable(SKIPPED_TYPES.get(question.type, f"the question type \u201c{question.type}\u201d "
                                                       "(a Moodle plugin) has no equivalent here"))


def _data(question: MoodleQuestion, ids: _Ids, notes: list[str]) -> tuple[dict, bool]:
    tagged = quiz_tags.read(question.tags)
    kind = _kind(question, tagged)
    prompt = plain(question.text)
    if not prompt.text:
        raise _Unmappable("it has no question text once its formatting is removed")
    if prompt.media_left_out:
        notes.append(f"{prompt.media_left_out} image(s) or media in the question left out "
                     "(the quiz shows text only): check the question still makes sense")
    own_id = tagged.type is not None and ID_PATTERN.match(question.idnumber)
    qid = ids.kept(question.idnumber) if own_id else ids.fresh(slug(question.idnumber or question.name))
    data: dict = {"id": qid, "type": kind, "prompt": prompt.text}
    data.update(tagged.settings)
    if tagged.labelled and (label := " ".join(question.name.split())):
        data["label"] = label
    if kind == "self_rating":
        data.update(tagged.self_rating_fields)
    else:
        data["options"] = _options(question, kind, tagged, notes)
    feedback = plain(question.general_feedback).text
    if feedback:
        data["feedback"] = feedback
    if tagged.type is not None and (rationale := plain(question.correct_feedback).text):
        data["rationale"] = rationale
    return data, bool(own_id) and qid in ids.existing


def _area_words(category: str) -> str:
    """The part of a Moodle category path that names the questions: its last part that is not
    a context or a default ("$course$/top/Default for Music/Mixing" -> "Mixing")."""
    parts = [p.strip() for p in category.split("/") if p.strip()]
    meaningful = [p for p in parts if not p.startswith("$") and p.lower() != "top"
                  and not p.lower().startswith(("default for", "défaut pour"))]
    return meaningful[-1] if meaningful else ""


def suggested_area(categories: Iterable[str], areas: Mapping[str, str]) -> str | None:
    """The area (key -> title) the most used category names by its key or title, if any."""
    by_name = {slug(name): key for key, title in areas.items() for name in (key, title)}
    for category, _ in Counter(categories).most_common():
        if (key := by_name.get(slug(_area_words(category)))) is not None:
            return key
    return None


def plan_import(parsed: ParsedFile, existing_ids: Iterable[str] = (),
                areas: Mapping[str, str] | None = None) -> ImportPlan:
    """What of a read file becomes bank questions and what is skipped, and why."""
    ids = _Ids(frozenset(existing_ids))
    candidates, skipped = [], []
    for question in parsed.questions:
        notes: list[str] = []
        try:
            if question.unreadable:
                raise _Unmappable(question.unreadable)
            data, updates = _data(question, ids, notes)
        except _Unmappable as reason:
            skipped.append(Skipped(question.name, question.where, question.line, question.type, str(reason)))
            continue
        candidates.append(Candidate(data, question.name, question.where, question.line, question.category,
                                    tuple(notes), updates))
    return ImportPlan(parsed.name, parsed.format, tuple(candidates), tuple(skipped), parsed.notes,
                      parsed.categories,
                      suggested_area([c.category for c in candidates if c.category], areas or {}))

"""Read GIFT, Moodle's plain-text question format, the way Moodle's own importer reads it
(question/format/gift/format.php): questions are separated by blank lines; `//` starts a
comment line (`// [id:...]` and `// [tag:...]` in them give the idnumber and tags);
`$CATEGORY: path` switches the category; `::name::` names a question; `[html]`, `[moodle]`,
`[plain]` and `[markdown]` set a text's format; the first `{...}` is the answer block, with
`####` before the general feedback; `\\~ \\= \\# \\{ \\} \\:` are literal characters and `\\n` a
new line.

The answer block decides the type, as in Moodle: empty - essay; `#...` - numerical; any `~` -
multiple choice (one answer if there is an `=`, several otherwise); `=` with `->` - matching;
T, TRUE, F or FALSE - true/false (here in any case: `{t}` is a teacher's true, not a short
answer "t"); `>...` - ordering (the qtype_ordering extension); anything else - short answer.
No answer block: a description. Text after the block makes a missing-word question ("_____").

Mistakes Moodle refuses a file for are refused here too, with the line: a `{` without its `}`
(or the reverse), and a multiple-choice question with fewer than two answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.domain.bank.moodle.encoding import decode
from quiz.domain.bank.moodle.parsed import (
    HTML,
    MARKDOWN,
    MOODLE,
    NO_TEXT,
    PLAIN,
    UNNAMED,
    Answer,
    ImportRefused,
    MoodleQuestion,
    ParsedFile,
    Problem,
    Text,
)

FORMATS = (HTML, MOODLE, PLAIN, MARKDOWN)
# Escaped characters stand in as private-use characters while the structure is read.
_ESCAPES = {":": "\ue001", "#": "\ue002", "=": "\ue003", "{": "\ue004", "}": "\ue005", "~": "\ue006",
            "n": "\ue007"}
_BACKSLASH = "\ue000"
_RESTORED = {held: ("\n" if char == "n" else char) for char, held in _ESCAPES.items()} | {_BACKSLASH: "\\"}
_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d*)?)%")
_TRUE, _FALSE = ("T", "TRUE"), ("F", "FALSE")
_ID = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\]|[^\]<>`\x00-\x1f])+)\]")
# Moodle's Cloze (embedded answers) syntax, which some files use inside GIFT: {1:MC:~a~=b}.
_CLOZE = re.compile(r"^\d*:(MULTICHOICE|MULTIRESPONSE|SHORTANSWER|NUMERICAL|MC|MR|SA|NM)\w*:", re.IGNORECASE)
MISSING_WORD = "_____"


def _held(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for char, held in _ESCAPES.items():
        text = text.replace("\\" + char, held)
    return text


def _released(text: str) -> str:
    for held, char in _RESTORED.items():
        text = text.replace(held, char)
    return text


@dataclass
class _Block:
    """One question's lines as written (comment lines blanked) and where they start."""

    lines: list[str]
    first_line: int  # file line of lines[0]
    comments: list[str]

    def line_at(self, text: str, position: int) -> int:
        """The file line of a position in the joined text of this block."""
        return self.first_line + text.count("\n", 0, position)


def _blocks(text: str) -> list[_Block]:
    blocks, current, first, comments = [], [], 0, []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(_Block(current, first, comments))
            current, comments = [], []
            continue
        if not current:
            first = number
        if line.startswith("//"):
            comments.append(line)
            line = ""
        current.append(line)
    if current:
        blocks.append(_Block(current, first, comments))
    return blocks


def _with_format(text: str, default: str) -> Text:
    """A text with its format: a leading [html], [moodle], [plain] or [markdown] sets it."""
    text = text.strip()
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            return Text(_released(text[end + 1:]).strip(), text[1:end])
    return Text(_released(text).strip(), default)


def _text_and_feedback(text: str, default: str) -> tuple[Text, Text]:
    answer, hash_sign, feedback = text.partition("#")
    return _with_format(answer, default), (_with_format(feedback, default) if hash_sign else NO_TEXT)


def _multichoice_answers(answer_text: str, default: str) -> list[Answer]:
    answers = []
    for part in answer_text.replace("=", "~=").split("~"):
        part = part.strip()
        if not part:
            continue
        if part.startswith("="):
            fraction, part = 100.0, part[1:]
        elif weight := _WEIGHT.match(part):
            fraction, part = float(weight.group(1)), part[weight.end():]
        else:
            fraction = 0.0
        text, feedback = _text_and_feedback(part, default)
        answers.append(Answer(text, fraction, feedback))
    return answers


def _true_false(answer_text: str, default: str) -> tuple[Answer, Answer]:
    value, *feedbacks = answer_text.split("#", 2)
    wrong, right = (_with_format(f, default) for f in (feedbacks + ["", ""])[:2])
    is_true = value.strip().upper() in _TRUE
    return (Answer(Text("True", PLAIN), 100.0 if is_true else 0.0, right if is_true else wrong),
            Answer(Text("False", PLAIN), 0.0 if is_true else 100.0, wrong if is_true else right))


def _ordering_items(answer_text: str, default: str) -> list[Answer]:
    """qtype_ordering's GIFT: `>` and its settings on the first line, one item per line."""
    items = [line.strip() for line in answer_text.split("\n")[1:] if line.strip()]
    return [Answer(_with_format(item, default), float(place)) for place, item in enumerate(items, start=1)]


def _type_of(answer_text: str) -> str:
    if answer_text == "":
        return "essay"
    if answer_text.startswith("#"):
        return "numerical"
    if answer_text.startswith(">"):
        return "ordering"
    if _CLOZE.match(answer_text):
        return "cloze"
    if "~" in answer_text:
        return "multichoice"
    if "=" in answer_text and "->" in answer_text:
        return "matching"
    if answer_text.split("#", 1)[0].strip().upper() in _TRUE + _FALSE:
        return "truefalse"
    return "shortanswer"


def _question(block: _Block, name: str, category: str, problems: list[Problem]) -> MoodleQuestion | None:
    joined = _held("\n".join(block.lines))
    text = joined.strip()
    offset = len(joined) - len(joined.lstrip())  # where `text` starts in the block, for line numbers
    line = block.line_at(joined, offset)
    idnumber = next((m.group(1).replace("\\]", "]").strip() for c in block.comments
                     for m in [_ID.search(c)] if m), "")
    tags = tuple(m.group(1).replace("\\]", "]").strip() for c in block.comments for m in _TAG.finditer(c))

    title = ""
    if text.startswith("::") and (end := text.find("::", 2)) >= 0:
        title = _released(text[2:end]).strip()
        rest = text[end + 2:]
        offset += end + 2 + len(rest) - len(rest.lstrip())
        text = rest.strip()
    start, finish = text.find("{"), text.find("}")
    common = {"line": line, "where": f"line {line}", "idnumber": idnumber, "tags": tags, "category": category}
    if start < 0 and finish < 0:
        description = _with_format(text, MOODLE)
        return MoodleQuestion(type="description", name=title or _short(description.text),
                              text=description, **common)
    if start < 0 or finish < start:
        unclosed = finish < 0
        problems.append(Problem(name, block.line_at(joined, offset + (start if unclosed else finish)), (
            "this answer block { has no closing }; close it, or write a literal brace as \\{" if unclosed
            else "this } closes no answer block { } (write a literal brace as \\})")))
        return None

    answer_text = text[start + 1:finish].strip()
    before, after = text[:start].strip(), text[finish + 1:].strip()
    general_feedback = ""
    if (split := answer_text.rfind("####")) >= 0:
        answer_text, general_feedback = answer_text[:split].strip(), answer_text[split + 4:]
    elif after.startswith("####"):  # written after the block (Moodle keeps it in the text)
        after, general_feedback = "", after[4:]
    unreadable = ""
    if "{" in after or "}" in after:
        unreadable = ("it has more than one answer block { } (or a { or } in an answer that is not "
                      "written \\{ or \\}); only one answer block per question can be imported")
    question_text = _with_format(f"{before} {MISSING_WORD} {after}" if after else before, MOODLE)
    qtype = _type_of(answer_text)
    answers: tuple[Answer, ...] = ()
    default = question_text.format
    if qtype == "multichoice":
        answers = tuple(_multichoice_answers(answer_text, default))
        if len(answers) < 2:
            problems.append(Problem(name, line, f"question {title or _short(question_text.text)!r} is "
                                                "multiple choice but has fewer than two answers; "
                                                "give it at least two (=right ~wrong)"))
            return None
    elif qtype == "truefalse":
        answers = _true_false(answer_text, default)
    elif qtype == "ordering":
        answers = tuple(_ordering_items(answer_text, default))
    return MoodleQuestion(
        type=qtype, name=title or _short(question_text.text), text=question_text, answers=answers,
        single=qtype != "multichoice" or "=" in answer_text,
        general_feedback=_with_format(general_feedback, default) if general_feedback else NO_TEXT,
        unreadable=unreadable, **common)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return (text if len(text) <= length else text[:length - 1] + "\u2026") or UNNAMED


def parse_gift(data: bytes, name: str) -> ParsedFile:
    """Every question and category of a GIFT file; raises `ImportRefused` naming the line of
    each mistake that stops it being read."""
    decoded = decode(data, name)
    problems: list[Problem] = []
    questions, categories, category = [], [], ""
    for block in _blocks(decoded.text):
        text = "\n".join(block.lines).strip()
        if not text:
            continue  # only comments
        if text.startswith("$CATEGORY:"):
            category = _released(_held(text[len("$CATEGORY:"):])).strip()
            categories.append(category)
            continue
        question = _question(block, name, category, problems)
        if question is not None:
            questions.append(question)
    if problems:
        raise ImportRefused(problems)
    if not any(q.type != "description" for q in questions):
        raise ImportRefused([Problem(name, None, (
            "no GIFT question was found: a question needs its answers in braces, as in "
            "\u201cWhat is 2+2? {=4 ~3 ~5}\u201d. Check that this is the GIFT file Moodle exported"))])
    return ParsedFile(name, "gift", tuple(questions), tuple(categories),
                      (decoded.note,) if decoded.note else ())

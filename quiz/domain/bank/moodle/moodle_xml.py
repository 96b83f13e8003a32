"""Read Moodle XML (question/format/xml) with a hardened parser: defusedxml refuses any
DOCTYPE, entity declaration and external reference, so nothing is expanded or fetched.

A file is a <quiz> of <question type="..."> elements (or a single <question>, as Moodle's
own fixtures have). A question of type "category" switches the category; every other question
keeps its type, texts (with their format attribute), answers (fraction in percent, text,
feedback), general and "correct" feedback, idnumber and tags. Where each question was written
is kept as its XML path and line: /quiz/question[3], line 40.
"""

from __future__ import annotations

import re
import xml.sax.handler
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.sax import parseString

from quiz.domain.bank.moodle import grades
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

FORMATS = {"html": HTML, "moodle_auto_format": MOODLE, "plain_text": PLAIN, "markdown": MARKDOWN}
DECLARATION = re.compile(r"\A<\?xml[^>]*\?>")


@dataclass
class _Element:
    tag: str
    attributes: dict[str, str]
    line: int
    children: list[_Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def first(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[_Element]:
        return [c for c in self.children if c.tag == tag]

    def value(self, *path: str) -> str:
        """The text at a path of first children (name, text); "" when it is not there."""
        node: _Element | None = self
        for tag in path:
            node = node.first(tag) if node else None
        return node.text.strip() if node else ""


class _TreeBuilder(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: _Element | None = None
        self.open: list[_Element] = []
        self.locator = None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def startElement(self, name, attrs):
        element = _Element(name, dict(attrs), self.locator.getLineNumber())
        if self.open:
            self.open[-1].children.append(element)
        else:
            self.root = element
        self.open.append(element)

    def endElement(self, name):
        self.open.pop()

    def characters(self, content):
        if self.open:
            self.open[-1].parts.append(content)


def _tree(text: str, name: str) -> _Element:
    # The text is decoded already; the declaration (which may name another encoding) goes,
    # its line stays, so every line number is the file's own.
    data = DECLARATION.sub("", text, count=1).encode("utf-8")
    builder = _TreeBuilder()
    try:
        parseString(data, builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except xml.sax.SAXParseException as error:
        raise ImportRefused([Problem(name, error.getLineNumber(), (
            f"this is not well-formed XML ({error.getMessage()}, column {error.getColumnNumber() + 1}); "
            "export the questions from Moodle again, or mend the XML at that line"))]) from None
    except DefusedXmlException:
        line = text[:max(text.find("<!DOCTYPE"), 0)].count("\n") + 1
        raise ImportRefused([Problem(name, line, (
            "the file declares a DOCTYPE or entities, which are never read (they can make a "
            "small file expand without end, or fetch other files); Moodle never writes them: "
            "remove the <!DOCTYPE ...> and import again"))]) from None
    return builder.root


def _text(element: _Element | None, default_format: str) -> Text:
    if element is None:
        return NO_TEXT
    form = FORMATS.get(element.attributes.get("format", ""), default_format)
    return Text(element.value("text"), form)


def _single(value: str) -> bool:
    """<single>: true/false, 1/0 (any case, as Moodle's trans_single); absent means one answer."""
    return value.strip().lower() not in ("false", "0")


def _answers(question: _Element, path: str, default_format: str, name: str,
             problems: list[Problem], checked: bool) -> list[Answer]:
    answers = []
    for number, element in enumerate(question.all("answer"), start=1):
        raw = element.attributes.get("fraction", "0")
        try:
            fraction = float(raw)
        except ValueError:
            problems.append(Problem(name, element.line, f"{path}/answer[{number}]: the fraction {raw!r} is "
                                                        "not a number; give a grade such as 100, 50 or 0"))
            continue
        if checked and not grades.allowed(fraction):
            problems.append(Problem(name, element.line, (
                f"{path}/answer[{number}]: the grade {raw} is not one Moodle allows (Moodle refuses "
                f"this file too); use {grades.written(grades.nearest(fraction))}, the nearest, "
                "and import again")))
            continue
        text = Text(element.value("text"), FORMATS.get(element.attributes.get("format", ""), default_format))
        answers.append(Answer(text, fraction, _text(element.first("feedback"), default_format)))
    return answers


def _true_false(answers: list[Answer]) -> tuple[Answer, ...]:
    by_value = {a.text.text.strip().lower(): a for a in answers}
    true, false = by_value.get("true"), by_value.get("false")
    if true is None or false is None:
        return ()
    return (Answer(Text("True", PLAIN), true.fraction, true.feedback),
            Answer(Text("False", PLAIN), false.fraction, false.feedback))


def _tags(question: _Element) -> tuple[str, ...]:
    holders = [question, *question.all("tags")]
    return tuple(t for holder in holders for tag in holder.all("tag")
                 if (t := tag.value("text") or tag.text.strip()))


def _question(element: _Element, path: str, category: str, name: str,
              problems: list[Problem]) -> MoodleQuestion:
    qtype = element.attributes.get("type", "")
    text = _text(element.first("questiontext"), MOODLE)
    title = element.value("name", "text")
    common = {"type": qtype or "(none)", "name": title or " ".join(text.text.split())[:60] or UNNAMED,
              "text": text, "line": element.line, "where": f"{path}, line {element.line}",
              "category": category, "idnumber": element.value("idnumber"), "tags": _tags(element),
              "general_feedback": _text(element.first("generalfeedback"), text.format),
              "correct_feedback": _text(element.first("correctfeedback"), text.format)}
    if not qtype:
        return MoodleQuestion(**common, unreadable="it has no type=\"...\" attribute, so its kind is unknown")
    if qtype not in ("multichoice", "truefalse", "ordering"):
        return MoodleQuestion(**common)
    answers = _answers(element, path, text.format, name, problems, checked=qtype == "multichoice")
    if qtype == "multichoice":
        return MoodleQuestion(**common, single=_single(element.value("single")), answers=tuple(answers))
    if qtype == "truefalse":
        pair = _true_false(answers)
        return MoodleQuestion(**common, answers=pair,
                              unreadable="" if pair else "its answers are not \"true\" and \"false\"")
    return MoodleQuestion(**common, answers=tuple(sorted(answers, key=lambda a: a.fraction)))


def parse_moodle_xml(data: bytes, name: str) -> ParsedFile:
    """Every question and category of a Moodle XML file; raises `ImportRefused` naming the
    line of each mistake that stops it being read."""
    decoded = decode(data, name)
    root = _tree(decoded.text, name)
    if root.tag == "question":
        elements, base = [root], "/question"
    elif root.tag == "quiz":
        elements, base = root.all("question"), "/quiz/question"
    else:
        raise ImportRefused([Problem(name, root.line, (
            f"this is not a Moodle XML quiz: its root element is <{root.tag}>, where Moodle's "
            "start with <quiz>. Export the questions from Moodle as \u201cMoodle XML format\u201d"))])
    problems: list[Problem] = []
    questions, categories, category = [], [], ""
    for number, element in enumerate(elements, start=1):
        path = base if root.tag == "question" else f"{base}[{number}]"
        if element.attributes.get("type") == "category":
            category = element.value("category", "text")
            categories.append(category)
            continue
        questions.append(_question(element, path, category, name, problems))
    if problems:
        raise ImportRefused(problems)
    if not questions:
        raise ImportRefused([Problem(name, root.line, "the file holds no questions (only categories, "
                                                      "if any); export the questions themselves")])
    return ParsedFile(name, "moodle-xml", tuple(questions), tuple(categories),
                      (decoded.note,) if decoded.note else ())

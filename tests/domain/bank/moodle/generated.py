"""A large Moodle XML file of the kinds a course exports: HTML texts, feedback, a category,
single- and multiple-answer multiple choice, true/false and ordering questions."""

from __future__ import annotations


def _multichoice(number: int, single: bool) -> str:
    answers = "".join(
        f'<answer fraction="{fraction}" format="html"><text><![CDATA[<p>Option {letter} of question '
        f'{number}</p>]]></text><feedback format="html"><text>Feedback {letter}.</text></feedback></answer>'
        for letter, fraction in zip("abcd", ("100", "0", "0", "0") if single else ("50", "50", "0", "0")))
    return (f'<question type="multichoice"><name><text>Question {number}</text></name>'
            f'<questiontext format="html"><text><![CDATA[<p>What would you do <b>first</b> in '
            f'situation {number}?</p>]]></text></questiontext><generalfeedback format="html"><text>'
            f"Why, for question {number}.</text></generalfeedback><idnumber>mq-{number}</idnumber>"
            f"<single>{'true' if single else 'false'}</single>{answers}</question>")


def _true_false(number: int) -> str:
    return (f'<question type="truefalse"><name><text>Question {number}</text></name><questiontext format="html">'
            f"<text>Statement {number} is true.</text></questiontext>"
            '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
            "</question>")


def _ordering(number: int) -> str:
    items = "".join(f'<answer fraction="{place}" format="html"><text>Step {place}</text></answer>'
                    for place in range(1, 5))
    return (f'<question type="ordering"><name><text>Question {number}</text></name><questiontext format="html">'
            f"<text>Put the steps of task {number} in order.</text></questiontext>{items}</question>")


def many_questions_xml(count: int) -> bytes:
    makers = (lambda n: _multichoice(n, True), lambda n: _multichoice(n, False), _true_false, _ordering)
    questions = "\n".join(makers[n % len(makers)](n) for n in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="category"><category><text>'
            f"$course$/top/Imported</text></category></question>\n{questions}\n</quiz>\n").encode()

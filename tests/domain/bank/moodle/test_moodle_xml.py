"""Moodle XML read with a hardened parser and mapped: formats, CDATA, single and multiple
answers, true/false, ordering, idnumber and tags; entities, DOCTYPEs and non-quiz files refused."""

from __future__ import annotations

import pytest

from quiz.domain.bank.moodle import ImportRefused, parse_moodle_xml, plan_import

QUESTION = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Business</text></category></question>
  <question type="multichoice">
    <name><text>Contract</text></name>
    <questiontext format="html"><text><![CDATA[<p>Who owns the <b>master</b>?</p><img src="x.png">]]></text></questiontext>
    <generalfeedback format="html"><text>Read the contract.</text></generalfeedback>
    <single>{single}</single>
    <answer fraction="100" format="html"><text>The label</text><feedback><text>Yes.</text></feedback></answer>
    <answer fraction="{second}" format="plain_text"><text>The &lt;producer&gt;</text></answer>
  </question>
</quiz>
"""


def plan(text: str):
    return plan_import(parse_moodle_xml(text.encode("utf-8"), "quiz.xml"), areas={"business": "Business"})


def test_single_answer_multichoice():
    found = plan(QUESTION.format(single="true", second="0"))
    data = found.candidates[0].data
    assert data["type"] == "single_choice"
    assert data["prompt"] == "Who owns the master?"
    assert data["options"] == [{"id": "a", "text": "The label", "points": 1, "feedback": "Yes."},
                               {"id": "b", "text": "The <producer>", "points": 0}]
    assert data["feedback"] == "Read the contract."
    assert any("image" in note for note in found.candidates[0].notes)
    assert found.suggested_area == "business"
    assert found.candidates[0].where == "/quiz/question[2], line 4"


def test_multiple_answer_multichoice_is_a_checklist():
    data = plan(QUESTION.format(single="0", second="50").replace('fraction="100"', 'fraction="50"')).candidates[0].data
    assert data["type"] == "checklist"
    assert [o["points"] for o in data["options"]] == [0.5, 0.5]


def test_true_false_and_ordering():
    found = plan("""<quiz><question type="truefalse"><name><text>TF</text></name>
      <questiontext><text>Loud is better.</text></questiontext>
      <answer fraction="0"><text>true</text><feedback><text>Not always.</text></feedback></answer>
      <answer fraction="100"><text>false</text></answer></question>
      <question type="ordering"><name><text>Steps</text></name><questiontext><text>Order them</text></questiontext>
      <answer fraction="2"><text>Mix</text></answer><answer fraction="1"><text>Record</text></answer>
      <answer fraction="3"><text>Master</text></answer></question></quiz>""")
    true_false, ordering = (c.data for c in found.candidates)
    assert true_false["options"] == [{"id": "true", "text": "True", "points": 0, "feedback": "Not always."},
                                     {"id": "false", "text": "False", "points": 1}]
    assert ordering["type"] == "ranking"
    assert [o["text"] for o in ordering["options"]] == ["Record", "Mix", "Master"]


def test_an_ordering_with_too_many_items_is_skipped_with_the_reason():
    answers = "".join(f'<answer fraction="{n}"><text>Item {n}</text></answer>' for n in range(1, 9))
    found = plan(f'<quiz><question type="ordering"><questiontext><text>Order</text></questiontext>'
                 f"{answers}</question></quiz>")
    assert "3 to 7 items" in found.skipped[0].reason


@pytest.mark.parametrize("document, line, words", [
    ('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY lol "lol">]>\n<quiz>&lol;</quiz>', 2, "DOCTYPE"),
    ('<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.com/x.dtd">\n<quiz/>', 2, "DOCTYPE"),
    ("<quiz>\n  <question type=multichoice>\n</quiz>", 2, "not well-formed"),
    ("<test>\n<question/></test>", 1, "not a Moodle XML quiz"),
    (('<quiz>\n<question type="multichoice"><questiontext><text>Q</text></questiontext>\n'
      '<answer fraction="100"><text>a</text></answer>\n<answer fraction="12"><text>b</text></answer>'
      "</question></quiz>"), 4, "use 12.5, the nearest"),
])
def test_refused_with_the_line_and_what_to_do(document, line, words):
    with pytest.raises(ImportRefused) as refused:
        parse_moodle_xml(document.encode("utf-8"), "quiz.xml")
    problem = refused.value.problems[0]
    assert problem.line == line and words in problem.message


def test_a_declared_single_byte_encoding_is_honoured():
    document = '<?xml version="1.0" encoding="windows-1251"?>\n<quiz><question type="essay">' \
               "<name><text>Эссе</text></name></question></quiz>"
    found = plan_import(parse_moodle_xml(document.encode("windows-1251"), "ru.xml"))
    assert found.skipped[0].name == "Эссе"

"""GIFT read as Moodle reads it, and mapped: escapes, formats, weights, feedback, true/false,
ordering, categories, missing words, and the mistakes that refuse a file (with their line)."""

from __future__ import annotations

import pytest

from quiz.domain.bank.moodle import ImportRefused, parse_gift, plan_import


def plan(text: str, **options):
    return plan_import(parse_gift(text.encode("utf-8"), "quiz.gift"), **options)


def only(text: str) -> dict:
    found = plan(text)
    assert len(found.candidates) == 1, found.skipped
    return found.candidates[0].data


def test_single_choice_with_weights_feedback_and_general_feedback():
    data = only("::Mix:: Which comes first? {\n=Gain staging#Right.\n~%50%EQ#Half right.\n"
                "~%-100%Limiter#No.\n####Levels first.}")
    assert data["type"] == "single_choice" and data["prompt"] == "Which comes first?"
    assert data["options"] == [{"id": "a", "text": "Gain staging", "points": 1, "feedback": "Right."},
                               {"id": "b", "text": "EQ", "points": 0.5, "feedback": "Half right."},
                               {"id": "c", "text": "Limiter", "points": 0, "feedback": "No."}]
    assert data["feedback"] == "Levels first."
    assert data["id"] == "mix"


def test_negative_weights_become_zero_points_and_the_review_says_so():
    found = plan("Pick the two. {~%50%A ~%50%B ~%-100%C}")
    candidate = found.candidates[0]
    assert candidate.data["type"] == "checklist"
    assert [o["points"] for o in candidate.data["options"]] == [0.5, 0.5, 0]
    assert any("negative grades" in note for note in candidate.notes)


def test_every_escape_is_a_literal_character():
    data = only("Which? {=a\\~b\\=c\\#d\\{e\\}f\\:g ~[plain]plain\\nnext}")
    assert [o["text"] for o in data["options"]] == ["a~b=c#d{e}f:g", "plain\nnext"]


def test_formats_html_markdown_and_plain():
    data = only("[html]<p>Is <b>this</b> &amp; that loud?</p>{\n~[markdown]**Very** loud\n"
                "=[plain]<not a tag>}")
    assert data["prompt"] == "Is this & that loud?"
    assert [o["text"] for o in data["options"]] == ["Very loud", "<not a tag>"]


def test_true_false_gives_each_option_its_feedback():
    data = only("The sun rises in the west.{FALSE#Think of the morning.#Right: east.####Geography.}")
    assert data["options"] == [
        {"id": "true", "text": "True", "points": 0, "feedback": "Think of the morning."},
        {"id": "false", "text": "False", "points": 1, "feedback": "Right: east."}]
    assert data["feedback"] == "Geography."


@pytest.mark.parametrize("answer", ["T", "TRUE", "{ TRUE }", "t", "true#yes"])
def test_true_in_every_spelling(answer):
    block = answer if answer.startswith("{") else "{" + answer + "}"
    data = only(f"Loud is good. {block}")
    assert [o["points"] for o in data["options"]] == [1, 0]


def test_missing_word_question_keeps_its_blank():
    data = only("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert data["prompt"] == "Grant is _____ in Grant's tomb."


def test_ordering_becomes_a_ranking_in_key_order_with_its_idnumber_as_a_fresh_id():
    data = only("// [id:myid]\n::Order::Put them in order.{>3 ALL VERTICAL ABSOLUTE\nFirst\nSecond\nThird\n}")
    assert data["type"] == "ranking"
    assert [o["text"] for o in data["options"]] == ["First", "Second", "Third"]
    assert data["id"] == "myid"


def test_categories_suggest_the_area_they_name():
    found = plan("$CATEGORY: $course$/top/Default for Music/Technical skills\n\nQ? {=a ~b}",
                 areas={"technical": "Technical skills", "business": "Business"})
    assert found.categories == ("$course$/top/Default for Music/Technical skills",)
    assert found.suggested_area == "technical"


def test_unsupported_questions_are_skipped_with_name_line_and_reason():
    found = plan("// a comment\n\n::Short:: Name it. {=Gain}\n\n::Num:: How many? {#4}\n\n::Match::"
                 " Pair. {=a -> b =c -> d}\n\n::Essay:: Explain. {}\n\nJust text.\n\n::Ok:: Q? {=a ~b}")
    assert [(s.name, s.line, s.moodle_type) for s in found.skipped] == [
        ("Short", 3, "shortanswer"), ("Num", 5, "numerical"), ("Match", 7, "matching"),
        ("Essay", 9, "essay"), ("Just text.", 11, "description")]
    assert "typed answer" in found.skipped[0].reason
    assert [c.name for c in found.candidates] == ["Ok"]


def test_imported_ids_never_take_an_existing_id():
    found = plan("::Mix:: Q? {=a ~b}\n\n::Mix:: Q2? {=a ~b}", existing_ids={"mix"})
    assert [c.data["id"] for c in found.candidates] == ["mix-2", "mix-3"]
    assert not any(c.updates for c in found.candidates)


@pytest.mark.parametrize("text, line, words", [
    ("Q1? {=a ~b}\r\n\r\n::Q2::\r\nNo end {=a ~b\r\n", 4, "has no closing }"),
    ("Q1? {=a ~b}\n\nStray } here {=a ~b}\n", 3, "closes no answer block"),
    ("// comment\n::Lonely:: One answer only {~only}\n", 2, "fewer than two answers"),
])
def test_mistakes_moodle_refuses_are_refused_at_their_line(text, line, words):
    with pytest.raises(ImportRefused) as refused:
        parse_gift(text.encode("utf-8"), "quiz.gift")
    problem = refused.value.problems[0]
    assert (problem.file, problem.line) == ("quiz.gift", line)
    assert words in problem.message

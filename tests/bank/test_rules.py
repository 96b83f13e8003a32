"""Each question rule, exercised with a bad value and its message checked, and the defaults
a question gets when the YAML leaves a field out (issue 15: mutants these tests must kill)."""

from __future__ import annotations

import pytest

from quiz.bank import export_bank, load_bank, rules
from quiz.bank.plain import NextStep, Resource
from quiz.bank.rules import Problem
from tests.bank.test_loader import VALID, errors_of, write


def question_errors(bank_dir, old: str, new: str) -> list[str]:
    assert old in VALID, old
    write(bank_dir, VALID.replace(old, new, 1))
    return errors_of(bank_dir)


@pytest.mark.parametrize("field", ["id", "area", "type"])
def test_id_area_and_type_are_required(bank_dir, field):
    old = {"id": "  - id: tech-mix-03\n    type", "area": "area: technical\n",
           "type": "    type: single_choice\n"}[field]
    new = {"id": "  - type", "area": "", "type": ""}[field]
    errors = question_errors(bank_dir, old, new)
    assert any(f"{field} is missing" in e for e in errors), errors


def test_reverse_defaults_to_false(bank_dir):
    write(bank_dir, VALID.replace("    reverse: false\n", ""))
    rating = load_bank(bank_dir).questions[0]
    assert rating.reverse is False
    assert rating.fraction(frozenset({"5"})) == 1.0  # agreeing fully earns every point
    assert rating.fraction(frozenset({"1"})) == 0.0


def test_text_longer_than_2000_characters_is_refused(bank_dir):
    long_prompt = "x" * 2001
    errors = question_errors(bank_dir, "    prompt: The mix sounds muddy. What do you do first?",
                             f"    prompt: {long_prompt}")
    assert any("prompt is longer than 2000 characters" in e for e in errors), errors
    write(bank_dir, VALID.replace("The mix sounds muddy. What do you do first?", "y" * 2000))
    assert load_bank(bank_dir).questions[1].prompt == "y" * 2000  # the limit itself is fine


def test_prompt_must_be_text(bank_dir):
    errors = question_errors(bank_dir, "    prompt: The mix sounds muddy. What do you do first?",
                             "    prompt: {text: muddy}")
    assert any("prompt must be text" in e for e in errors), errors


def test_topics_may_be_a_comma_separated_string(bank_dir):
    write(bank_dir, VALID.replace("topics: [resp-mix-master]",
                                  "topics: 'resp-mix-master, skill-technical'"))
    assert load_bank(bank_dir).questions[1].topics == ("resp-mix-master", "skill-technical")


def test_topics_must_be_a_list(bank_dir):
    errors = question_errors(bank_dir, "topics: [resp-mix-master]", "topics: {a: 1}")
    assert any("topics must be a list in question tech-mix-03" in e for e in errors), errors


def test_an_option_must_be_a_mapping(bank_dir):
    errors = question_errors(bank_dir, "      - id: b\n        text: Turn everything up\n"
                                       "        points: 0\n        feedback: No.\n",
                             "      - just text\n")
    assert any("option 2 of question tech-mix-03 must be a mapping" in e for e in errors), errors


def test_option_ids_follow_the_id_pattern(bank_dir):
    errors = question_errors(bank_dir, "      - id: b", "      - id: B c")
    assert any("option id 'B c' in question tech-mix-03 must be lowercase" in e for e in errors), errors


def test_question_feedback_survives_validation_and_export(bank_dir, tmp_path):
    write(bank_dir, VALID)
    bank = load_bank(bank_dir)
    assert bank.questions[0].feedback == "Recording is the core of the job."
    out = tmp_path / "out"
    export_bank(bank, out)
    assert "Recording is the core of the job." in (out / "technical.yaml").read_text()
    assert load_bank(out).questions[0].feedback == "Recording is the core of the job."


def test_catalog_rules_name_the_field_of_each_problem():
    assert rules.check_area({"key": "Bad Key", "title": "T", "description": "D"}) == (
        None, [Problem("key", "area key 'Bad Key' must be lowercase letters, digits, '-' or '_'")])
    assert rules.check_area({"key": "mix", "title": "T", "description": "D", "weight": 0}) == (
        None, [Problem("weight", "area mix: weight must be a number above 0")])
    assert rules.check_topic({"id": "eq"}) == (None, [Problem(None, "topic is missing 'description'")])
    assert rules.check_resource({"id": "b", "title": "T", "author": "A", "good_for": " x "}) == (
        Resource("b", "T", "A", "x"), [])


def test_a_next_step_with_unknown_references_comes_back_with_its_problems():
    step, problems = rules.check_next_step(
        {"id": "s", "area": "nowhere", "title": "T", "detail": "D", "resource": "gone"},
        area_keys=frozenset({"technical"}), resource_ids=frozenset())
    assert step == NextStep("s", "nowhere", "T", "D", "gone")
    assert problems == [Problem("area", "unknown area 'nowhere' in next step s"),
                        Problem("resource", "unknown resource 'gone' in next step s")]

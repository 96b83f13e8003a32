"""The bank's schema: each fault said in plain words with the path of its field, unknown keys
refused, and random shapes of data never raising (only ever faults)."""

from __future__ import annotations

import math

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.bank.schema import AreaFields, Fault, question_faults, validated
from quiz.domain.question_types import fields
from quiz.domain.question_types.fields import PointsQuestion


def question(**changes) -> dict:
    data = {"id": "tech-mix", "area": "technical", "type": "single_choice", "prompt": "The mix is muddy.",
            "topics": ["resp-mix-master"],
            "options": [{"id": "a", "text": "Cut the low mids", "points": 3}, {"id": "b", "text": "Louder"}]}
    return {**data, **changes}


def faults_of(data: dict) -> list[Fault]:
    found, faults = question_faults(PointsQuestion, data)
    assert (found is None) == bool(faults)
    return faults


def test_a_valid_question_reads_with_its_defaults():
    found, faults = question_faults(PointsQuestion, question(topics="resp-mix-master, skill-technical",
                                                             weight="2.5", feedback=None))
    assert faults == []
    assert (found.weight, found.topics, found.feedback, found.label) == (
        2.5, ["resp-mix-master", "skill-technical"], "", None)
    assert found.options[1].points == 0


def test_the_cut_short_flow_mapping_is_refused_on_the_option_with_a_hint():
    """Issue 29: an unquoted comma in a one-line mapping made the rest of the text a key."""
    options = yaml.safe_load("- {id: part-used, text: Suggested a part (riff, harmony or beat) that stuck, "
                             "points: 1}\n- {id: b, text: B}")
    (fault,) = faults_of(question(options=options))
    assert fault.path == ("options", 0, "harmony or beat) that stuck")
    assert fault.message.startswith("option part-used of question tech-mix: unknown key "
                                    "'harmony or beat) that stuck' (allowed here: id, text, feedback, points)")
    assert "put that whole text in quotes" in fault.message


def test_an_unknown_key_names_the_keys_the_question_takes():
    (fault,) = faults_of(question(rationle="Typo"))
    assert fault == Fault(("rationle",), "in question tech-mix: unknown key 'rationle' (allowed here: "
                                         "id, area, type, label, prompt, weight, topics, feedback, rationale, "
                                         "next_step, resource, retired, options)")


def test_a_list_or_mapping_where_an_id_is_expected_is_a_fault_not_a_crash():
    faults = faults_of(question(id=["x"], next_step={"a": 1}, resource=[1], topics=[["a"]]))
    assert [(f.field, f.message) for f in faults] == [
        ("id", "id must be text, not a list"),
        ("topics.0", "topics item 1 must be text, not a list"),
        ("next_step", "next_step must be text, not a mapping (key: value)"),
        ("resource", "resource must be text, not a list"),
    ]


def test_empty_texts_non_finite_numbers_and_bools_as_numbers_are_refused():
    faults = faults_of(question(prompt="   ", weight=math.inf, options=[
        {"id": "a", "text": "", "points": True}, {"id": "b", "text": "B", "points": math.nan}]))
    assert [(f.field, f.message) for f in faults] == [
        ("prompt", "in question tech-mix: prompt is missing"),
        ("weight", "in question tech-mix: weight must be a finite number, not inf"),
        ("options.0.text", "option a of question tech-mix: text is missing"),
        ("options.0.points", "option a of question tech-mix: points must be a number, not true (true/false)"),
        ("options.1.points", "option b of question tech-mix: points must be a finite number, not nan"),
    ]


def test_an_int_too_large_for_a_float_is_not_finite():
    (fault,) = faults_of(question(weight=int("9" * 400)))
    assert fault.message == "in question tech-mix: weight must be a finite number, not 999999999999\u2026"


def test_ranges_ids_and_repeated_option_ids():
    faults = faults_of(question(weight=0, options=[{"id": "A", "text": "x", "points": 101},
                                                   {"id": "b", "text": "y"}, {"id": "b", "text": "z"}]))
    assert [(f.field, f.message) for f in faults] == [
        ("weight", "in question tech-mix: weight must be greater than 0, not 0"),
        ("options.0.id", "option id 'A' in question tech-mix must be lowercase letters, digits, '-' or '_'"),
        ("options.0.points", "option A of question tech-mix: points must be at most 100, not 101"),
        ("options.2.id", "option id 'b' is used twice in question tech-mix"),
    ]


def test_a_label_is_optional_and_at_most_48_characters():
    assert question_faults(PointsQuestion, question(label="Muddy mix: first move"))[0].label == \
        "Muddy mix: first move"
    (fault,) = faults_of(question(label="x" * 49))
    assert fault == Fault(("label",), "in question tech-mix: label is longer than 48 characters")


def test_no_topics_is_said_as_the_editor_expects():
    (fault,) = faults_of(question(topics=[]))
    assert fault.message == "question tech-mix must cover at least one topic"


def test_a_catalog_entry_names_itself():
    found, faults = validated(AreaFields, {"key": "Tech", "title": "", "description": {"a": 1}}, "area Tech")
    assert found is None
    assert [f.message for f in faults] == [
        "area key 'Tech' must be lowercase letters, digits, '-' or '_'",
        "in area Tech: title is missing",
        "in area Tech: description must be text, not a mapping (key: value)",
    ]


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*PointsQuestion.model_fields, "extra"]) | st.text(max_size=5),
                       YAML_VALUES, max_size=10))
def test_any_shape_of_question_gives_faults_never_an_exception(data):
    found, faults = question_faults(PointsQuestion, data)
    assert (found is None) == bool(faults)
    assert all(isinstance(f.message, str) and f.message for f in faults)


@settings(max_examples=100, deadline=None)
@given(YAML_VALUES)
def test_any_value_as_an_option_list_gives_faults_never_an_exception(options):
    question_faults(PointsQuestion, question(options=options))


def test_the_limits_are_the_rules_of_the_whole_bank():
    assert (fields.MAX_TEXT, fields.MAX_LABEL, fields.MAX_WEIGHT, fields.MAX_POINTS) == (2000, 48, 100, 100)


class Stimulus(fields.Strict):
    file: fields.Text


class WithStimulus(PointsQuestion):
    """A type's own nested field, as a listening question's `stimulus:` mapping."""

    stimulus: Stimulus


def test_a_types_own_nested_mapping_is_checked_and_named_like_any_other():
    found, faults = question_faults(WithStimulus, question(stimulus={"file": "a.mp3"}))
    assert faults == [] and found.own_fields() == {"stimulus": Stimulus(file="a.mp3")}
    _, faults = question_faults(WithStimulus, question(stimulus={"fil": "a.mp3"}))
    assert [(f.field, f.message) for f in faults] == [
        ("stimulus.file", "in question tech-mix: file is missing"),
        ("stimulus.fil", "in question tech-mix: unknown key 'fil' (allowed here: file)")]

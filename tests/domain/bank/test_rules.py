"""Each question rule, exercised with a bad value and its message checked, and the defaults
a question gets when the YAML leaves a field out (issue 15: mutants these tests must kill)."""

from __future__ import annotations

import pytest

from quiz.domain.bank import export_bank, load_bank, rules
from quiz.domain.bank.plain import NextStep, Resource
from quiz.domain.bank.rules import Problem
from tests.domain.bank.test_loader import VALID, errors_of, write


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
    assert "questions/technical.yaml:15: in question tech-mix-03: topics must be a list, not a mapping (key: value)" \
        in errors, errors


def test_an_option_must_be_a_mapping(bank_dir):
    errors = question_errors(bank_dir, "      - id: b\n        text: Turn everything up\n"
                                       "        points: 0\n        feedback: No.\n",
                             "      - just text\n")
    assert "questions/technical.yaml:17: option 2 of question tech-mix-03: options item 2 must be a mapping " \
        "(key: value), not 'just text'" in errors, errors


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
        None, [Problem("weight", "in area mix: weight must be greater than 0, not 0")])
    assert rules.check_topic({"id": "eq"}) == (None, [Problem("description", "in topic eq: description is missing")])
    assert rules.check_resource({"id": "b", "title": "T", "author": "A", "good_for": " x "}) == (
        Resource("b", "T", "A", "x"), [])


def test_a_next_step_with_unknown_references_comes_back_with_its_problems():
    step, problems = rules.check_next_step(
        {"id": "s", "area": "nowhere", "title": "T", "detail": "D", "resource": "gone"},
        area_keys=frozenset({"technical"}), resource_ids=frozenset())
    assert step == NextStep("s", "nowhere", "T", "D", "gone")
    assert problems == [Problem("area", "unknown area 'nowhere' in next step s"),
                        Problem("resource", "unknown resource 'gone' in next step s")]


# --- check_question directly: each rule's field and message ---------------------------------

KNOWN = rules.Known(areas=frozenset({"technical"}), topics=frozenset({"skill-technical", "resp-budget"}),
                    next_steps=frozenset({"practise"}), resources=frozenset({"book"}))


def scenario(**changes) -> dict:
    data = {"id": "q1", "area": "technical", "type": "single_choice", "prompt": "What first?",
            "topics": ["skill-technical"],
            "options": [{"id": "a", "text": "This", "points": 2}, {"id": "b", "text": "That", "points": 1}]}
    return {key: value for key, value in {**data, **changes}.items() if value is not ...}


def option_changes(**changes) -> dict:
    """The scenario with its first option changed (a value of ... removes the field)."""
    first = {key: value for key, value in {"id": "a", "text": "This", "points": 2, **changes}.items()
             if value is not ...}
    return scenario(options=[first, {"id": "b", "text": "That", "points": 1}])


def problems_of(data: dict) -> list[Problem]:
    question, problems = rules.check_question(data, KNOWN)
    assert question is None
    return problems


@pytest.mark.parametrize("data, expected", [
    (scenario(id=...), Problem("id", "id is missing")),
    (scenario(id="Q 1"), Problem("id", "question id 'Q 1' must be lowercase letters, digits, '-' or '_'")),
    (scenario(area=...), Problem("area", "in question q1: area is missing")),
    (scenario(area="drums"), Problem("area", "unknown area 'drums' in question q1")),
    (scenario(type="  "), Problem("type", "in question q1: type is missing")),
    (scenario(type="essay"), Problem("type", "unknown type 'essay' in question q1 (use one of "
                                             "self_rating, single_choice, checklist, ranking, listening, rate_options)")),
    (scenario(prompt=["a", "list"]), Problem("prompt", "in question q1: prompt must be text, not a list")),
    (scenario(prompt=True), Problem("prompt", "in question q1: prompt must be text, not true (true/false)")),
    (scenario(weight="heavy"), Problem("weight", "in question q1: weight must be a number, not 'heavy'")),
    # issue 32: float() reads these as 10, 3, 1000 and 2; a person typing them meant something else
    (scenario(weight="1_0"), Problem("weight", "in question q1: weight must be a number, not '1_0'")),
    (scenario(weight="\u0663"), Problem("weight", "in question q1: weight must be a number, not '\u0663'")),
    (scenario(weight="1e3"), Problem("weight", "in question q1: weight must be a number, not '1e3'")),
    (scenario(weight="\uff12"), Problem("weight", "in question q1: weight must be a number, not '\uff12'")),
    (scenario(weight=True), Problem("weight", "in question q1: weight must be a number, not true (true/false)")),
    (scenario(weight=-0.5), Problem("weight", "in question q1: weight must be greater than 0, not -0.5")),
    (scenario(topics=[]), Problem("topics", "question q1 must cover at least one topic")),
    (scenario(topics=" , "), Problem("topics", "question q1 must cover at least one topic")),
    (scenario(topics={"a": 1}), Problem("topics", "in question q1: topics must be a list, not a mapping (key: value)")),
    (scenario(topics=["skill-technical", "gone"]), Problem("topics", "unknown topic 'gone' in question q1")),
    (scenario(next_step="nowhere"), Problem("next_step", "unknown next step 'nowhere'")),
    (scenario(resource="pamphlet"), Problem("resource", "unknown resource 'pamphlet'")),
    (scenario(type="self_rating", options=..., reverse="yes"),
     Problem("reverse", "in question q1: reverse must be true or false, not 'yes'")),
    (scenario(reverse=True), Problem("reverse", "in question q1: unknown key 'reverse' (allowed here: id, area, type, "
                                                "label, prompt, weight, topics, feedback, rationale, next_step, "
                                                "resource, retired, options)")),
    (scenario(options="a, b"), Problem("options", "in question q1: options must be a list, not 'a, b'")),
    (option_changes(id=...), Problem("options.0.id", "option 1 of question q1: id is missing")),
    (option_changes(id="B c"), Problem("options.0.id", "option id 'B c' in question q1 must be lowercase "
                                                       "letters, digits, '-' or '_'")),
    (option_changes(text=...), Problem("options.0.text", "option a of question q1: text is missing")),
    (option_changes(id=..., text=...), Problem("options.0.text", "option 1 of question q1: text is missing")),
    (option_changes(text={"a": 1}), Problem("options.0.text", "option a of question q1: text must be text, not a "
                                                              "mapping (key: value)")),
    (option_changes(text="x" * 2001),
     Problem("options.0.text", "option a of question q1: text is longer than 2000 characters")),
    (option_changes(points=-1), Problem("options.0.points", "option a of question q1: points must be at least 0, not -1")),
    (option_changes(points="lots"), Problem("options.0.points", "option a of question q1: points must be a number, "
                                                                "not 'lots'")),
    (option_changes(none=True),
     Problem("options.0.none", "option a of question q1: unknown key 'none' (allowed here: id, text, feedback, points)")),
    (option_changes(feedback=["not", "text"]), Problem("options.0.feedback", "option a of question q1: feedback must "
                                                                          "be text, not a list")),
    (scenario(feedback={"not": "text"}), Problem("feedback", "in question q1: feedback must be text, not a mapping "
                                                          "(key: value)")),
], ids=lambda value: "" if isinstance(value, dict) else value.field)
def test_each_question_rule_names_its_field_and_says_what_is_wrong(data, expected):
    # (a value that is not a number also fails "greater than 0", options that are not a list
    # "at least two options": hence `in`)
    assert expected in problems_of(data)


def test_a_valid_scenario_gets_its_defaults():
    question, problems = rules.check_question(scenario(), KNOWN)
    assert problems == []
    assert (question.weight, question.feedback, question.next_step, question.resource) == (1.0, "", None, None)
    assert (question.reverse, question.retired) == (False, False)
    first, second = question.options
    assert (first.points, first.feedback, first.none) == (2.0, "", False)
    assert second.points == 1.0
    unpointed, _ = rules.check_question(scenario(options=[{"id": "a", "text": "This", "points": 1},
                                                          {"id": "b", "text": "That"}]), KNOWN)
    assert unpointed.options[1].points == 0.0  # an option without points is worth 0


def test_a_valid_question_keeps_every_field_as_given():
    question, problems = rules.check_question(scenario(
        id="q-2_b", prompt="  What first?  ", weight="1.5", topics="skill-technical, resp-budget",
        feedback=" Think. ", next_step="practise", resource="book", retired=True,
        options=[{"id": "a", "text": " This ", "points": 2.5, "feedback": " Good. "}, {"id": "b", "text": "That"}]),
        KNOWN)
    assert problems == []
    assert (question.id, question.area, question.type, question.prompt) == ("q-2_b", "technical", "single_choice",
                                                                            "What first?")
    assert (question.weight, question.topics, question.feedback) == (1.5, ("skill-technical", "resp-budget"), "Think.")
    assert (question.next_step, question.resource, question.retired) == ("practise", "book", True)
    assert question.options[0] == rules.Option(id="a", text="This", points=2.5, feedback="Good.", none=False)


def test_reverse_only_turns_a_reversible_type_round():
    rating, _ = rules.check_question(scenario(type="self_rating", options=..., reverse=True), KNOWN)
    assert rating.reverse is True and rating.fraction(("1",)) == 1.0
    assert problems_of(scenario(reverse=False))[0].field == "reverse"  # a scenario has no reverse at all


def test_empty_references_are_no_reference():
    question, problems = rules.check_question(scenario(next_step="", resource=None), KNOWN)
    assert problems == [] and (question.next_step, question.resource) == (None, None)


def test_a_question_of_unknown_type_is_not_checked_for_options():
    assert problems_of(scenario(type="essay", options="anything")) == [Problem(
        "type", "unknown type 'essay' in question q1 (use one of self_rating, single_choice, checklist, ranking, "
                "listening, rate_options)")]


@pytest.mark.parametrize("qid", [..., ["not", "text"]], ids=["missing", "not-text"])
def test_without_a_usable_id_the_other_messages_name_no_question(qid):
    problems = problems_of(scenario(id=qid, area=...))
    assert Problem("area", "area is missing") in problems


def test_every_bad_option_is_reported():
    problems = problems_of(scenario(options=["just text", {"id": "B B", "text": "T", "points": 1},
                                             {"id": "c", "text": "C", "points": 1}]))
    assert [p.field for p in problems] == ["options.0", "options.1.id"]


def test_every_problem_is_reported_not_only_the_first():
    problems = problems_of(scenario(weight=0, topics=[], retired=1, label=["x"]))
    assert [p.field for p in problems] == ["label", "weight", "topics", "retired"]
    # what the ids refer to is checked once the question has its shape: every reference at once
    problems = problems_of(scenario(area="drums", topics=["gone"], next_step="nowhere"))
    assert [p.field for p in problems] == ["area", "topics", "next_step"]


def test_a_checklist_may_have_a_none_of_these_option():
    question, problems = rules.check_question(scenario(type="checklist", options=[
        {"id": "a", "text": "Produced a track", "points": 1}, {"id": "n", "text": "None", "none": True}]), KNOWN)
    assert problems == [] and [o.none for o in question.options] == [False, True]


@pytest.mark.parametrize("data, expected", [
    ({"id": "t", "description": " "}, [Problem("description", "in topic t: description is missing")]),
    ({"key": "mix", "title": "T"}, [Problem("description", "in area mix: description is missing")]),
    ({"key": "mix", "title": "T", "description": "D", "weight": True},
     [Problem("weight", "in area mix: weight must be a number, not true (true/false)")]),
    ({"key": "mix", "title": "T", "description": "D", "weight": [2]},
     [Problem("weight", "in area mix: weight must be a number, not a list")]),
    ({"key": "mix", "title": "T", "description": "D", "weight": 101},
     [Problem("weight", "in area mix: weight must be at most 100, not 101")]),
    ({"id": "b", "title": "T"}, [Problem("author", "in resource b: author is missing"),
                                 Problem("good_for", "in resource b: good_for is missing")]),
    ({"id": "b", "title": "T", "author": "A", "good_for": "G", "url": "x"},
     [Problem("url", "in resource b: unknown key 'url' (allowed here: id, title, author, good_for)")]),
])
def test_catalog_entries_missing_or_bad_fields(data, expected):
    check = {"t": rules.check_topic, "mix": rules.check_area, "b": rules.check_resource}[data.get("id", data.get("key"))]
    assert check(data) == (None, expected)


def test_valid_catalog_entries_come_back_whole():
    assert rules.check_topic({"id": "eq", "description": " Equalising. "}) == (rules.Topic("eq", "Equalising."), [])
    assert rules.check_area({"key": "mix", "title": "Mixing", "description": " D ", "weight": 2}) == (
        rules.Area("mix", "Mixing", "D", 2.0), [])
    assert rules.check_area({"key": "mix", "title": "Mixing", "description": "D"})[0].weight == 1.0
    step, problems = rules.check_next_step({"id": "s", "area": "technical", "title": "T", "detail": " D "},
                                           frozenset({"technical"}), frozenset())
    assert (step, problems) == (NextStep("s", "technical", "T", "D", None), [])
    assert rules.check_next_step({"id": "s", "area": "technical"}, frozenset({"technical"}), frozenset()) == (
        None, [Problem("title", "in next step s: title is missing"),
               Problem("detail", "in next step s: detail is missing")])


def test_known_is_the_catalog_of_a_bank():
    bank = rules.Bank(
        areas=(rules.Area("technical", "Technical", "D"), rules.Area("business", "Business", "D")),
        questions=(), topics=(rules.Topic("eq", "Equalising."),),
        resources=(Resource("book", "T", "A", "G"),),
        next_steps=(NextStep("practise", "technical", "T", "D", None), NextStep("read", "business", "T", "D", "book")))
    assert rules.Known.of(bank) == rules.Known(areas=frozenset({"technical", "business"}), topics=frozenset({"eq"}),
                                               next_steps=frozenset({"practise", "read"}),
                                               resources=frozenset({"book"}))


def test_a_type_that_is_not_text_is_said_so_and_nothing_else():
    assert problems_of(scenario(type=["single_choice"])) == [
        Problem("type", "in question q1: type must be text, not a list")]


def test_an_unknown_type_not_written_as_an_id_is_said_once():
    # the type is replaced before the other fields are checked: no second message about its shape
    assert problems_of(scenario(type="Multiple Choice")) == [Problem(
        "type", "unknown type 'Multiple Choice' in question q1 (use one of self_rating, single_choice, checklist, "
                "ranking, listening, rate_options)")]


@pytest.mark.parametrize("qid, id_problem", [(..., "id is missing"), (["not", "text"], "id must be text, not a list")],
                         ids=["missing", "not-text"])
def test_an_unknown_type_without_a_usable_id_names_no_question(qid, id_problem):
    assert problems_of(scenario(id=qid, type="essay")) == [
        Problem("type", "unknown type 'essay' in question  (use one of self_rating, single_choice, checklist, "
                        "ranking, listening, rate_options)"),
        Problem("id", id_problem)]


# --- with other fields at fault, the type's rules on the options too (every problem at once) ---

def test_too_few_options_are_reported_beside_another_fault():
    assert problems_of(scenario(weight=0, options=[{"id": "a", "text": "This", "points": 1}])) == [
        Problem("weight", "in question q1: weight must be greater than 0, not 0"),
        Problem("options", "question q1 needs at least two options")]


def test_too_few_options_beside_a_missing_id_name_no_question():
    assert problems_of(scenario(id=..., options=[{"id": "a", "text": "This", "points": 1}])) == [
        Problem("id", "id is missing"), Problem("options", "question  needs at least two options")]


@pytest.mark.parametrize("options", [..., None], ids=["missing", "blank"])
def test_options_not_written_as_a_list_beside_another_fault_add_nothing(options):
    assert problems_of(scenario(weight=0, options=options)) == [
        Problem("weight", "in question q1: weight must be greater than 0, not 0")]


def test_a_types_own_rules_read_the_question_beside_another_fault():
    # a listening question's stimulus is checked even while its weight is at fault
    data = {**scenario(weight=0, type="listening", stimulus={"kind": "pitch", "reference_hz": 440}),
            "options": [{"id": "flat", "text": "Flat", "points": 1}]}
    assert problems_of(data) == [
        Problem("weight", "in question q1: weight must be greater than 0, not 0"),
        Problem("stimulus", "the pitch stimulus needs offset_cents in question q1"),
        Problem("options", "question q1 needs at least two options")]


# --- blank values written in the YAML (`feedback:` with nothing after it is None) --------------

def test_blank_feedback_is_no_feedback():
    question, problems = rules.check_question(scenario(feedback=None, options=[
        {"id": "a", "text": "This", "points": 1, "feedback": None}, {"id": "b", "text": "That"}]), KNOWN)
    assert problems == []
    assert (question.feedback, question.options[0].feedback) == ("", "")


def test_blank_topics_are_no_topics():
    assert problems_of(scenario(topics=None)) == [Problem("topics", "question q1 must cover at least one topic")]


def test_blank_options_are_no_options():
    assert problems_of(scenario(options=None)) == [Problem("options", "question q1 needs at least two options")]


# --- what a catalog entry's problems name it by --------------------------------------------------

@pytest.mark.parametrize("topic_id, wrong", [(..., "is missing"), ("  ", "is missing"),
                                             (None, "must be text, not nothing")], ids=["missing", "blank", "none"])
def test_a_catalog_entry_without_a_name_is_named_by_its_kind(topic_id, wrong):
    data = {key: value for key, value in {"id": topic_id, "description": "D"}.items() if value is not ...}
    assert rules.check_topic(data) == (None, [Problem("id", f"in topic: id {wrong}")])


def test_a_catalog_entry_that_is_not_a_mapping_is_said_so():
    assert rules.check_topic("just text") == (
        None, [Problem(None, "in topic: the item must be a mapping (key: value), not 'just text'")])

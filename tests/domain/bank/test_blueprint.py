"""The blueprint: read with file:line errors, compared with the bank, each gap named at the
blueprint line it concerns."""

from __future__ import annotations

import pytest

from quiz.domain.bank import BankInvalid, load_bank
from quiz.domain.bank.targets import gaps, read_blueprint, topic_shares

QUESTIONS = """\
area: technical
questions:
  - id: tech-rate-a
    type: self_rating
    prompt: I set up a recording session on my own.
    weight: 2
    topics: [skill-technical, resp-mix-master]
  - id: tech-rate-b
    type: self_rating
    prompt: I label every take as I record it.
    topics: [skill-technical]
  - id: tech-rate-c
    type: self_rating
    prompt: I check the headphone mix before the first take.
    topics: [resp-manage-recording]
"""

# Shares in QUESTIONS: skill-technical (1 + 1) / 4 = 0.5, resp-mix-master 1 / 4, resp-manage-recording 1 / 4.
BLUEPRINT = """\
# each topic's share of the area's weight
areas:
  technical:
    min_questions: 3
    topics:
      skill-technical: 0.5
      resp-mix-master: 0.25
      resp-manage-recording: 0.25
"""


@pytest.fixture
def technical_yaml():
    return QUESTIONS


def gaps_for(bank_dir, blueprint: str) -> list[str]:
    (bank_dir / "blueprint.yaml").write_text(blueprint)
    return [str(gap) for gap in gaps(load_bank(bank_dir), read_blueprint(bank_dir))]


def test_a_question_weight_is_split_among_its_topics(technical_only):
    assert topic_shares(load_bank(technical_only).questions) == {
        "skill-technical": 0.5, "resp-mix-master": 0.25, "resp-manage-recording": 0.25}


def test_a_bank_that_meets_its_blueprint_has_no_gaps(technical_only):
    assert gaps_for(technical_only, BLUEPRINT) == []


def test_the_blueprint_file_is_not_read_as_an_area_file(technical_only):
    (technical_only / "blueprint.yaml").write_text(BLUEPRINT)
    assert len(load_bank(technical_only).questions) == 3


def test_no_blueprint_file(technical_only):
    assert read_blueprint(technical_only) is None


def test_a_topic_below_half_its_target(technical_only):
    text = (BLUEPRINT.replace("skill-technical: 0.5", "skill-technical: 0.2")
            .replace("resp-mix-master: 0.25", "resp-mix-master: 0.55"))
    assert gaps_for(technical_only, text) == [
        "questions/blueprint.yaml:7: area technical: topic resp-mix-master carries 25.0% of the "
        "area's weight; the blueprint asks for 55% (at least 27.5%, half of it)"]


def test_a_topic_at_half_its_target_or_more_is_no_gap(technical_only):
    text = (BLUEPRINT.replace("skill-technical: 0.5", "skill-technical: 0.25")
            .replace("resp-mix-master: 0.25", "resp-mix-master: 0.5"))
    assert gaps_for(technical_only, text) == []


def test_a_small_target_cannot_fall_to_nothing(technical_only):
    """Issue 29: with an absolute tolerance of 5 points a 4 % target could have no question at all."""
    text = BLUEPRINT.replace("skill-technical: 0.5", "skill-technical: 0.46") + "      resp-budget: 0.04\n"
    assert gaps_for(technical_only, text) == [
        "questions/blueprint.yaml:9: area technical: topic resp-budget has no live question; the "
        "blueprint asks for 4% of the area's weight"]


def test_too_few_questions(technical_only):
    assert gaps_for(technical_only, BLUEPRINT.replace("min_questions: 3", "min_questions: 12")) == [
        "questions/blueprint.yaml:4: area technical has 3 scored questions; the blueprint asks "
        "for at least 12"]


def test_retired_questions_do_not_count(technical_only):
    (technical_only / "technical.yaml").write_text(QUESTIONS + "    retired: true\n")
    found = gaps_for(technical_only, BLUEPRINT)
    assert "questions/blueprint.yaml:4: area technical has 2 scored questions; the blueprint " \
           "asks for at least 3" in found
    assert "questions/blueprint.yaml:8: area technical: topic resp-manage-recording has no live " \
           "question; the blueprint asks for 25% of the area's weight" in found


def test_an_unknown_topic_and_shares_that_do_not_sum_to_one(technical_only):
    text = BLUEPRINT + "      resp-drum-programming: 0.1\n"
    assert gaps_for(technical_only, text) == [
        "questions/blueprint.yaml:5: area technical: the topic shares sum to 1.10, not 1",
        "questions/blueprint.yaml:9: area technical: unknown topic 'resp-drum-programming' "
        "(not in topics.yaml)"]


def test_an_area_without_a_plan_and_a_plan_without_an_area(bank_dir):
    (bank_dir / "technical.yaml").write_text(QUESTIONS)
    found = gaps_for(bank_dir, BLUEPRINT + "  drumming:\n    min_questions: 1\n"
                               "    topics: {skill-technical: 1}\n")
    assert "questions/blueprint.yaml:2: area business has no plan in the blueprint" in found
    assert "questions/blueprint.yaml:9: unknown area 'drumming'" in found


@pytest.mark.parametrize("old,new,expected", [
    ("# each topic's share of the area's weight", "tolerance: 0.05",
     "questions/blueprint.yaml:1: unknown key 'tolerance' (a blueprint has areas; the tolerance is fixed: "
     "a topic may fall to 50% of its target)"),
    ("min_questions: 3", "min_questions: three",
     "questions/blueprint.yaml:4: area technical: min_questions must be a whole number of 0 or "
     "more, not 'three'"),
    ("resp-mix-master: 0.25", "resp-mix-master: a quarter",
     "questions/blueprint.yaml:7: area technical: the share of topic resp-mix-master must be a "
     "number above 0 and at most 1, not 'a quarter'"),
    ("    min_questions: 3\n", "    min_questions: 3\n    max_questions: 9\n",
     "questions/blueprint.yaml:5: area technical: unknown key 'max_questions' (an area has "
     "min_questions and topics)"),
    ("areas:\n", "areas: []\nold_areas:\n",
     "questions/blueprint.yaml:2: areas must map each area key to its plan"),
])
def test_a_malformed_blueprint_is_an_error_at_its_line(technical_only, old, new, expected):
    assert old in BLUEPRINT
    (technical_only / "blueprint.yaml").write_text(BLUEPRINT.replace(old, new, 1))
    with pytest.raises(BankInvalid) as caught:
        read_blueprint(technical_only)
    assert expected in [str(e) for e in caught.value.errors]

"""Item-writing checks: each warning on a small bank file, with its file and line; the
"two things" heuristic; the test-wise strategies' figures on questions with known answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.domain.bank.check import check_bank
from quiz.domain.bank.item_writing import (
    avoid_absolutes,
    clauses,
    cue_figures,
    longest,
    most_clauses,
    question_warnings,
    two_things,
)
from quiz.domain.question_types.question import Option, Question
from tests.factories import choice, rating

SCENARIO = """\
area: technical
questions:
  - id: tech-scn
    type: single_choice
    prompt: The singer's headphone mix is too quiet. What do you do?
    topics: [resp-manage-recording]
    rationale: The singer can only perform what they can hear.
    options:
      - id: a
        text: Raise their headphone send.
        points: 3
      - id: b
        text: Ask them to sing louder.
        points: 0
      - id: c
        text: Carry on with the take.
        points: 0
"""


def warnings_in(bank_dir, text: str) -> list[str]:
    (bank_dir / "technical.yaml").write_text(text)
    return [line for line in check_bank(bank_dir).lines() if ": warning: " in line]


def test_a_plain_scenario_has_no_warnings(bank_dir):
    assert warnings_in(bank_dir, SCENARIO) == []


def test_a_keyed_option_much_longer_than_the_rest_is_named_at_its_line(bank_dir):
    text = SCENARIO.replace("Raise their headphone send.",
                            "Stop, raise their headphone send, check they can hear themselves and go again.")
    assert warnings_in(bank_dir, text) == [
        "questions/technical.yaml:10: warning: the keyed option a of tech-scn has 78 characters, "
        "3.3 times the mean of the others (24): a test-wise taker picks the longest",
        "questions/technical.yaml:10: warning: option a of tech-scn is written as two steps ('themselves "
        "and go') and no other option does: a test-wise taker picks it"]


def test_a_key_just_under_the_ratio_passes(bank_dir):
    # 30 characters against a mean of 23.5 (1.28 times)
    text = SCENARIO.replace("Raise their headphone send.", "Raise their headphone send now")
    assert warnings_in(bank_dir, text) == []


def test_an_absolute_word_only_in_distractors_is_named_at_the_distractor(bank_dir):
    text = SCENARIO.replace("Carry on with the take.", "Never stop a good take.")
    assert warnings_in(bank_dir, text) == [
        "questions/technical.yaml:16: warning: the cue word 'never' appears only in distractors "
        "of tech-scn (option c): a test-wise taker avoids it"]


def test_an_absolute_word_in_the_key_as_well_is_no_cue(bank_dir):
    text = (SCENARIO.replace("Carry on with the take.", "Never stop a good take.")
            .replace("Raise their headphone send.", "Never guess, raise it."))
    assert warnings_in(bank_dir, text) == []


@pytest.mark.parametrize("words", ["Both of the above, in turn.", "All of the above, in turn.",
                                   "None of the above, wait.", "Either of these would do."])
def test_options_that_refer_to_each_other(bank_dir, words):
    lines = warnings_in(bank_dir, SCENARIO.replace("Carry on with the take.", words))
    assert [line for line in lines if "refers to other options" in line] == [
        "questions/technical.yaml:16: warning: option c of tech-scn refers to other options "
        f"({words.split(',')[0].removesuffix(' would do.')!r}); the options are shown in a "
        "different order to each taker"]


def test_a_missing_rationale_is_a_strict_warning_at_the_question(bank_dir):
    text = SCENARIO.replace("    rationale: The singer can only perform what they can hear.\n", "")
    (bank_dir / "technical.yaml").write_text(text)
    result = check_bank(bank_dir)
    assert [line for line in result.lines() if ": warning: " in line] == [
        "questions/technical.yaml:3: warning: tech-scn has no rationale: say why its key is what "
        "a working producer would do"]
    assert "1 keyed question(s) without a rationale" in result.strict_failures()


RATING = """\
area: technical
questions:
  - id: tech-rate
    type: self_rating
    prompt: {prompt}
    topics: [skill-technical]
"""


def test_a_self_rating_that_asks_two_things_is_named_at_its_prompt(bank_dir):
    text = RATING.format(prompt="I draw up a budget for each project and track the spending against it.")
    assert warnings_in(bank_dir, text) == [
        "questions/technical.yaml:5: warning: tech-rate may ask two things ('project and track'): "
        "one behaviour per statement"]


@pytest.mark.parametrize("prompt,joined", [
    ("I set up the microphones and record the band on my own.", "microphones and record"),
    ("I can read a chord chart and sing a harmony line from it.", "chart and sing"),
    ("I label my takes and then back up the session every night.", "takes and then back"),
    ("I tune the guitars or I ask the player to.", "guitars or i ask"),
    ("I enjoy recording and mixing my own songs.", "recording and mixing"),
    ("I edit the drums and mix the demo myself.", "drums and mix"),
])
def test_two_things_joined_by_a_verb(prompt, joined):
    assert two_things(prompt) == joined


@pytest.mark.parametrize("prompt", [
    "I can tell rock and roll from rhythm and blues by the groove.",
    "I know what producer points, royalties and publishing splits are.",
    "I keep the vocals and the mix in separate sessions.",
    "I check the balance of the vocals and mix.",
    "I leave the arrangement as the artist brought it.",
    "I know several session players and what each of them is best at.",
    "I hear the difference between the verse and chorus of a song.",
])
def test_one_thing_with_and_or_or_is_not_flagged(prompt):
    assert two_things(prompt) is None


CHECKLIST = """\
area: technical
questions:
  - id: tech-chk
    type: checklist
    prompt: {prompt}
    topics: [skill-technical]
    options:
      - id: a
        text: Recorded a band
        points: 1
      - id: none
        text: None of these
        none: true
"""


@pytest.mark.parametrize("prompt", ["Which of these have you done in the last two years?",
                                    "Which of these have you done so far?",
                                    "Which of these have you ever done, by any means?"])
def test_a_checklist_with_a_time_window_passes(bank_dir, prompt):
    assert warnings_in(bank_dir, CHECKLIST.format(prompt=prompt)) == []


def test_a_checklist_without_a_time_window_is_named_at_its_prompt(bank_dir):
    assert warnings_in(bank_dir, CHECKLIST.format(prompt="Which of these have you done?")) == [
        "questions/technical.yaml:5: warning: tech-chk asks what the taker has done but states no "
        "time window in its prompt (e.g. \u201cin the last two years\u201d, \u201cso far\u201d, "
        "\u201cever\u201d)"]


def test_retired_questions_are_not_checked(bank_dir):
    text = SCENARIO.replace("    rationale: The singer can only perform what they can hear.\n",
                            "    retired: true\n")
    assert warnings_in(bank_dir, text) == []


# --- the test-wise figures ----------------------------------------------------------------

def scenario(qid: str, options: list[tuple[str, float]], weight: float = 1.0) -> Question:
    return Question(id=qid, area="technical", type="single_choice", prompt="What do you do?",
                    weight=weight, topics=("skill-technical",), rationale="Because.",
                    options=tuple(Option(chr(ord("a") + i), text, points)
                                  for i, (text, points) in enumerate(options)))


def test_clauses_count_commas_semicolons_and_joining_words():
    assert clauses("Stop") == 1
    assert clauses("Stop, listen; then, if it helps, go on and record") == 1 + 3 + 1 + 3


def test_strategies_pick_their_options_and_keep_ties():
    options = (Option("a", "Always check it, then go"), Option("b", "Check it"),
               Option("c", "Never rush it, ever, at all, or wait"))
    assert [o.id for o in longest(options)] == ["c"]
    assert [o.id for o in most_clauses(options)] == ["c"]
    assert [o.id for o in avoid_absolutes(options)] == ["b"]
    every_one_absolute = (Option("a", "Always"), Option("b", "Never"))
    assert avoid_absolutes(every_one_absolute) == list(every_one_absolute)


def test_cue_figures_on_known_scenarios():
    keyed_longest = scenario("q1", [("x" * 30, 3), ("y" * 10, 0), ("z" * 10, 1)])
    # the two longest tie: the strategy earns the mean of their points, (0 + 1) / 2 of 2
    short_key = scenario("q2", [("k" * 5, 2), ("d" * 20, 0), ("e" * 20, 1)], weight=2)
    figures = cue_figures([keyed_longest, short_key, rating("r1")])
    assert (figures.scenarios, figures.key_longest, figures.key_longest_share) == (2, 1, 50.0)
    random = 100 * (1 * (4 / 9) + 2 * (3 / 6)) / 3
    assert figures.random == pytest.approx(random)
    assert figures.strategies["pick the longest option"] == pytest.approx(
        100 * (1 * 1.0 + 2 * 0.25) / 3 - random)
    assert figures.missed() == [
        "the keyed option is strictly the longest in 50 % of scenarios (target: at most 30 %)"]


def test_a_strategy_past_its_target_is_missed():
    scenarios = [scenario(f"q{i}", [("the long, careful and balanced answer", 1), ("short", 0),
                                    ("brief", 0)]) for i in range(3)]
    missed = cue_figures(scenarios).missed()
    assert "'pick the longest option' scores +66.7 points above random picking (target: at most +15)" \
        in missed
    assert "'pick the option with the most clauses' scores +66.7 points above random picking " \
           "(target: at most +15)" in missed


def test_question_warnings_work_on_plain_questions_too():
    """The editor checks questions that were never in a file."""
    long_key = replace(choice("q"), options=(
        Option("a", "A long and careful answer that covers everything", 3),
        Option("b", "Short", 0), Option("c", "Brief", 0)))
    messages = [w.message for w in question_warnings(long_key)]
    assert any(m.startswith("the keyed option a of q has 48 characters") for m in messages)
    assert any("has no rationale" in m for m in messages)

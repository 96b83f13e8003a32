"""The time the quiz takes, said in one figure everywhere (issue 32: the README said about 30
minutes, the start page 25): the bank's timing estimate, in whole minutes."""

from __future__ import annotations

import re
from dataclasses import replace

from quiz.domain.bank import timing
from tests.apps import ROOT, offered_bank


def test_the_readme_states_the_estimate_of_the_shipped_bank():
    minutes = timing.stated_minutes(offered_bank().questions)
    stated = re.findall(r"about (\d+) minutes", (ROOT / "README.md").read_text())
    assert stated == [str(minutes)], f"README.md should say 'about {minutes} minutes' once, not {stated}"


def test_the_stated_figure_is_the_estimate_rounded_to_whole_minutes():
    questions = offered_bank().questions
    assert timing.stated_minutes(questions) == round(timing.expected_minutes(questions))
    assert timing.stated_minutes(questions[:1]) == 1  # never "about 0 minutes"
    retired = [replace(question, retired=True) for question in questions]
    assert timing.stated_minutes(retired) == 1

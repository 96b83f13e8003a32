"""The wording cues a test-wise taker reads in a scenario's options without knowing the work
(issue 29), each a test on one option's text, and the pick each cue leads to:

- a self-justifying option: it gives its own reason ("..., since ...", "because", "so that",
  "in order to"); written into wrong options far more than into keys, a taker avoids it;
- a two-step option: "do X, then Y" ("then", "after that", "before ...ing", "first ... and");
  keys written as two steps teach the taker to pick them;
- the soft-skill option: the one where you talk, ask, agree, discuss or check in with someone;
- all of them combined: a point for two steps, a point for talking, a point off for a reason given,
  the options with the most points picked.

A pick returns every option tied for it: the options are shown shuffled, so a taker breaks ties
at random, and the figure averages over the tied options (see `item_writing.strategy_score`).
Pure Python on option texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from quiz.domain.bank.actions import two_things


class Worded(Protocol):
    text: str


O = TypeVar("O", bound=Worded)


JUSTIFICATION = re.compile(
    r"(?:,|\u2014|\u2013| -)\s*(?:since|as|because|so|which|given that|to make sure|to avoid)\b"
    r"|\b(?:because|since|so that|in order to|which means|otherwise)\b", re.IGNORECASE)
TWO_STEPS = re.compile(
    r"\bthen\b|\bafter that\b|\bafterwards\b|\bbefore (?:\w+ing|you|the|any|anyone)\b"
    r"|\bfirst\b.*\b(?:and|before)\b|\band only (?:then|after)\b", re.IGNORECASE)
TWO_SENTENCES = re.compile(r"\w[.;:] +[A-Z]\w*")
SOFT_SKILL = re.compile(
    r"\b(?:talk(?:s|ed|ing)?|ask(?:s|ed|ing)?|agree(?:s|d|ing)?|discuss(?:es|ed|ing)?|check(?:s|ed|ing)? in"
    r"|explain(?:s|ed|ing)?|tell(?:s|ing)?|told|chat(?:s|ted|ting)?|call(?:s|ed|ing)?|message(?:s|d)?"
    r"|suggest(?:s|ed|ing)?|propose(?:s|d)?|negotiate(?:s|d)?"
    r"|listen(?:s|ed|ing)? to (?:the |their |her |his |what)"
    r"|thank(?:s|ed|ing)?|offer(?:s|ed|ing)? to|remind(?:s|ed|ing)?|say(?:s|ing)?|said"
    r"|sit down with|hear (?:them|her|him) out|let (?:them|her|him|the \w+) (?:know|choose|decide)"
    r"|(?:show|play)(?:s|ed|ing)? (?:\w+ )*?(?:to |)(?:the|them|her|him)"
    r" (?:artist|band|singer|label|client)s?"
    r"|with the (?:artist|band|singer|label|client|topliner|engineer|writer)s?)\b", re.IGNORECASE)


def justifies_itself(text: str) -> str | None:
    """The words by which an option gives its own reason, or None."""
    match = JUSTIFICATION.search(text)
    return match.group(0).strip(" ,\u2014\u2013-") if match else None


def two_steps(text: str) -> str | None:
    """The words that join two actions in an option ("then", "... and ask", two sentences), or None."""
    match = TWO_STEPS.search(text) or TWO_SENTENCES.search(text)
    return match.group(0) if match else two_things(text)


def talks(text: str) -> str | None:
    """The words by which an option talks, asks or agrees with someone, or None."""
    match = SOFT_SKILL.search(text)
    return match.group(0) if match else None


def _those(options: Sequence[O], test: Callable[[str], str | None], wanted: bool) -> list[O]:
    """The options that pass (or fail) a test; all of them if none does."""
    found = [o for o in options if bool(test(o.text)) == wanted]
    return found or list(options)


def avoid_self_justifying(options):
    return _those(options, justifies_itself, False)


def pick_two_steps(options):
    return _those(options, two_steps, True)


def pick_talking(options):
    return _those(options, talks, True)


def cue_points(text: str) -> int:
    return bool(two_steps(text)) + bool(talks(text)) - bool(justifies_itself(text))


def all_cues(options):
    top = max(cue_points(o.text) for o in options)
    return [o for o in options if cue_points(o.text) == top]


STRATEGIES = {
    "avoid options that justify themselves": avoid_self_justifying,
    "pick the option with two steps": pick_two_steps,
    "pick the option where you talk, ask or agree": pick_talking,
    "all wording cues combined": all_cues,
}

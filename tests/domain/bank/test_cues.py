"""The wording cues of issue 29, each on option texts, and the pick each leads a taker to."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from quiz.domain.bank import cues


@dataclass(frozen=True)
class Worded:
    text: str


@pytest.mark.parametrize("text, found", [
    ("Book the quartet, since it is a creative call the label can settle later.", "since"),
    ("Master it well below the usual level, because streaming services turn loud songs down.", "because"),
    ("Reinstall the driver, so that both are fresh before the singer starts.", "so"),
    ("Ask for a larger fee with no points, so there is less to check later.", "so"),
    ("Try it on an old project this week.", None),
    ("Since last year I have mixed every week.", "Since"),
])
def test_an_option_that_gives_its_own_reason(text, found):
    assert cues.justifies_itself(text) == found


@pytest.mark.parametrize("text, steps", [
    ("Call a ten-minute break, hear each player on their own, then make the call yourself.", True),
    ("Price the quartet. Show the artist and the label which costs it would displace.", True),
    ("Ease off the limiter and play both versions to the artist at matched loudness.", True),
    ("Voice the keyboard chords higher, clear of the bass line.", False),
    ("A minor", False),
])
def test_an_option_in_two_steps(text, steps):
    assert bool(cues.two_steps(text)) is steps


@pytest.mark.parametrize("text, talking", [
    ("Agree the writing split with the topliner, and put it in writing.", True),
    ("Thank them and ask to go through their notes in private after this take.", True),
    ("Talk it through with the band before the session.", True),
    ("Check in with the singer between takes.", True),
    ("Vary the hi-hat velocities and add a little swing to the off-beats.", False),
    ("Check the buffer size.", False),
])
def test_the_option_where_you_talk_ask_or_agree(text, talking):
    assert bool(cues.talks(text)) is talking


def test_each_pick_keeps_every_tied_option_and_all_when_none_has_the_cue():
    plain, reasoned = Worded("Record it as it is."), Worded("Record it again, since the take was flat.")
    talking = Worded("Ask the singer and then record it.")
    assert cues.avoid_self_justifying([plain, reasoned]) == [plain]
    assert cues.avoid_self_justifying([reasoned]) == [reasoned]
    assert cues.pick_talking([plain, reasoned]) == [plain, reasoned]
    assert cues.pick_two_steps([plain, talking]) == [talking]
    # combined: two steps and talking (+2) beat plain (0) and a reason given (-1)
    assert cues.all_cues([plain, reasoned, talking]) == [talking]
    assert cues.all_cues([plain, Worded("Mix it.")]) == [plain, Worded("Mix it.")]

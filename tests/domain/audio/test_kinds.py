"""Every kind, across its range and both ways round, measured from its decoded clips."""

from __future__ import annotations

import pytest

from quiz.domain import audio

from .claims import CLAIMS, assert_claim

CASES = [
    {"kind": "pitch", "reference_hz": 440, "offset_cents": -25},
    {"kind": "pitch", "reference_hz": 196, "offset_cents": 6},
    {"kind": "pitch", "reference_hz": 880, "offset_cents": 50},
    {"kind": "pitch", "reference_hz": 330, "offset_cents": 0},
    {"kind": "chord", "root_hz": 220, "quality": "major", "style": "block"},
    {"kind": "chord", "root_hz": 146.8, "quality": "minor", "style": "arpeggio"},
    {"kind": "chord", "root_hz": 261.6, "quality": "diminished", "style": "arpeggio"},
    {"kind": "chord", "root_hz": 196, "quality": "augmented", "style": "block"},
    {"kind": "timing", "late_hit": 3, "late_ms": 40},
    {"kind": "timing", "late_hit": 1, "late_ms": 10},
    {"kind": "timing", "late_hit": 4, "late_ms": 5},
    {"kind": "level", "louder": "a", "difference_db": 3},
    {"kind": "level", "louder": "b", "difference_db": 0.5},
    {"kind": "eq", "band": "low", "boost_db": 9},
    {"kind": "eq", "band": "mid", "boost_db": 3},
    {"kind": "eq", "band": "high", "boost_db": 1},
    {"kind": "dynamics", "compressed": "a", "ratio": 8},
    {"kind": "dynamics", "compressed": "b", "ratio": 2},
    {"kind": "stereo", "wide": "a", "correlation": 0},
    {"kind": "stereo", "wide": "b", "correlation": 0.8},
]


def _stimulus(data):
    stimulus, problems = audio.parse(data)
    assert not problems
    return stimulus


def test_every_kind_is_checked_here():
    assert {case["kind"] for case in CASES} == set(audio.KINDS) == set(CLAIMS)


@pytest.mark.parametrize("data", CASES, ids=lambda d: "-".join(str(v) for v in d.values()))
def test_the_clips_measure_as_the_stimulus_says(data):
    stimulus = _stimulus(data)
    assert_claim(stimulus, audio.render(stimulus))


@pytest.mark.parametrize("data, other", [
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": -25},
     {"kind": "pitch", "reference_hz": 440, "offset_cents": -12}),
    ({"kind": "level", "louder": "a", "difference_db": 3}, {"kind": "level", "louder": "b", "difference_db": 3}),
    ({"kind": "timing", "late_hit": 2, "late_ms": 20}, {"kind": "timing", "late_hit": 3, "late_ms": 20}),
])
def test_a_check_that_reads_the_wrong_stimulus_fails(data, other):
    """The claims can fail: the clips of one stimulus do not pass for a neighbouring one."""
    with pytest.raises(AssertionError):
        assert_claim(_stimulus(other), audio.render(_stimulus(data)))


@pytest.mark.parametrize("data, answer, step", [
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": -25}, "flat", "25 cents"),
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": 12}, "sharp", "12 cents"),
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": 0}, "in-tune", "0 cents"),
    ({"kind": "chord", "root_hz": 220, "quality": "augmented", "style": "block"}, "augmented", "augmented, together only"),
    ({"kind": "chord", "root_hz": 220, "quality": "minor", "style": "arpeggio"}, "minor",
     "minor, note by note, then together"),
    ({"kind": "timing", "late_hit": 3, "late_ms": 20}, "hit-3", "20 ms"),
    ({"kind": "level", "louder": "b", "difference_db": 1.5}, "b", "1.5 dB"),
    ({"kind": "eq", "band": "high", "boost_db": 6}, "high", "6 dB"),
    ({"kind": "dynamics", "compressed": "a", "ratio": 4}, "a", "ratio 4:1"),
    ({"kind": "stereo", "wide": "b", "correlation": 0.5}, "b", "correlation 0.5"),
])
def test_each_kind_names_the_physical_answer_and_its_step(data, answer, step):
    stimulus = _stimulus(data)
    kind = audio.kind_of(stimulus)
    assert kind.answer(stimulus) == answer
    assert answer in kind.answers
    assert kind.step(stimulus) == step


@pytest.mark.parametrize("quality, credits", [
    ("major", {"major": 1, "augmented": 0.5, "minor": 0, "diminished": 0}),
    ("minor", {"minor": 1, "diminished": 0.5, "major": 0, "augmented": 0}),
    ("diminished", {"diminished": 1, "minor": 0.5, "major": 0, "augmented": 0}),
    ("augmented", {"augmented": 1, "major": 0.5, "minor": 0, "diminished": 0}),
])
def test_a_chord_answer_with_the_right_third_earns_half(quality, credits):
    stimulus = _stimulus({"kind": "chord", "root_hz": 220, "quality": quality, "style": "block"})
    kind = audio.kind_of(stimulus)
    assert {answer: kind.credit(stimulus, answer) for answer in kind.answers} == credits


def test_one_answer_given_to_every_chord_quality_earns_what_guessing_earns():
    """No answer is a safe bet: over the four qualities each earns 1.5 of 4, as guessing does."""
    kind = audio.KINDS["chord"]
    stimuli = [_stimulus({"kind": "chord", "root_hz": 220, "quality": q, "style": "block"}) for q in kind.answers]
    assert {answer: sum(kind.credit(s, answer) for s in stimuli) for answer in kind.answers} == {
        answer: 1.5 for answer in kind.answers}


@pytest.mark.parametrize("data", [c for c in CASES if c["kind"] != "chord"])
def test_other_kinds_give_all_or_nothing(data):
    stimulus = _stimulus(data)
    kind = audio.kind_of(stimulus)
    assert [kind.credit(stimulus, answer) for answer in kind.answers] == [
        1.0 if answer == kind.answer(stimulus) else 0.0 for answer in kind.answers]

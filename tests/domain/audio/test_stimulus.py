"""A stimulus as written in the YAML: checked field by field, frozen, seeded by its content."""

from __future__ import annotations

import pytest

from quiz.domain import audio


def test_a_stimulus_keeps_its_fields_in_the_kinds_order_and_writes_them_back():
    stimulus, problems = audio.parse({"offset_cents": -25, "kind": "pitch", "reference_hz": 440})
    assert problems == []
    assert stimulus.values == (("reference_hz", 440.0), ("offset_cents", -25.0))
    assert stimulus.as_dict() == {"kind": "pitch", "reference_hz": 440, "offset_cents": -25}
    assert hash(stimulus) == hash(audio.from_dict(stimulus.as_dict()))


def test_the_seed_follows_the_content():
    first = audio.from_dict({"kind": "level", "louder": "a", "difference_db": 3})
    assert first.seed == audio.from_dict({"kind": "level", "difference_db": 3, "louder": "a"}).seed
    assert first.seed != audio.from_dict({"kind": "level", "louder": "b", "difference_db": 3}).seed


@pytest.mark.parametrize("data, message", [
    ("pitch", "stimulus must be a mapping"),
    ({"kind": "tremolo"}, "stimulus kind must be one of pitch, chord, timing, level, eq, dynamics, stereo"),
    ({"kind": "pitch", "reference_hz": 440}, "the pitch stimulus needs offset_cents"),
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": 300}, "offset_cents must be a number from -100 to 100"),
    ({"kind": "pitch", "reference_hz": True, "offset_cents": 3}, "reference_hz must be a number"),
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": 3, "answer": "sharp"},
     "a pitch stimulus has no field 'answer'"),
    ({"kind": "eq", "band": "air", "boost_db": 6}, "band must be low or mid or high, not 'air'"),
    ({"kind": "timing", "late_hit": 2.5, "late_ms": 20}, "late_hit must be a whole number"),
])
def test_what_is_wrong_is_named(data, message):
    stimulus, problems = audio.parse(data)
    assert stimulus is None
    assert any(problem.startswith(message) for problem in problems), problems


def test_a_stored_stimulus_that_no_longer_parses_is_an_error():
    with pytest.raises(ValueError, match="needs late_ms"):
        audio.from_dict({"kind": "timing", "late_hit": 2})

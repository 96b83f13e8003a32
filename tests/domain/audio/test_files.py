"""The WAV files themselves: reproducible to the byte, small, and saying nothing but their format."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from quiz.domain import audio
from quiz.domain.audio.wav import encode

from .measure import chunks, decode
from .test_kinds import CASES

# The bytes of two stimuli, pinned: a change to the synthesis, the encoder or numpy's bit
# stream that would change the clips a question has always played fails here.
PINNED = [
    ({"kind": "pitch", "reference_hz": 440, "offset_cents": -25},
     ["a6ad7b7466e9d387aff45e4d9130891cabbd09bef1cc52ad92778add1951a27e"]),
    ({"kind": "eq", "band": "mid", "boost_db": 6},
     ["d2c1520e0ea8b9bd8d4ae447429a7e671f483066e94f07b8cedabccc056c7567",
      "8f91e3141a1f1182c4ea333d73fc19d828e4134dca7ca1edab3f3d66e3c8c0fe"]),
]
MAX_BYTES = 150_000


def _render(data):
    stimulus, problems = audio.parse(data)
    assert not problems
    return audio.render(stimulus)


@pytest.mark.parametrize("data, names", PINNED)
def test_the_same_stimulus_gives_the_same_bytes_in_a_fresh_process(data, names):
    assert [clip.name for clip in _render(data)] == names
    script = ("from quiz.domain import audio; s, _ = audio.parse(%r); "
              "print(' '.join(c.name for c in audio.render(s)))" % (data,))
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert fresh.stdout.split() == names


@pytest.mark.parametrize("data", CASES, ids=lambda d: "-".join(str(v) for v in d.values()))
def test_every_clip_is_plain_pcm_under_the_size_limit(data):
    for clip in _render(data):
        assert chunks(clip.wav) == [b"fmt ", b"data"]  # no LIST/INFO: no title, no comment
        assert len(clip.wav) < MAX_BYTES
        rate, samples = decode(clip.wav)
        channels = 2 if data["kind"] == "stereo" else 1
        assert rate == 22050 and (samples.ndim == 1) == (channels == 1)
        assert clip.seconds == pytest.approx(len(samples) / rate)
        assert 1.2 <= clip.seconds <= 3.5


def test_a_clip_is_named_by_its_bytes_alone():
    clips = _render({"kind": "level", "louder": "a", "difference_db": 3})
    assert len({clip.name for clip in clips}) == 2
    assert all(len(clip.name) == 64 and set(clip.name) <= set("0123456789abcdef") for clip in clips)


def test_the_level_check_is_a_steady_tone_at_the_clips_loudness():
    clip = audio.level_check_clip()
    rate, samples = decode(clip.wav)
    middle = samples[rate // 2: -rate // 2]
    assert 20 * np.log10(np.sqrt(np.mean(middle ** 2))) == pytest.approx(-20, abs=0.2)
    assert chunks(clip.wav) == [b"fmt ", b"data"] and len(clip.wav) < MAX_BYTES


def test_a_signal_that_would_clip_is_refused():
    with pytest.raises(ValueError):
        encode(np.array([0.0, 1.01, 0.0]))


def test_a_clip_is_found_among_stimuli_by_its_name_alone():
    stimuli = frozenset(audio.from_dict(d) for d in CASES[:6])
    wanted = audio.render(audio.from_dict(CASES[4]))[0]
    assert audio.clip_among(stimuli, wanted.name) == wanted
    assert audio.clip_among(stimuli, "0" * 64) is None
    assert audio.clip_among(stimuli, audio.render(audio.from_dict(CASES[10]))[0].name) is None  # not among them

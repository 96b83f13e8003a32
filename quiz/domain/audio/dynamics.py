"""Dynamics: the same drum loop twice, one clip through a compressor (`ratio`:1 above a
threshold 15 dB under the loop's peak, instant attack with 1.5 ms look-ahead, 80 ms release),
both at the same RMS loudness. The compressed one has the smaller crest factor (peak to RMS): its hits are blunter.
Which clip is compressed?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import SAMPLE_RATE, at_rms, drum_loop, gain, peak
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

DURATION = 2.0
THRESHOLD_DB = -15.0  # under the loop's peak
RELEASE = 0.080  # seconds
BLOCK = 32  # samples the gain is computed for at a time (1.5 ms, the look-ahead), then interpolated
LOUDNESS_DB = -21.0  # both clips' RMS; leaves the uncompressed loop's peaks below full scale


def compressed(signal: np.ndarray, ratio: float) -> np.ndarray:
    """A feed-forward peak compressor: the level jumps to each block's peak at once and falls
    back with the release time; whatever it has above the threshold is divided by `ratio`. The
    gain reaches each block's value as the block starts (a block of look-ahead), so a hit's
    first peak is caught: that is what lowers the crest factor."""
    blocks = len(signal) // BLOCK + 1
    padded = np.zeros(blocks * BLOCK)
    padded[:len(signal)] = np.abs(signal)
    peaks = padded.reshape(blocks, BLOCK).max(axis=1)
    threshold = peak(signal) * gain(THRESHOLD_DB)
    release = np.exp(-BLOCK / (RELEASE * SAMPLE_RATE))
    level, gains = 0.0, np.ones(blocks)
    for index, block_peak in enumerate(peaks):
        level = max(block_peak, release * level)
        if level > threshold:
            gains[index] = (threshold * (level / threshold) ** (1 / ratio)) / level
    starts = np.arange(blocks) * BLOCK
    return signal * np.interp(np.arange(len(signal)), starts, gains)


class Dynamics(Kind):
    name = "dynamics"
    fields = (Field("compressed", choices=("a", "b")), Field("ratio", low=2, high=20))
    answers = ("a", "b")

    def answer(self, stimulus: Stimulus) -> str:
        return str(stimulus["compressed"])

    def step(self, stimulus: Stimulus) -> str:
        return f"ratio {stimulus.number('ratio'):g}:1"

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        loop = drum_loop(stimulus.seed, DURATION)
        plain = at_rms(loop, LOUDNESS_DB)
        squashed = at_rms(compressed(loop, stimulus.number("ratio")), LOUDNESS_DB)
        first, second = (squashed, plain) if stimulus["compressed"] == "a" else (plain, squashed)
        return (("Clip A", first), ("Clip B", second))

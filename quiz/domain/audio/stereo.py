"""Stereo: pink noise twice, both in stereo at the same level. In one clip the two channels are
identical (mono: the sound sits in the middle); in the other they differ, with an inter-channel
correlation of `correlation` (0: fully wide, near 1: nearly mono). Which clip is wide?

The only stereo clips in the quiz: 1.5 seconds, to stay as small as the mono ones."""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import at_rms, faded, pink_noise
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

DURATION = 1.5


def channels_with_correlation(left: np.ndarray, other: np.ndarray, correlation: float) -> np.ndarray:
    """`left` and a right channel whose correlation with it is exactly `correlation`: `other`
    with its part along `left` removed, mixed in at the share that gives that correlation."""
    left = left - left.mean()
    other = other - other.mean()
    other = other - left * (other @ left) / (left @ left)
    other *= np.linalg.norm(left) / np.linalg.norm(other)
    right = correlation * left + np.sqrt(1 - correlation ** 2) * other
    return np.stack([left, right], axis=1)


class Stereo(Kind):
    name = "stereo"
    fields = (Field("wide", choices=("a", "b")), Field("correlation", low=0, high=0.9))
    answers = ("a", "b")

    def answer(self, stimulus: Stimulus) -> str:
        return str(stimulus["wide"])

    def step(self, stimulus: Stimulus) -> str:
        return f"correlation {stimulus.number('correlation'):g}"

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        left = at_rms(pink_noise(stimulus.seed, DURATION), -20)
        wide = channels_with_correlation(left, pink_noise(stimulus.seed + 1, DURATION),
                                         stimulus.number("correlation"))
        mono = np.stack([left, left], axis=1)
        first, second = (wide, mono) if stimulus["wide"] == "a" else (mono, wide)
        return (("Clip A", faded(first)), ("Clip B", faded(second)))

"""A stimulus rendered: its clips as WAV bytes, each named by the SHA-256 of its bytes (the
name it is served under, which says nothing about what is in it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from quiz.domain.audio.signals import SAMPLE_RATE, at_rms, tone
from quiz.domain.audio.stimulus import Kind, Stimulus
from quiz.domain.audio.wav import encode

HEADER_BYTES = 44  # RIFF, fmt and data chunk headers


@dataclass(frozen=True)
class Clip:
    label: str  # what the player is called on the page: "Clip A"
    wav: bytes

    @cached_property
    def name(self) -> str:
        return hashlib.sha256(self.wav).hexdigest()

    @property
    def seconds(self) -> float:
        channels = self.wav[22]  # the fmt chunk's channel count
        return (len(self.wav) - HEADER_BYTES) / (2 * channels * SAMPLE_RATE)


def rendered(kind: Kind, stimulus: Stimulus) -> tuple[Clip, ...]:
    return tuple(Clip(label, encode(signal)) for label, signal in kind.clips(stimulus))


def level_check() -> Clip:
    """The tone a taker sets their volume by before the first clip: a steady 440 Hz note,
    three seconds, at the clips' loudness (-20 dBFS RMS)."""
    return Clip("Level check tone", encode(at_rms(tone(440.0, 3.0, harmonics=(1.0,)), -20)))


__all__ = ["Clip", "level_check", "rendered"]

"""Pitch: a reference note, a short gap, then a second note `offset_cents` away from it (100
cents = a semitone). Is the second note flat, in tune or sharp?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import at_rms, seconds, tone
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

NOTE, GAP = 1.0, 0.25  # seconds


class Pitch(Kind):
    name = "pitch"
    fields = (Field("reference_hz", low=110, high=880), Field("offset_cents", low=-100, high=100))
    answers = ("flat", "in-tune", "sharp")

    def answer(self, stimulus: Stimulus) -> str:
        cents = stimulus.number("offset_cents")
        return "sharp" if cents > 0 else "flat" if cents < 0 else "in-tune"

    def step(self, stimulus: Stimulus) -> str:
        return f"{abs(stimulus.number('offset_cents')):g} cents"

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        reference = stimulus.number("reference_hz")
        second = reference * 2 ** (stimulus.number("offset_cents") / 1200)
        notes = np.concatenate([tone(reference, NOTE), np.zeros(seconds(GAP)), tone(second, NOTE)])
        return (("Reference note, then the second note", at_rms(notes, -20)),)

"""Chord quality: a three-note chord on `root_hz`, played note by note then together
(`arpeggio`, easier) or only together (`block`, harder). Major, minor or something else?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import at_rms, tone
from quiz.domain.audio.stimulus import Field, Stimulus

# Semitones above the root of the third and the fifth.
QUALITIES = {"major": (4, 7), "minor": (3, 7), "diminished": (3, 6), "augmented": (4, 8)}
NOTE, CHORD = 0.45, 1.3  # seconds


class Chord:
    name = "chord"
    fields = (Field("root_hz", low=110, high=440), Field("quality", choices=tuple(QUALITIES)),
              Field("style", choices=("arpeggio", "block")))
    answers = ("major", "minor", "other")
    ordered = False

    def answer(self, stimulus: Stimulus) -> str:
        quality = stimulus["quality"]
        return quality if quality in ("major", "minor") else "other"

    def step(self, stimulus: Stimulus) -> str:
        return "note by note, then together" if stimulus["style"] == "arpeggio" else "together only"

    def notes(self, stimulus: Stimulus) -> tuple[float, float, float]:
        root = stimulus.number("root_hz")
        third, fifth = QUALITIES[str(stimulus["quality"])]
        return root, root * 2 ** (third / 12), root * 2 ** (fifth / 12)

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        notes = self.notes(stimulus)
        chord = sum(tone(f, CHORD) for f in notes)
        parts = ([tone(f, NOTE) for f in notes] if stimulus["style"] == "arpeggio" else []) + [chord]
        return (("The chord", at_rms(np.concatenate(parts), -20)),)

"""Chord quality: a three-note chord on `root_hz`, played note by note then together
(`arpeggio`, easier) or only together (`block`, harder). Major, minor, diminished or augmented?

The third makes a chord major or minor, and the altered fifths build on it: diminished is a
minor third with the fifth a semitone lower, augmented a major third with the fifth a semitone
higher. An answer with the right third and the wrong fifth (minor for diminished, major for
augmented, and the other way round) heard half the chord right and earns half the points; one
with the wrong third earns none. Any single answer given to every chord of the four qualities
then earns the same as guessing."""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import at_rms, tone
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

# Semitones above the root of the third and the fifth.
QUALITIES = {"major": (4, 7), "minor": (3, 7), "diminished": (3, 6), "augmented": (4, 8)}
NOTE, CHORD = 0.45, 1.3  # seconds


class Chord(Kind):
    name = "chord"
    fields = (Field("root_hz", low=110, high=440), Field("quality", choices=tuple(QUALITIES)),
              Field("style", choices=("arpeggio", "block")))
    answers = tuple(QUALITIES)

    def answer(self, stimulus: Stimulus) -> str:
        return str(stimulus["quality"])

    def credit(self, stimulus: Stimulus, answer: str) -> float:
        right = self.answer(stimulus)
        if answer == right:
            return 1.0
        return 0.5 if QUALITIES[answer][0] == QUALITIES[right][0] else 0.0  # the same third

    def step(self, stimulus: Stimulus) -> str:
        """The quality (the altered ones are harder) and how it is played."""
        played = "note by note, then together" if stimulus["style"] == "arpeggio" else "together only"
        return f"{stimulus['quality']}, {played}"

    def notes(self, stimulus: Stimulus) -> tuple[float, float, float]:
        root = stimulus.number("root_hz")
        third, fifth = QUALITIES[str(stimulus["quality"])]
        return root, root * 2 ** (third / 12), root * 2 ** (fifth / 12)

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        notes = self.notes(stimulus)
        chord = sum(tone(f, CHORD) for f in notes)
        parts = ([tone(f, NOTE) for f in notes] if stimulus["style"] == "arpeggio" else []) + [chord]
        return (("The chord", at_rms(np.concatenate(parts), -20)),)

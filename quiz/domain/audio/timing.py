"""Timing: a click pattern of two bars of four (the first of each bar accented); one hit of
the bar, `late_hit`, comes `late_ms` milliseconds after the beat in both bars. Which one?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import faded, hit, seconds
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

HITS, BARS = 4, 2
BEAT = 0.375  # seconds between hits: 160 beats a minute
LEAD = 0.05  # silence before the first beat
TAIL = 0.2  # after the last beat, room for its decay and the latest possible hit
CLICK = 0.08


class Timing(Kind):
    name = "timing"
    fields = (Field("late_hit", low=1, high=HITS, whole=True), Field("late_ms", low=0, high=100))
    answers = tuple(f"hit-{n}" for n in range(1, HITS + 1))

    def answer(self, stimulus: Stimulus) -> str:
        return f"hit-{int(stimulus.number('late_hit'))}"

    def step(self, stimulus: Stimulus) -> str:
        return f"{stimulus.number('late_ms'):g} ms"

    def onsets(self, stimulus: Stimulus) -> list[float]:
        """When each hit starts, in seconds."""
        late = int(stimulus.number("late_hit"))
        return [LEAD + index * BEAT + (stimulus.number("late_ms") / 1000 if index % HITS + 1 == late else 0.0)
                for index in range(HITS * BARS)]

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        accent = 0.8 * hit(stimulus.seed, 1200.0, 0.02, 0.3, CLICK)
        click = 0.5 * hit(stimulus.seed, 2000.0, 0.015, 0.3, CLICK)
        pattern = np.zeros(seconds(LEAD + HITS * BARS * BEAT + TAIL))
        for index, onset in enumerate(self.onsets(stimulus)):
            sound = accent if index % HITS == 0 else click
            start = seconds(onset)
            pattern[start:start + len(sound)] += sound
        return (("The pattern", faded(pattern, LEAD / 2)),)

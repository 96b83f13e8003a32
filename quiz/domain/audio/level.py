"""Level: the same drum loop twice; one clip is `difference_db` louder, nothing else differs.
Which one is louder?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import drum_loop, gain, peak
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

DURATION = 2.0
HEADROOM_DB = -1.0  # the louder clip's peak


class Level(Kind):
    name = "level"
    fields = (Field("louder", choices=("a", "b")), Field("difference_db", low=0.25, high=12))
    answers = ("a", "b")

    def answer(self, stimulus: Stimulus) -> str:
        return str(stimulus["louder"])

    def step(self, stimulus: Stimulus) -> str:
        return f"{stimulus.number('difference_db'):g} dB"

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        loop = drum_loop(stimulus.seed, DURATION)
        louder = loop * (gain(HEADROOM_DB) / peak(loop))
        quieter = louder * gain(-stimulus.number("difference_db"))
        first, second = (louder, quieter) if stimulus["louder"] == "a" else (quieter, louder)
        return (("Clip A", first), ("Clip B", second))

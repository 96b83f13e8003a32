"""EQ: pink noise twice; in clip B one band (low, mid or high) is boosted by `boost_db`, and the
whole clip turned down to the same loudness (RMS) as clip A, so only the tone differs.
Which band was boosted?"""

from __future__ import annotations

import numpy as np

from quiz.domain.audio.signals import SAMPLE_RATE, at_rms, faded, pink_noise, rms
from quiz.domain.audio.stimulus import Field, Kind, Stimulus

DURATION = 2.0
# Each band's core, in Hz, boosted by the full amount; the boost fades out over half an
# octave on either side. The cores are two octaves or more apart.
BANDS = {"low": (80.0, 250.0), "mid": (700.0, 2000.0), "high": (4000.0, 8000.0)}
SHOULDER = 0.5  # octaves


def band_gain(frequencies: np.ndarray, band: str, boost_db: float) -> np.ndarray:
    """The gain (as a factor) at each frequency for `band` boosted by `boost_db`."""
    low, high = BANDS[band]
    with np.errstate(divide="ignore"):
        octaves = np.log2(np.maximum(frequencies, 1.0))
    outside = np.maximum(np.log2(low) - octaves, octaves - np.log2(high)).clip(0, SHOULDER) / SHOULDER
    weight = 0.5 + 0.5 * np.cos(np.pi * outside)  # 1 in the core, 0 half an octave beyond
    return 10 ** (boost_db * weight / 20)


class Eq(Kind):
    name = "eq"
    fields = (Field("band", choices=tuple(BANDS)), Field("boost_db", low=1, high=15))
    answers = tuple(BANDS)

    def answer(self, stimulus: Stimulus) -> str:
        return str(stimulus["band"])

    def step(self, stimulus: Stimulus) -> str:
        return f"{stimulus.number('boost_db'):g} dB"

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        noise = pink_noise(stimulus.seed, DURATION)
        spectrum = np.fft.rfft(noise)
        frequencies = np.fft.rfftfreq(len(noise), 1 / SAMPLE_RATE)
        boosted = np.fft.irfft(spectrum * band_gain(frequencies, str(stimulus["band"]),
                                                    stimulus.number("boost_db")), n=len(noise))
        flat = at_rms(noise, -20)
        return (("Clip A", faded(flat)), ("Clip B", faded(boosted * (rms(flat) / rms(boosted)))))

"""The building blocks every clip is made of: tones with harmonics, pink noise, a drum hit, and
the level arithmetic (RMS, decibels) the kinds use to match or offset their clips.

All signals are float arrays in -1..1 at `SAMPLE_RATE`. Randomness comes only from `uniform`,
which reads numpy's PCG64 bit stream directly: the bit generators' streams are fixed across
numpy versions (the distributions built on them are not promised to be), so a seed gives the
same noise everywhere.
"""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 22050  # Hz: everything a clip asks about lies below 10 kHz
HARMONICS = (1.0, 0.5, 0.33, 0.25, 0.2)  # a soft synth tone: the fundamental clearly strongest


def seconds(count: float) -> int:
    """A duration in samples."""
    return int(round(count * SAMPLE_RATE))


def times(length: int) -> np.ndarray:
    return np.arange(length) / SAMPLE_RATE


def uniform(seed: int, length: int) -> np.ndarray:
    """`length` numbers evenly spread over 0..1, the same for the same seed on every platform."""
    raw = np.random.PCG64(seed).random_raw(length)
    return (raw >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def envelope(length: int, attack: float, release: float) -> np.ndarray:
    """1 in the middle, raised-cosine ramps of `attack` and `release` seconds at the ends (no clicks)."""
    shape = np.ones(length)
    for ramp, where in ((seconds(attack), slice(None)), (seconds(release), slice(None, None, -1))):
        if ramp:
            rise = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
            shape[where][:ramp] *= rise
    return shape


def tone(frequency: float, duration: float, harmonics: tuple[float, ...] = HARMONICS) -> np.ndarray:
    """A steady synth note: `frequency` and its harmonics below Nyquist, with a gentle
    envelope (40 ms in, 150 ms out). Peak about 1."""
    t = times(seconds(duration))
    wave = sum(level * np.sin(2 * np.pi * frequency * number * t)
               for number, level in enumerate(harmonics, start=1)
               if frequency * number < SAMPLE_RATE / 2)
    return wave / sum(harmonics) * envelope(len(t), 0.04, 0.15)


def pink_noise(seed: int, duration: float, low: float = 40.0, high: float = 10000.0) -> np.ndarray:
    """Pink noise from `low` to `high` Hz, made in the frequency domain: every bin's magnitude is
    exactly 1/sqrt(f) (equal energy per octave), only the phases are random. So each band
    holds exactly its share of the energy, which the EQ kind relies on."""
    length = seconds(duration)
    frequencies = np.fft.rfftfreq(length, 1 / SAMPLE_RATE)
    magnitude = np.zeros_like(frequencies)
    inside = (frequencies >= low) & (frequencies <= high)
    magnitude[inside] = 1 / np.sqrt(frequencies[inside])
    phases = np.exp(2j * np.pi * uniform(seed, len(frequencies)))
    return np.fft.irfft(magnitude * phases, n=length)


def faded(signal: np.ndarray, fade: float = 0.02) -> np.ndarray:
    """The signal with short raised-cosine fades at both ends (along the first axis)."""
    shape = envelope(len(signal), fade, fade)
    return signal * (shape[:, None] if signal.ndim == 2 else shape)


def rms(signal: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(signal))))


def peak(signal: np.ndarray) -> float:
    return float(np.max(np.abs(signal)))


def gain(decibels: float) -> float:
    return 10 ** (decibels / 20)


def at_rms(signal: np.ndarray, decibels: float) -> np.ndarray:
    """The signal scaled to an RMS of `decibels` dBFS (0 dBFS: a full-scale square wave)."""
    return signal * (gain(decibels) / rms(signal))


def hit(seed: int, pitch: float, decay: float, noise: float, duration: float) -> np.ndarray:
    """One percussive hit: a sine at `pitch` plus a share `noise` of white noise, starting at
    full level within half a millisecond and dying away with time constant `decay` seconds."""
    t = times(seconds(duration))
    body = (1 - noise) * np.sin(2 * np.pi * pitch * t) + noise * (2 * uniform(seed, len(t)) - 1)
    return body * np.exp(-t / decay) * np.minimum(1.0, t / 0.0005)


def drum_loop(seed: int, duration: float, beat: float = 0.25) -> np.ndarray:
    """A plain rock beat in eighth notes of `beat` seconds: kick on 1 and 5, snare on 3 and 7,
    a hi-hat on every eighth. Peaky, as drums are: what compression and level questions play."""
    length = seconds(duration)
    loop = np.zeros(length)
    kick = hit(seed, 60.0, 0.12, 0.05, 0.4)
    snare = hit(seed + 1, 190.0, 0.08, 0.7, 0.3)
    hat = 0.35 * hit(seed + 2, 8000.0, 0.02, 0.9, 0.08)
    for eighth in range(int(duration / beat)):
        start = seconds(eighth * beat)
        parts = [hat] + ([kick] if eighth % 4 == 0 else []) + ([snare] if eighth % 4 == 2 else [])
        for part in parts:
            end = min(length, start + len(part))
            loop[start:end] += part[:end - start]
    return faded(loop)

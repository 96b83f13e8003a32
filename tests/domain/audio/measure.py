"""Signal analysis for the listening clips: decode the WAV bytes as a browser would, then measure
what a clip claims (pitch in cents, level in dB, band energy, onsets, crest factor, correlation)
without trusting anything the synthesis code computed."""

from __future__ import annotations

import io
import struct
import wave

import numpy as np


def chunks(data: bytes) -> list[bytes]:
    """The RIFF chunk ids of a WAV file, in order."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    found, position = [], 12
    while position < len(data):
        chunk_id, size = struct.unpack("<4sI", data[position:position + 8])
        found.append(chunk_id)
        position += 8 + size + size % 2
    return found


def decode(data: bytes) -> tuple[int, np.ndarray]:
    """Sample rate and samples in -1..1 (samples x channels for stereo)."""
    with wave.open(io.BytesIO(data)) as clip:
        assert clip.getsampwidth() == 2
        rate, channels = clip.getframerate(), clip.getnchannels()
        samples = np.frombuffer(clip.readframes(clip.getnframes()), dtype="<i2") / 32768
    return rate, samples.reshape(-1, channels) if channels > 1 else samples


def peak_frequency(signal: np.ndarray, rate: int, low: float, high: float) -> float:
    """The strongest frequency between `low` and `high` Hz: the peak of a Hann-windowed,
    8x zero-padded spectrum, refined by a parabola through the log magnitudes around it."""
    size = 8 * len(signal)
    spectrum = np.log(np.abs(np.fft.rfft(signal * np.hanning(len(signal)), n=size)) + 1e-12)
    frequencies = np.fft.rfftfreq(size, 1 / rate)
    inside = np.flatnonzero((frequencies >= low) & (frequencies <= high))
    top = inside[np.argmax(spectrum[inside])]
    before, at, after = spectrum[top - 1:top + 2]
    shift = 0.5 * (before - after) / (before - 2 * at + after)
    return float((top + shift) * rate / size)


def cents(frequency: float, reference: float) -> float:
    return 1200 * np.log2(frequency / reference)


def rms_db(signal: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(signal)))))


def crest_db(signal: np.ndarray) -> float:
    return float(20 * np.log10(np.max(np.abs(signal))) - rms_db(signal))


def band_db(signal: np.ndarray, rate: int, low: float, high: float) -> float:
    """Energy between `low` and `high` Hz, in dB (from the power spectrum)."""
    power = np.abs(np.fft.rfft(signal)) ** 2
    frequencies = np.fft.rfftfreq(len(signal), 1 / rate)
    return float(10 * np.log10(power[(frequencies >= low) & (frequencies <= high)].sum()))


def onsets(signal: np.ndarray, rate: int, threshold: float = 0.1, gap: float = 0.15) -> list[float]:
    """When each hit starts, in seconds: the first sample whose magnitude reaches `threshold` of
    the clip's peak, `gap` seconds or more after the previous onset."""
    loud = np.flatnonzero(np.abs(signal) >= threshold * np.max(np.abs(signal)))
    found: list[int] = []
    for index in loud:
        if not found or index - found[-1] >= gap * rate:
            found.append(index)
    return [index / rate for index in found]


def correlation(stereo: np.ndarray) -> float:
    return float(np.corrcoef(stereo[:, 0], stereo[:, 1])[0, 1])

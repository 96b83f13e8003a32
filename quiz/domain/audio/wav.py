"""16-bit PCM WAV bytes with the standard library's `wave`: a RIFF header, a `fmt ` chunk and
the samples - no LIST/INFO or any other metadata chunk, so a file says nothing but its format."""

from __future__ import annotations

import io
import wave

import numpy as np

from quiz.domain.audio.signals import SAMPLE_RATE

FULL_SCALE = 32767


def encode(signal: np.ndarray) -> bytes:
    """A mono signal (one axis) or a stereo one (samples x 2) in -1..1 as WAV bytes, rounded
    to the nearest 16-bit step (no dither: the same signal gives the same bytes)."""
    if np.max(np.abs(signal)) > 1:
        raise ValueError("the signal clips: its peak is above full scale")
    channels = 1 if signal.ndim == 1 else signal.shape[1]
    samples = np.round(signal * FULL_SCALE).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()

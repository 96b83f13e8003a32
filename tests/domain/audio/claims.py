"""What each kind of clip claims, checked by measuring the decoded clips (see measure.py).
`assert_claim` is run on every kind's own tests and on every live listening question of the
shipped bank."""

from __future__ import annotations

import numpy as np

from quiz.domain.audio import Clip, Stimulus, chord, eq, pitch, timing

from .measure import band_db, cents, correlation, crest_db, decode, onsets, peak_frequency, rms_db


def _decoded(clips: tuple[Clip, ...]) -> list[np.ndarray]:
    rates, signals = zip(*(decode(clip.wav) for clip in clips))
    assert set(rates) == {22050}
    return list(signals)


def _pitch(stimulus: Stimulus, clips) -> None:
    (signal,) = _decoded(clips)
    rate, reference = 22050, stimulus.number("reference_hz")
    start, second = int(0.1 * rate), int((pitch.NOTE + pitch.GAP + 0.1) * rate)
    span = int((pitch.NOTE - 0.3) * rate)
    first_hz = peak_frequency(signal[start:start + span], rate, reference * 0.9, reference * 1.1)
    second_hz = peak_frequency(signal[second:second + span], rate, reference * 0.9, reference * 1.1)
    assert abs(cents(first_hz, reference)) < 0.5
    assert abs(cents(second_hz, first_hz) - stimulus.number("offset_cents")) < 0.5


def _chord(stimulus: Stimulus, clips) -> None:
    (signal,) = _decoded(clips)
    rate, root = 22050, stimulus.number("root_hz")
    together = signal[-int((chord.CHORD - 0.2) * rate):-int(0.2 * rate)]

    def energy(semitones: int) -> float:
        centre = root * 2 ** (semitones / 12)
        return band_db(together, rate, centre * 2 ** (-0.3 / 12), centre * 2 ** (0.3 / 12))

    third, fifth = chord.QUALITIES[str(stimulus["quality"])]
    for present, absent in ((third, 7 - third), (fifth, {6: 7, 7: 6, 8: 7}[fifth])):
        assert energy(present) - energy(absent) > 20  # the note sounds; its neighbour does not
    if stimulus["style"] == "arpeggio":  # the notes one by one first, each on its own pitch
        step = int(chord.NOTE * rate)
        for index, semitones in enumerate((0, third, fifth)):
            note = signal[index * step + int(0.05 * rate):(index + 1) * step - int(0.15 * rate)]
            measured = peak_frequency(note, rate, root * 0.9, root * 1.6)
            assert abs(cents(measured, root) - 100 * semitones) < 5


def _timing(stimulus: Stimulus, clips) -> None:
    (signal,) = _decoded(clips)
    found = onsets(signal, 22050)
    assert len(found) == timing.HITS * timing.BARS
    late = int(stimulus.number("late_hit"))
    for index, onset in enumerate(found):
        expected_ms = stimulus.number("late_ms") if index % timing.HITS + 1 == late else 0.0
        assert abs((onset - timing.LEAD - index * timing.BEAT) * 1000 - expected_ms) < 1.0


def _level(stimulus: Stimulus, clips) -> None:
    first, second = _decoded(clips)
    louder, quieter = (first, second) if stimulus["louder"] == "a" else (second, first)
    assert abs(rms_db(louder) - rms_db(quieter) - stimulus.number("difference_db")) < 0.05
    scale = np.sqrt(np.mean(quieter ** 2) / np.mean(louder ** 2))
    assert np.max(np.abs(louder * scale - quieter)) < 1e-3  # otherwise the same sound


def _eq(stimulus: Stimulus, clips) -> None:
    flat, boosted = _decoded(clips)
    assert abs(rms_db(flat) - rms_db(boosted)) < 0.1  # loudness-matched
    change = {band: band_db(boosted, 22050, low, high) - band_db(flat, 22050, low, high)
              for band, (low, high) in eq.BANDS.items()}
    band = str(stimulus["band"])
    others = [value for name, value in change.items() if name != band]
    assert max(change, key=change.get) == band
    assert abs(change[band] - np.mean(others) - stimulus.number("boost_db")) < 0.3


def _dynamics(stimulus: Stimulus, clips) -> None:
    first, second = _decoded(clips)
    squashed, plain = (first, second) if stimulus["compressed"] == "a" else (second, first)
    assert abs(rms_db(squashed) - rms_db(plain)) < 0.1  # loudness-matched
    assert crest_db(plain) - crest_db(squashed) > 2.0  # its peaks are blunter


def _stereo(stimulus: Stimulus, clips) -> None:
    first, second = _decoded(clips)
    assert first.shape[1] == second.shape[1] == 2
    wide, mono = (first, second) if stimulus["wide"] == "a" else (second, first)
    assert np.array_equal(mono[:, 0], mono[:, 1])
    assert abs(correlation(wide) - stimulus.number("correlation")) < 0.03
    for channel in (0, 1):  # the same level, channel by channel
        assert abs(rms_db(wide[:, channel]) - rms_db(mono[:, channel])) < 0.3


CLAIMS = {"pitch": _pitch, "chord": _chord, "timing": _timing, "level": _level, "eq": _eq,
          "dynamics": _dynamics, "stereo": _stereo}


def assert_claim(stimulus: Stimulus, clips: tuple[Clip, ...]) -> None:
    CLAIMS[stimulus.kind](stimulus, clips)

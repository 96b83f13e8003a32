"""The experiments behind the report's words at the ends of the scale: how often each band
word is right, band by band ("Strong" and "Getting started" included), and how often the
range covers the true score of takers who score 90 or more, or under 10."""

from __future__ import annotations

import random
from dataclasses import dataclass

from quiz.domain.first_screen import level
from quiz.domain.report_text import LIKELY, VERY_LIKELY
from quiz.domain.scoring import BANDS, band_for

from .experiments import Rate, world

HIGH, LOW = 90, 10  # observed scores at or above HIGH and below LOW are the extremes


@dataclass(frozen=True)
class BandWords:
    # (word, band key) -> how often the band said with that word holds the true score;
    # word "sure" (a level with no "probably": at least VERY_LIKELY) or "probably" (LIKELY)
    said: dict[tuple[str, str], Rate]
    high: Rate  # ranges of observed area scores >= HIGH that cover the true score
    low: Rate  # ... and of observed scores < LOW


def band_words(takers: int, seed: int = 4, with_norms: bool = True) -> BandWords:
    w, rng = world(), random.Random(seed)
    said = {(word, band.key): [0, 0] for word in ("sure", "probably") for band in BANDS}
    high, low = [0, 0], [0, 0]
    for _ in range(takers):
        person = w.person(rng)
        report = w.report(person, rng, with_norms)
        for area in report.areas:
            if area.belief is None:
                continue
            truth = w.truth(person, [r.question for r in area.results])
            found = level(area.belief)
            word = "sure" if found.chance >= VERY_LIKELY else "probably" if found.chance >= LIKELY else None
            if word:
                counts = said[(word, found.band.key)]
                counts[0] += band_for(truth) == found.band
                counts[1] += 1
            covered = area.belief.low <= truth <= area.belief.high
            for extreme, counts in ((area.score >= HIGH, high), (area.score < LOW, low)):
                if extreme:
                    counts[0] += covered
                    counts[1] += 1
    return BandWords({key: Rate(*counts) for key, counts in said.items()}, Rate(*high), Rate(*low))

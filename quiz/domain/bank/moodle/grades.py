"""The grades Moodle allows an answer (question_bank::fraction_options_full), in percent.

Moodle refuses to import a file with any other grade ("matchgrades: error", its default), and
so does this importer; the exporter writes only these, the nearest when a question's points
give another share (the exact points travel in a tag, see `export`).
"""

from __future__ import annotations

POSITIVE = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
            20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0)
ALLOWED = tuple(sorted({0.0, *POSITIVE, *(-g for g in POSITIVE)}, reverse=True))
TOLERANCE = 0.001  # percent; Moodle compares fractions to within 0.00001


def allowed(percent: float) -> bool:
    return any(abs(percent - grade) < TOLERANCE for grade in ALLOWED)


def nearest(percent: float) -> float:
    return min(ALLOWED, key=lambda grade: abs(percent - grade))


def written(percent: float) -> str:
    """A grade as Moodle writes it: 100, 33.33333, -50."""
    return f"{percent:.7f}".rstrip("0").rstrip(".")

"""What the report's statements achieve on simulated takers (simulation/: a graded-response
generator over the real bank, not the scoring model), every rate beside its target, with the
seeds. A script that prints figures, not a test; the measures page and docs/measurement.md quote it.

Run: .venv/bin/python benchmarks/measurement.py [--takers 1000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dataclasses import replace  # noqa: E402

from simulation import experiments  # noqa: E402
from simulation.generator import Generator, real_bank  # noqa: E402

# The self-rated hearing items the clip questions replaced (retired in questions/musicianship.yaml).
REPLACED_BY_CLIPS = ("mus-rate-hear-chords", "mus-rate-hear-tuning")


def with_replaced(bank):
    """The bank with the self-rated hearing items the clip questions replaced offered again."""
    return replace(bank, questions=tuple(replace(q, retired=False) if q.id in REPLACED_BY_CLIPS else q
                                         for q in bank.questions))


def before_clips(bank):
    """The bank as it was before the questions that play clips."""
    return replace(with_replaced(bank), questions=tuple(
        q for q in with_replaced(bank).questions if not q.kind.plays_clips))


def row(statement: str, rate, target: str, seed: int) -> None:
    print(f"{statement:<62} {str(rate):<30} target {target:<10} seed {seed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takers", type=int, default=1000, help="simulated takers per experiment")
    n = parser.parse_args().takers
    print(f"{n} simulated takers per experiment; norm group of 300 first attempts (world seed 11)\n")

    bank = real_bank()
    every_question = Generator(with_replaced(bank))
    before = experiments.range_widths(n // 2, before_clips(bank).offered(), every_question, seed=7)
    after = experiments.range_widths(n // 2, bank.offered(), every_question, seed=7)
    with_clips = {q.area for q in bank.offered().questions if q.kind.plays_clips}
    for area in bank.areas:
        row(f"typical 95 % range width, {area.title}", f"{before[area.key]:.1f} -> {after[area.key]:.1f} points",
            "narrower" if area.key in with_clips else "-", 7)
    print()

    for with_norms, label in ((True, "with norms"), (False, "before norms")):
        result = experiments.coverage(n, seed=1, with_norms=with_norms)
        row(f"95 % range covers the true score, areas ({label})", result.areas, "92-98 %", 1)
        row(f"                                 overall ({label})", result.overall, "92-98 %", 1)
        for narrowest, widest, rate in result.by_width:
            row(f"  fifth of range width {narrowest:.0f}-{widest:.0f} points", rate, "92-98 %", 1)
    print()

    calibrated = experiments.calibration(n, seed=2)
    row("self-view flag in the report, no true gap", calibrated.any_flag, "<= 10 %", 2)
    for shift in (1.0, 1.5):
        off = experiments.calibration(n, self_view_shift=shift, seed=2)
        row(f"self-view {shift:g} SD too high flagged (pooled)", off.pooled_over,
            ">= 50 %" if shift == 1 else "-", 2)
        row("  ... and in the area itself", off.area_over, "-", 2)
    print()

    for with_norms, method in ((True, "RCI"), (False, "Wald")):
        for gain, target in ((0.0, "<= 10 %"), (0.5, "-"), (1.0, "-")):
            any_flag, improved = experiments.retakes(n, gain=gain, seed=3, with_norms=with_norms)
            row(f"retake ({method}), true gain {gain:g} SD: any 'clearly'", any_flag, target, 3)
            if gain:
                row("  area 'clearly improved'", improved, "-", 3)
    print()

    words = experiments.headlines(n, seed=4)
    row("band called 'very likely' holds the true score", words["very likely band"], ">= 90 %", 4)
    row("band called 'likely' holds the true score", words["likely band"], ">= 66 %", 4)
    row("area named alone as strongest truly is", words["named strongest"], ">= 90 %", 4)
    row("area named alone as weakest truly is", words["named weakest"], ">= 90 %", 4)
    print()

    for size in (10, 20, 40):
        row(f"dashboard of a random group of {size} with any flag", experiments.group_flags(n // 2, size, seed=6),
            "<= 10 %", 6)
    print()

    for shape in ("engineer", "business", None):
        fits = experiments.path_fits(n, shape, seed=5)
        for key, rate in fits.items():
            target = ("<= 5 %" if key == "producer" and shape else
                      "<= 5 %" if key in ("engineer", "business") and shape != key else "-")
            row(f"path fit, {shape or 'flat'} profile -> {key or 'no path yet'}", rate, target, 5)


if __name__ == "__main__":
    main()

"""What the measurement model achieves on simulated takers (tests/simulation.py): interval
coverage, false and true calibration flags, reliable change, path fit. A script that prints
figures, not a test; docs/measurement.md records its output.

Run: .venv/bin/python benchmarks/measurement.py [--takers 1000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.scoring import band_range, score  # noqa: E402
from tests import simulation  # noqa: E402


def precision(takers: int) -> tuple[float, float, float]:
    """Median area SE, median overall SE, share of area intervals crossing a band boundary."""
    model, rng = simulation.Model(simulation.real_bank()), random.Random(5)
    area_se, overall_se, crossing, areas = [], [], 0, 0
    for _ in range(takers):
        report = score(model.bank, simulation.take(model, simulation._latent_taker(model, rng), rng))
        for area in report.areas:
            if area.estimate:
                areas += 1
                area_se.append(area.estimate.se)
                crossing += " to " in band_range(area.estimate)
        overall_se.append(report.overall_estimate.se)
    return statistics.median(area_se), statistics.median(overall_se), crossing / areas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takers", type=int, default=1000, help="simulated takers per experiment")
    n = parser.parse_args().takers
    print(f"Simulated takers per experiment: {n} (latent-trait model over questions/, 5 % skips)\n")

    area_se, overall_se, crossing = precision(n)
    print(f"median standard error: area {area_se:.1f} points, overall {overall_se:.1f} points")
    print(f"area intervals spanning two or more bands: {100 * crossing:.0f} %\n")

    areas, overall = simulation.coverage(n)
    print(f"95 % interval covers the true score   areas {areas}")
    print(f"                                      overall {overall}\n")

    calibrated = simulation.calibration(n)
    flagged = calibrated["over"].hits + calibrated["under"].hits
    print(f"calibration flag, perfectly calibrated: {simulation.Rate(flagged, calibrated['over'].trials)}"
          f"  (weak: {calibrated['weak']})")
    for overrating in (40, 60):
        verdicts = simulation.calibration(n, overrating=overrating)
        print(f"calibration flag, {overrating}-point overrating:  {verdicts['over']}")
    print()

    improved, lower, overall_change = simulation.retakes(n)
    print(f"retake, no true change: area clearly changed {simulation.Rate(improved.hits + lower.hits, improved.trials)},"
          f" overall {overall_change}")
    for gain in (30, 40):
        improved, _, overall_change = simulation.retakes(n, gain=gain)
        print(f"retake, true {gain}-point gain: area clearly improved {improved}, overall {overall_change}")
    print()

    for shape in ("engineer", "business", None):
        fits = simulation.path_fits(n, shape)
        shown = ", ".join(f"{key or 'no clear lean'} {rate}" for key, rate in fits.items())
        print(f"path fit, {shape or 'flat (noise only)'} profile: {shown}")


if __name__ == "__main__":
    main()

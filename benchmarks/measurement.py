"""What the report's statements achieve on simulated takers (simulation/: a graded-response
generator over the real bank, not the scoring model), every rate beside its target, with the
seeds. A script that prints figures, not a test. With --write, the same run is saved where the
measures page reads it (quiz/web/report/measured.json) and quoted in docs/measurement.md, so
the two cannot disagree (tests/web/report/test_measured.py checks).

Run: .venv/bin/python benchmarks/measurement.py [--takers 1000] [--write]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.domain.scoring import BANDS
from quiz.web.report import measured
from simulation import bands, experiments
from simulation.generator import Generator, real_bank

DOCS = ROOT / "docs" / "measurement.md"
# The self-rated hearing items the clip questions replaced (retired in questions/musicianship.yaml).
REPLACED_BY_CLIPS = ("mus-rate-hear-chords", "mus-rate-hear-tuning")
DRAWS = range(11, 23)  # the generator's seeds for its item parameters; 11 is every other row's


def with_replaced(bank):
    """The bank with the self-rated hearing items the clip questions replaced offered again."""
    return replace(bank, questions=tuple(replace(q, retired=False) if q.id in REPLACED_BY_CLIPS else q
                                         for q in bank.questions))


def before_clips(bank):
    """The bank as it was before the questions that play clips."""
    every = with_replaced(bank)
    return replace(every, questions=tuple(q for q in every.questions if not q.kind.plays_clips))


class Table:
    """The run's rows, section by section, printed as they come."""

    def __init__(self):
        self.sections: list[list[measured.Row]] = [[]]

    def row(self, statement: str, rate: experiments.Rate, target: str, seed: int) -> None:
        found = measured.Row(statement, rate.hits, rate.trials, target, seed)
        self.sections[-1].append(found)
        print(found.line(), flush=True)

    def note(self, statement: str, figure: str, target: str, seed: int) -> None:
        """A row whose figure is not a rate (a range width, before and after)."""
        found = measured.Row(statement, 0, 0, target, seed, figure)
        self.sections[-1].append(found)
        print(found.line(), flush=True)

    def gap(self) -> None:
        self.sections.append([])
        print()


def widths(table: Table, bank, n: int) -> None:
    """Each area's typical range width before the clips and now: for the generator's item
    parameters every other row uses (seed 11), then the mean over DRAWS draws of them, since
    one draw is one imagined set of questions (a question's parameters are seeded, not known)."""
    before_bank, now_bank, every = before_clips(bank).offered(), bank.offered(), with_replaced(bank)
    with_clips = {q.area for q in now_bank.questions if q.kind.plays_clips}
    drawn = []
    for draw in DRAWS:
        every_question = Generator(every, seed=draw)
        drawn.append((experiments.range_widths(n // 2, before_bank, every_question, seed=7),
                      experiments.range_widths(n // 2, now_bank, every_question, seed=7)))
    for area in bank.areas:
        target = "narrower" if area.key in with_clips else "-"  # the other areas' questions are the same
        before, after = drawn[0]
        table.note(f"typical 95 % range width, {area.title}",
                   f"{before[area.key]:.1f} -> {after[area.key]:.1f} points", target, 7)
        if area.key not in with_clips:
            continue
        mean_before, mean_after = (statistics.mean(d[i][area.key] for d in drawn) for i in (0, 1))
        narrower = sum(a[area.key] < b[area.key] for b, a in drawn)
        table.note(f"  mean over {len(DRAWS)} draws of the item parameters",
                   f"{mean_before:.1f} -> {mean_after:.1f} ({narrower} of {len(DRAWS)} narrower)", target, 7)


def ranges(table: Table, n: int) -> None:
    for with_norms, label in ((True, "with norms"), (False, "before norms")):
        result = experiments.coverage(n, seed=1, with_norms=with_norms)
        table.row(f"95 % range covers the true score, areas ({label})", result.areas, "92-98 %", 1)
        table.row(f"                                 overall ({label})", result.overall, "92-98 %", 1)
        for narrowest, widest, rate in result.by_width:
            table.row(f"  fifth of range width {narrowest:.0f}-{widest:.0f} points", rate, ">= 92 %", 1)
        words = bands.band_words(n, seed=4, with_norms=with_norms)
        table.row(f"  range of an area observed 90 or more ({label})", words.high, ">= 90 %", 4)
        table.row(f"  range of an area observed under 10 ({label})", words.low, ">= 90 %", 4)
        for word, said, target in (("sure", "said plainly", ">= 90 %"), ("probably", "'probably'", ">= 66 %")):
            for band in BANDS:
                table.row(f"  {band.label} {said} holds the true score ({label})",
                          words.said[(word, band.key)], target, 4)
        table.gap()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takers", type=int, default=1000, help="simulated takers per experiment")
    parser.add_argument("--write", action="store_true",
                        help="save the figures for the measures page and docs/measurement.md")
    arguments = parser.parse_args()
    n = arguments.takers
    heading = (f"{n} simulated takers per experiment; norm group of 300 first attempts (world seed 11); "
               f"run {datetime.date.today().isoformat()}")
    print(heading, end="\n\n")
    table = Table()

    widths(table, real_bank(), n)
    table.gap()

    ranges(table, n)

    calibrated = experiments.calibration(n, seed=2)
    table.row("self-view flag in the report, no true gap", calibrated.any_flag, "<= 10 %", 2)
    for shift in (1.0, 1.5):
        off = experiments.calibration(n, self_view_shift=shift, seed=2)
        table.row(f"self-view {shift:g} SD too high flagged", off.pooled_over, ">= 50 %" if shift == 1 else "-", 2)
    table.gap()

    for with_norms, method in ((True, "RCI"), (False, "Wald")):
        for gain, target in ((0.0, "<= 10 %"), (0.5, "-"), (1.0, "-")):
            any_flag, improved = experiments.retakes(n, gain=gain, seed=3, with_norms=with_norms)
            table.row(f"retake ({method}), true gain {gain:g} SD: any 'clearly'", any_flag, target, 3)
            if gain:
                table.row("  area 'clearly improved'", improved, "-", 3)
    table.gap()

    named = experiments.headlines(n, seed=4)
    table.row("area named alone as strongest truly is", named["named strongest"], ">= 90 %", 4)
    table.row("area named alone as weakest truly is", named["named weakest"], ">= 90 %", 4)
    table.gap()

    for size in (10, 20, 40):
        table.row(f"dashboard of a random group of {size} with any flag",
                  experiments.group_flags(n // 2, size, seed=6), "<= 10 %", 6)
    table.gap()

    for shape in ("engineer", "business", None):
        fits = experiments.path_fits(n, shape, seed=5)
        for key, rate in fits.items():
            target = ("<= 5 %" if key == "producer" and shape else
                      "<= 5 %" if key in ("engineer", "business") and shape != key else "-")
            table.row(f"path fit, {shape or 'flat'} profile -> {key or 'no path yet'}", rate, target, 5)

    if arguments.write:
        figures = measured.Measured(heading, tuple(tuple(s) for s in table.sections if s))
        measured.FILE.write_text(figures.as_json() + "\n", encoding="utf-8")
        DOCS.write_text(measured.replace_docs_block(DOCS.read_text(encoding="utf-8"), figures), encoding="utf-8")
        print(f"\nwritten: {measured.FILE.relative_to(ROOT)} and {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

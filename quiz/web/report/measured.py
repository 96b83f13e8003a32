"""The simulated rates behind the report's words, as `benchmarks/measurement.py` last measured
them: written by that one run to measured.json, read here by the measures page, and quoted in
docs/measurement.md between its MARKERS by the same run, so the page and the docs cannot differ."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).with_name("measured.json")
MARKERS = ("<!-- measured: start (benchmarks/measurement.py --write) -->", "<!-- measured: end -->")


@dataclass(frozen=True)
class Row:
    statement: str
    hits: int
    trials: int
    target: str
    seed: int
    text: str = ""  # a figure that is no rate, said as it is (a range width before -> after)

    @property
    def rate(self) -> float:
        return self.hits / self.trials if self.trials else math.nan

    @property
    def se(self) -> float:
        """Binomial standard error of the rate."""
        return math.sqrt(self.rate * (1 - self.rate) / self.trials) if self.trials else math.nan

    def figure(self) -> str:
        if self.text:
            return self.text
        if not self.trials:
            return "none said"
        return f"{100 * self.rate:.1f} % ({self.hits}/{self.trials}, SE {100 * self.se:.1f})"

    def line(self) -> str:
        return f"{self.statement:<62} {self.figure():<30} target {self.target:<10} seed {self.seed}"


@dataclass(frozen=True)
class Measured:
    heading: str  # what was run: takers per experiment, norm group, date
    sections: tuple[tuple[Row, ...], ...]

    def lines(self) -> list[str]:
        out = [self.heading, ""]
        for section in self.sections:
            out += [row.line() for row in section] + [""]
        return out[:-1]

    def as_json(self) -> str:
        return json.dumps({"heading": self.heading,
                           "sections": [[row.__dict__ for row in section] for section in self.sections]}, indent=1)


def parse(text: str) -> Measured:
    data = json.loads(text)
    return Measured(data["heading"], tuple(tuple(Row(**row) for row in section) for section in data["sections"]))


def latest() -> Measured:
    """Read afresh each time: a small file, read by one rarely visited page."""
    return parse(FILE.read_text(encoding="utf-8"))


def docs_block(measured: Measured) -> str:
    """The block docs/measurement.md quotes, between its markers."""
    return "\n".join([MARKERS[0], "```", *measured.lines(), "```", MARKERS[1]])


def replace_docs_block(document: str, measured: Measured) -> str:
    start, end = document.index(MARKERS[0]), document.index(MARKERS[1]) + len(MARKERS[1])
    return document[:start] + docs_block(measured) + document[end:]

"""What a question that plays clips asks the app to generate, as written in the YAML:

    stimulus: {kind: pitch, reference_hz: 440, offset_cents: -25}

A `Stimulus` is that mapping checked against its kind's fields and frozen (hashable: it is part
of a question, and clips are cached by it). Its seed, for any noise in its clips, is derived
from its own content, so the same stimulus always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

Value = str | float


@dataclass(frozen=True)
class Field:
    """One setting of a kind: a word from `choices`, or a number from `low` to `high`."""

    name: str
    choices: tuple[str, ...] = ()
    low: float = 0.0
    high: float = 0.0
    whole: bool = False  # a count: whole numbers only

    def problem(self, value: object) -> str | None:
        if self.choices:
            if value not in self.choices:
                return f"{self.name} must be {' or '.join(self.choices)}, not {value!r}"
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not self.low <= value <= self.high:
            return f"{self.name} must be a number from {self.low:g} to {self.high:g}, not {value!r}"
        if self.whole and not float(value).is_integer():
            return f"{self.name} must be a whole number, not {value!r}"
        return None


class Kind(Protocol):
    """A kind of stimulus: one module each (pitch, chord, timing, level, eq, dynamics, stereo),
    each a subclass, so it inherits `credit`."""

    name: str
    fields: tuple[Field, ...]
    answers: tuple[str, ...]  # the option ids a question of this kind chooses from, in the order shown

    def answer(self, stimulus: Stimulus) -> str:
        """The option id that is physically right."""

    def credit(self, stimulus: Stimulus, answer: str) -> float:
        """The share of the points `answer` earns: all for the right one, none for the others
        unless a kind says what part of the stimulus a wrong answer still heard right (a
        chord's third). The bank holds every question's points to it."""
        return 1.0 if answer == self.answer(stimulus) else 0.0

    def step(self, stimulus: Stimulus) -> str:
        """How hard it is, in the unit that grades it: "25 cents", "1.5 dB"."""

    def clips(self, stimulus: Stimulus) -> tuple[tuple[str, np.ndarray], ...]:
        """Each clip's label (what the player is called) and its signal."""


@dataclass(frozen=True)
class Stimulus:
    kind: str
    values: tuple[tuple[str, Value], ...]  # every field of the kind, in the kind's order

    def __getitem__(self, name: str) -> Value:
        return dict(self.values)[name]

    def number(self, name: str) -> float:
        return float(self[name])

    def as_dict(self) -> dict:
        """As written in the YAML and stored with the question version."""
        return {"kind": self.kind, **{name: _plain(value) for name, value in self.values}}

    @property
    def seed(self) -> int:
        text = json.dumps(self.as_dict(), sort_keys=True)
        return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


def _plain(value: Value) -> Value:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def parse(data: object, kinds: Mapping[str, Kind]) -> tuple[Stimulus | None, list[str]]:
    """The stimulus of raw data, or what is wrong with it."""
    if not isinstance(data, Mapping):
        return None, ["stimulus must be a mapping such as {kind: pitch, reference_hz: 440, offset_cents: -25}"]
    kind = kinds.get(data["kind"]) if isinstance(data.get("kind"), str) else None  # a list: no kind
    if kind is None:
        return None, [f"stimulus kind must be one of {', '.join(kinds)}, not {data.get('kind')!r}"]
    names = {f.name for f in kind.fields}
    problems = [f"a {kind.name} stimulus has no field {name!r} (it takes {', '.join(sorted(names))})"
                for name in data if name != "kind" and name not in names]
    values = []
    for spec in kind.fields:
        if spec.name not in data:
            problems.append(f"the {kind.name} stimulus needs {spec.name}")
        elif (problem := spec.problem(data[spec.name])) is not None:
            problems.append(problem)
        else:
            value = data[spec.name]
            values.append((spec.name, value if spec.choices else float(value)))
    if problems:
        return None, problems
    return Stimulus(kind.name, tuple(values)), []

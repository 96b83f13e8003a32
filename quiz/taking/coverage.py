"""Which areas an attempt's answers would leave without a score, said before the taker finishes.

The rule, in this one place: an area is scored once at least two thirds of its questions'
weight is answered. A stand-in for the scoring engine's own `unscored_areas` (issue 22), which
applies the same rule; replace the calls with it when it lands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .attempts import Section

ENOUGH_WEIGHT = 2 / 3


def unscored_areas(sections: Iterable[Section], answers: Mapping[str, object]) -> list[Section]:
    """The sections whose area these answers leave unscored, in order."""
    return [s for s in sections
            if sum(q.weight for q in s.questions if answers.get(q.id)) < ENOUGH_WEIGHT * sum(q.weight for q in s.questions)]

"""Generated audio clips, keyed by physics: a question that plays clips names a stimulus
(`{kind: pitch, reference_hz: 440, offset_cents: -25}`), the kind works out which answer is
physically right and renders the clips - the same stimulus, the same bytes.

Pure Python with numpy for the signals and the standard library's `wave` for the files:
no Flask, no SQLAlchemy. How and why: docs/ (the page on questions that play clips).
"""

from __future__ import annotations

from collections.abc import Mapping

from quiz.domain.audio.chord import Chord
from quiz.domain.audio.clips import Clip, level_check, rendered
from quiz.domain.audio.dynamics import Dynamics
from quiz.domain.audio.eq import Eq
from quiz.domain.audio.level import Level
from quiz.domain.audio.pitch import Pitch
from quiz.domain.audio.stereo import Stereo
from quiz.domain.audio.stimulus import Field, Kind, Stimulus
from quiz.domain.audio.stimulus import parse as _parse
from quiz.domain.audio.timing import Timing
from quiz.domain.caches import LRUCache

KINDS: dict[str, Kind] = {kind.name: kind for kind in
                          (Pitch(), Chord(), Timing(), Level(), Eq(), Dynamics(), Stereo())}


def parse(data: object) -> tuple[Stimulus | None, list[str]]:
    """The stimulus written in a question, or what is wrong with it."""
    return _parse(data, KINDS)


def kind_of(stimulus: Stimulus) -> Kind:
    return KINDS[stimulus.kind]


def render(stimulus: Stimulus) -> tuple[Clip, ...]:
    """The stimulus's clips, in the order they are played."""
    return rendered(kind_of(stimulus), stimulus)


# Rendered clips, by stimulus and by name: 64 stimuli of at most 300 KB each.
_rendered: LRUCache[Stimulus, tuple[Clip, ...]] = LRUCache(64)
_named: LRUCache[str, Clip] = LRUCache(128)
_level_check: LRUCache[str, Clip] = LRUCache(1)
# Which clip name belongs to which stimulus, for the last sets of stored stimuli asked about.
_owners: LRUCache[frozenset[Stimulus], dict[str, Stimulus]] = LRUCache(2)


def clips(stimulus: Stimulus) -> tuple[Clip, ...]:
    """`render`, once per process while the stimulus is in use; each clip can then be found
    by its name (`clip_named`)."""
    found = _rendered.get(stimulus)
    if found is None:
        found = _rendered.put(stimulus, render(stimulus))
    for clip in found:
        _named.put(clip.name, clip)
    return found


def level_check_clip() -> Clip:
    return _level_check.get_or_compute("level-check", level_check)


def clip_among(stimuli: frozenset[Stimulus], name: str) -> Clip | None:
    """The clip called `name` among the clips of `stimuli`, or None. Which name belongs to which
    stimulus is worked out once per set of stimuli, so asking for a name that is no clip costs
    a lookup, not a render of every stimulus."""
    owners = _owners.get(stimuli)
    if owners is None:
        owners = _owners.put(stimuli, {clip.name: s for s in stimuli for clip in render(s)})
    owner = owners.get(name)
    return next(clip for clip in clips(owner) if clip.name == name) if owner else None


def clip_named(name: str) -> Clip | None:
    """A clip rendered in this process (or the level check tone) by its name."""
    tone = level_check_clip()
    return tone if name == tone.name else _named.get(name)


def from_dict(data: Mapping) -> Stimulus:
    """A stimulus stored by this app (checked when it was saved)."""
    stimulus, problems = parse(data)
    if stimulus is None:
        raise ValueError("; ".join(problems))
    return stimulus


__all__ = ["KINDS", "Clip", "Field", "Kind", "Stimulus", "clip_among", "clip_named", "clips", "from_dict", "kind_of",
           "level_check_clip", "parse", "render"]

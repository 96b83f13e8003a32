"""Which words changed between two versions of a text: each side cut into pieces that are the
same in both, or removed (old side) or added (new side), for the version comparison.

Numbers (2.5 whole), words, runs of punctuation and runs of white space are the tokens, matched by difflib's
SequenceMatcher; each side's pieces read back as that side's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, REMOVED, ADDED = "same", "removed", "added"
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, REMOVED or ADDED
    text: str


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one kind as one, and the space between two changed words counted
    in the change: "the <del>buffer size</del>", not "the <del>buffer</del> <del>size</del>"."""
    joined: list[Piece] = []
    for index, piece in enumerate(pieces):
        between_changes = 0 < index < len(pieces) - 1 and piece.text.isspace() \
            and pieces[index - 1].kind != SAME and pieces[index + 1].kind != SAME
        if between_changes:
            piece = Piece(pieces[index - 1].kind, piece.text)
        if joined and joined[-1].kind == piece.kind:
            joined[-1] = Piece(piece.kind, joined[-1].text + piece.text)
        else:
            joined.append(piece)
    return joined


def changed_words(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old text as SAME and REMOVED pieces, the new one as SAME and ADDED pieces."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    before: list[Piece] = []
    after: list[Piece] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(old_tokens[old_start:old_end]), "".join(new_tokens[new_start:new_end])
        if operation == "equal":
            before.append(Piece(SAME, removed))
            after.append(Piece(SAME, added))
            continue
        if removed:
            before.append(Piece(REMOVED, removed))
        if added:
            after.append(Piece(ADDED, added))
    return _joined(before), _joined(after)

"""Resume codes: short enough to write down, read out or type, made from one alphabet that
both the generator and the check for typed codes use."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
HALF = 5  # shown as two halves of five, ABCDE-FGH23: 10 characters, 50 bits
PATTERN = re.compile(rf"^[{ALPHABET}]{{{HALF}}}-?[{ALPHABET}]{{{HALF}}}$")


def new() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(2 * HALF))
    return f"{code[:HALF]}-{code[HALF:]}"


def normalised(typed: str) -> str | None:
    """The stored form of a code as a person typed it (any case, spaces, with or without
    the dash), or None when it cannot be a code."""
    code = typed.strip().upper().replace(" ", "")
    if not PATTERN.match(code):
        return None
    code = code.replace("-", "")
    return f"{code[:HALF]}-{code[HALF:]}"

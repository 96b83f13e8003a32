"""Codes people copy by hand - resume codes and group join codes: short enough to write down,
read out or type, from one alphabet that both the generator and the check for typed codes use."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class CodeFormat:
    """Codes shown as two halves joined by a dash, ABCDE-FGH23."""

    half: int

    @property
    def pattern(self) -> re.Pattern:
        return re.compile(rf"^[{ALPHABET}]{{{self.half}}}-?[{ALPHABET}]{{{self.half}}}$")

    def new(self) -> str:
        code = "".join(secrets.choice(ALPHABET) for _ in range(2 * self.half))
        return f"{code[:self.half]}-{code[self.half:]}"

    def normalised(self, typed: str) -> str | None:
        """The stored form of a code as a person typed it (any case, spaces, with or without
        the dash), or None when it cannot be such a code."""
        code = typed.strip().upper().replace(" ", "")
        if not self.pattern.match(code):
            return None
        code = code.replace("-", "")
        return f"{code[:self.half]}-{code[self.half:]}"


RESUME = CodeFormat(5)  # 10 characters, 50 bits: an attempt's answers
JOIN = CodeFormat(4)  # 8 characters, 40 bits: only joins a group, and guessing is throttled

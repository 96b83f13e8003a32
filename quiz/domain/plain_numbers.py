"""Numbers as people write them: the digits 0-9, at most one decimal point, and a leading
minus. Python's float() also takes `1_0` (as 10), `٣` (Arabic-Indic 3), `1e3`, `inf` and
`nan`; a person who typed any of those meant something else or made a slip (issue 32)."""

from __future__ import annotations

import re

PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")  # 2, 2.5, 2., .5, -1
HOW_TO_WRITE_ONE = "the digits 0 to 9 with at most one decimal point, such as 1 or 2.5"


def plain_number(text: str) -> float | None:
    """`text` (spaces around it aside) as a float if it is a plain number; None if it is not."""
    text = text.strip()
    return float(text) if PLAIN_NUMBER.fullmatch(text) else None

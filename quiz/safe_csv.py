"""CSV for spreadsheets: a text cell that a spreadsheet would run as a formula is written
with a leading apostrophe (OWASP's rule), so text from the bank or a taker stays text."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: object) -> object:
    """Numbers stay numbers (a negative change is not a formula); text that starts like a
    formula gets the apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class Writer:
    """`csv.writer` with every cell neutralised."""

    def __init__(self, out: IO[str], **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralised(cell) for cell in row])

"""CSV for spreadsheets: text that a spreadsheet would run as a formula gets a leading
apostrophe (OWASP's rule), so text from the bank or a taker stays text.

A spreadsheet may split the file on ';' or a tab instead of ',' (many do, by locale), and a line
break inside a quoted cell starts a new row for one that ignores the quotes. So not only a cell's
first character counts: wherever a separator or line break inside a cell could begin a cell of
its own, what follows it (after any spaces or quotes) is defused the same way."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a cell can begin under some split - the start, or after a ',' ';' tab or line break,
# then spaces or quotes - followed by a formula's first character: the apostrophe goes there.
_FORMULA_AT_A_CELL_START = re.compile(r"""(?:^|(?<=[,;\t\r\n]))[ "]*(?=[=+\-@\t\r])""")


def neutralised(cell: object) -> object:
    """Numbers stay numbers (a negative change is not a formula); text gets an apostrophe
    before each formula that could start a cell."""
    if isinstance(cell, str):
        return _FORMULA_AT_A_CELL_START.sub(lambda found: found.group() + "'", cell)
    return cell


# First in a file, the byte order mark tells a spreadsheet the text is UTF-8: Excel on Windows
# reads a CSV without one in the machine's code page, and "Chloé" comes out as "ChloÃ©".
BOM = "\ufeff"


def for_spreadsheets(rows: Iterable[Iterable[object]]) -> str:
    """The rows as a CSV file a spreadsheet opens as written: the byte order mark, CRLF line
    ends, every cell neutralised."""
    out = io.StringIO()
    out.write(BOM)
    writer = Writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


class Writer:
    """`csv.writer` with every cell neutralised."""

    def __init__(self, out: IO[str], **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralised(cell) for cell in row])

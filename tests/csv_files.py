"""Reading the instructor's CSVs (quiz/platform/attempt_csv.py) by their ids: the byte order
mark dropped, the first header row (the names) skipped, the second (the ids) as the keys."""

from __future__ import annotations

import csv
import io


def rows_by_id(body: str) -> list[dict[str, str]]:
    lines = io.StringIO(body.removeprefix("\ufeff"), newline="")
    next(csv.reader(lines))  # the names
    return list(csv.DictReader(lines))

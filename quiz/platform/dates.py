"""The calendar groups open and close by: the date in UTC, the same for every server."""

from __future__ import annotations

from datetime import date, datetime, timezone


def today() -> date:
    return datetime.now(timezone.utc).date()

"""Where a form may send the browser next: only ever a path within this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None) -> str:
    """Only ever redirect within this site: a path, never a host or scheme. Browsers drop
    tabs and newlines and read '\\' as '/', so a target with any of those is refused too.
    Anything else goes to the instructor's question list."""
    if target:
        parts = urlsplit(target)
        if (not parts.scheme and not parts.netloc and target.startswith("/")
                and not target.startswith("//") and "\\" not in target
                and not any(c.isspace() or ord(c) < 32 for c in target)):
            return target
    return url_for("instructor.questions")

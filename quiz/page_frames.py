"""Whole pages kept as frames: rendered once with stand-ins for what differs per request, then
filled in per request by joining strings.

A page that is the same for every visitor but for a few values - the CSRF token, the attempt's
link, its answers - costs a template render the first time and a join after that. Stand-ins are
random letters and digits, which neither HTML escaping nor URL quoting changes, so each lands
in the page exactly as written and is found again by a plain search.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from flask import session
from markupsafe import Markup

from .auth.sessions import nobody_signed_in

_PREFIX = f"slot{secrets.token_hex(8)}"
_PLAIN = re.compile(r"[A-Za-z0-9_.-]*")  # text HTML escaping and URL quoting leave unchanged


@dataclass(frozen=True)
class Frame:
    # The page's text, encoded once, and slot names in turn: text, slot, text, ..., text.
    pieces: tuple[bytes | str, ...]

    def fill(self, values: Mapping[str, str]) -> bytes:
        """The page, UTF-8, with each slot's value: Markup as it is, any other text only if
        escaping and quoting would leave it as it is (what the template would have written)."""
        for name, value in values.items():
            if not isinstance(value, Markup) and not _PLAIN.fullmatch(value):
                raise ValueError(f"slot {name!r} needs escaping: {value!r}")
        pieces = list(self.pieces)
        for i in range(1, len(pieces), 2):
            pieces[i] = values[pieces[i]].encode()
        return b"".join(pieces)


def make_frame(render: Callable[[Mapping[str, str]], str], slots: Sequence[str]) -> Frame:
    """The page `render` gives when handed a stand-in for each of `slots`, split at them."""
    stand_ins = {name: f"{_PREFIX}{name}" for name in slots}
    page = render(stand_ins)
    pieces = re.split(f"{_PREFIX}({'|'.join(map(re.escape, slots))})", page)
    return Frame(tuple(piece if i % 2 else piece.encode() for i, piece in enumerate(pieces)))


def shared_page_allowed() -> bool:
    """Whether this request may get a page that is the same for every visitor: nobody is
    signed in (who would see their own header) and no message is waiting to be shown."""
    return nobody_signed_in() and "_flashes" not in session

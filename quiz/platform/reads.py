"""How a page reads the database, as a stated rule: a GET (or HEAD) page reads through a Core
connection of its own, and opens no ORM session - a page that only shows stored rows needs no
identity map, no unit of work and no transaction to commit (measured: 5-6 % of the section
and report pages). A POST reads in the request's ORM session, inside the transaction its
writes join, so what it read and what it writes agree; so does code outside a request (the CLI)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import has_request_context, request
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from quiz.platform.extensions import db


@contextmanager
def reader() -> Iterator[Connection | Session]:
    """What to `execute` a page's reads on, by the rule above: one connection for all of them."""
    if has_request_context() and request.method in ("GET", "HEAD"):
        with db.engine.connect() as connection:
            yield connection
    else:
        yield db.session

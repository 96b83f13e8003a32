"""How a page reads the database, as a stated rule: a GET (or HEAD) page reads through a Core
connection of its own, and opens no ORM session - a page that only shows stored rows needs no
identity map, no unit of work and no transaction to commit (measured: 5-6 % of the section
and report pages). A POST reads in the request's ORM session, inside the transaction its
writes join, so what it read and what it writes agree; so does code outside a request (the CLI)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import has_request_context, request
from sqlalchemy import Executable, Row

from quiz.platform.extensions import db


def rows(statement: Executable, parameters: Mapping[str, object]) -> Sequence[Row]:
    """Every row of a read, by the rule above."""
    if has_request_context() and request.method in ("GET", "HEAD"):
        with db.engine.connect() as connection:
            return connection.execute(statement, parameters).all()
    return db.session.execute(statement, parameters).all()

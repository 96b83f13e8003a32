"""The one converter for integers in URLs: a whole number from 1 to the largest a PostgreSQL
INTEGER column holds, written with the digits 0-9 and no leading zero.

Werkzeug's `int` converter takes any run of digits - Unicode digits such as `٣` included - so
`/instructor/groups/2147483648` reached the database: out of range on PostgreSQL, an
OverflowError in SQLite (issue 32), a 500 either way. Anything this converter does not match is
a 404 before any view runs.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter, ValidationError

from quiz.domain.bank.rules import ID_PATTERN

NAME = "positive"  # in a route: <positive:group_id>
LARGEST = 2**31 - 1  # PostgreSQL INTEGER (and SQLAlchemy's Integer on every database)


class PositiveIntegerConverter(BaseConverter):
    regex = r"[1-9][0-9]{0,9}"  # at most ten digits: what LARGEST has
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST:
            raise ValidationError()
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


class QuestionIdConverter(BaseConverter):
    """A question id as the bank's rules write one (`quiz.domain.bank.rules.ID_PATTERN`): any
    other text - a NUL, a quote, 300 characters - is a 404 before a query is built from it."""

    regex = ID_PATTERN.pattern.removeprefix("^").removesuffix("$")
    part_isolating = True


def init_app(app: Flask) -> None:
    """Register the converters; before any blueprint adds a route that uses them."""
    app.url_map.converters[NAME] = PositiveIntegerConverter
    app.url_map.converters["question_id"] = QuestionIdConverter

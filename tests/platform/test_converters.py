"""Integers in URLs (issue 32): `/instructor/groups/2147483648` was a 500 on PostgreSQL (out of
range for INTEGER) and `.../9223372036854775808` on SQLite (OverflowError). Every integer in a
URL goes through one converter that matches only 1 to 2**31 - 1: anything else is 404."""

from __future__ import annotations

import re

import pytest

from quiz.platform.converters import LARGEST, NAME, PositiveIntegerConverter
from tests.takers import form_token

OUT_OF_RANGE = ["0", "-1", "2147483648", "9223372036854775808", "99999999999999999999",
                "01", "1.0", "1e3", "1_0", "٣", "３", "+1", "%201"]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def converters(rule) -> list[str]:
    return [converter or "default" for converter, _ in PARAMETER.findall(rule.rule)]


def integer_rules(app):
    return [rule for rule in app.url_map.iter_rules() if NAME in converters(rule)]


def test_no_route_takes_an_unbounded_number(app):
    """Werkzeug's own int and float converters take any run of digits (Unicode ones too)."""
    for rule in app.url_map.iter_rules():
        assert not {"int", "float"} & set(converters(rule)), rule.rule
    assert app.url_map.converters[NAME] is PositiveIntegerConverter
    assert len(integer_rules(app)) >= 9  # a section, two version pages, six group pages


def url_with(rule, number: str, values: dict) -> str:
    def part(match):
        converter, name = match.groups()
        return number if converter == NAME else values.get(name, "x")
    return PARAMETER.sub(part, rule.rule)


@pytest.fixture
def sample_values(taker, offered_bank):
    return {"token": taker.start(), "question_id": offered_bank.questions[0].id}


def send(client, rule, url: str, csrf: str):
    if "GET" in rule.methods:
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf})


def test_every_integer_in_every_url_is_404_out_of_range(app, signed_in, sample_values):
    csrf = form_token(signed_in, "/instructor/")
    answered = []
    for rule in integer_rules(app):
        for number in OUT_OF_RANGE:
            url = url_with(rule, number, sample_values)
            response = send(signed_in, rule, url, csrf)
            answered.append((url, response.status_code))
    assert {status for _, status in answered} == {404}, [a for a in answered if a[1] != 404]


def test_the_largest_integer_is_looked_up_and_not_found(app, signed_in, sample_values):
    """2**31 - 1 reaches the view (and the database) and is simply not there: 404, never 500."""
    csrf = form_token(signed_in, "/instructor/")
    for rule in integer_rules(app):
        url = url_with(rule, str(LARGEST), sample_values)
        assert send(signed_in, rule, url, csrf).status_code == 404, url


def test_urls_are_built_and_read_back_the_same(app):
    with app.test_request_context():
        from flask import url_for
        assert url_for("groups.show", group_id=42) == "/instructor/groups/42"
    adapter = app.url_map.bind("quiz.test")
    assert adapter.match("/instructor/groups/42") == ("groups.show", {"group_id": 42})

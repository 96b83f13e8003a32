"""Numbers people type (issue 32): Python's float() reads `1_0` as 10 and `٣` as 3; a plain
number is the digits 0-9, at most one decimal point and a leading minus."""

from __future__ import annotations

import pytest

from quiz.domain.plain_numbers import plain_number


@pytest.mark.parametrize("text, number", [
    ("1", 1.0), ("2.5", 2.5), ("-1", -1.0), (".5", 0.5), ("2.", 2.0), (" 3 ", 3.0), ("007", 7.0),
    ("0", 0.0), ("100", 100.0),
])
def test_plain_numbers_are_read(text, number):
    assert plain_number(text) == number


@pytest.mark.parametrize("text", [
    "1_0", "٣", "３", "१", "1e3", "1E3", "inf", "-inf", "nan", "Infinity", "+1", "1.2.3", "1,5", "",
    " ", "-", ".", "--1", "0x10", "1 000", "½", "²", "1\n2", "1\u00a0000",
])
def test_anything_else_is_not_a_number(text):
    assert plain_number(text) is None


def test_a_plain_number_too_large_for_a_float_is_infinite_for_the_range_check_to_refuse():
    assert plain_number("9" * 400) == float("inf")

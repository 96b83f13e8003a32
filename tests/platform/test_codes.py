"""Codes people copy by hand: read forgivingly, made only of the alphabet the check accepts."""

from __future__ import annotations

import pytest

from quiz.platform import codes


@pytest.mark.parametrize("typed", ["abcde fgh23", "ABCDEFGH23", " abcde-fgh23 ", "ABCDE-FGH23"])
def test_resume_codes_are_read_forgivingly(typed):
    assert codes.RESUME.normalised(typed) == "ABCDE-FGH23"


@pytest.mark.parametrize("typed", ["ABCDE-FGH2O", "ABCDE-FGHI3", "ABCD-FGH23", "ABCDE--FGH23", "ABCD-EFGH"])
def test_codes_with_letters_outside_the_alphabet_or_the_wrong_length_are_not_resume_codes(typed):
    """O and I (easily read as 0 and 1) are never in a code; the check uses the same alphabet."""
    assert codes.RESUME.normalised(typed) is None


@pytest.mark.parametrize("typed, expected", [("k7px m3qa", "K7PX-M3QA"), ("K7PXM3QA", "K7PX-M3QA"),
                                             ("K7PX-M3Q0", None), ("ABCDE-FGH23", None)])
def test_join_codes_have_halves_of_four(typed, expected):
    assert codes.JOIN.normalised(typed) == expected


@pytest.mark.parametrize("code_format", [codes.RESUME, codes.JOIN])
def test_new_codes_pass_their_own_check(code_format):
    made = [code_format.new() for _ in range(200)]
    assert all(code_format.normalised(code) == code for code in made)
    assert not set("".join(made)) - set(codes.ALPHABET) - {"-"}
    assert len(set(made)) == len(made)

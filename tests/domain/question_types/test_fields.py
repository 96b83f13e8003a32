"""The field models every question type builds on, read on their own: how a number is refused
(pydantic's own error types, so the bank's schema words them), and which types write options."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from quiz.domain.plain_numbers import HOW_TO_WRITE_ONE
from quiz.domain.question_types import BY_NAME
from quiz.domain.question_types.fields import PointsOption


def _error(points) -> dict:
    with pytest.raises(ValidationError) as refused:
        PointsOption.model_validate({"id": "a", "text": "A", "points": points})
    [error] = refused.value.errors()
    return {key: error.get(key) for key in ("type", "msg", "ctx")}


class _AnyNumber(BaseModel):
    value: float


def test_true_or_false_is_refused_as_no_number_at_all():
    # pydantic would read true as 1: refused with the very error it gives any other non-number
    with pytest.raises(ValidationError) as plain:
        _AnyNumber(value=[1])
    [expected] = plain.value.errors()
    assert _error(True) == {"type": expected["type"], "msg": expected["msg"], "ctx": None}


@pytest.mark.parametrize("written", ["1e3", "1_0", "inf"])
def test_a_number_typed_as_text_must_be_plain_digits_and_says_how(written):
    assert _error(written) == {"type": "float_parsing", "msg": f"write it with {HOW_TO_WRITE_ONE}",
                               "ctx": {"how": HOW_TO_WRITE_ONE}}


def test_only_a_type_with_written_options_has_an_option_model():
    assert BY_NAME["single_choice"].option_model is PointsOption
    assert BY_NAME["single_choice"].option_fields == ("feedback", "points")
    rating = BY_NAME["self_rating"]  # brings its own scale
    assert (rating.option_model, rating.option_fields) == (None, ())

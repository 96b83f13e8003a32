"""The fields every question and option has, as pydantic models with unknown keys refused
(`extra="forbid"`): the vocabulary each question type builds its own model from (its `fields`
class attribute, a subclass of `QuestionFields`, with `options` of its own option model). The
bank's schema (`quiz.domain.bank.schema`) checks data against them and says each fault in plain
words.

Pure Python apart from pydantic.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StringConstraints
from pydantic_core import PydanticCustomError

from quiz.domain.plain_numbers import HOW_TO_WRITE_ONE, plain_number

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_TEXT = 2000
MAX_LABEL = 48  # a question's short label, as the report and the statistics name it
# Weights (a question's, an area's) are above 0 and at most MAX_WEIGHT; an option's points
# are from 0 to MAX_POINTS. Both finite: an infinite or NaN value breaks every score it is in.
MAX_WEIGHT = 100
MAX_POINTS = 100
MAX_OPTIONS = 20  # per question


def _number(value: Any) -> Any:
    """A number as written: true/false is no number (pydantic would read it as 1 or 0), an
    int too large for a float is infinite (and then refused as not finite), and a number typed
    as text (the editor's fields) is plain digits - never float()'s `1_0`, `٣`, `1e3` or `inf`."""
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    if isinstance(value, str):
        if (number := plain_number(value)) is None:
            raise PydanticCustomError("float_parsing", "write it with {how}", {"how": HOW_TO_WRITE_ONE})
        return number
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    return value


def _blank_is_empty(value: Any) -> Any:
    """YAML's `feedback:` with nothing after it is None: the same as no feedback."""
    return "" if value is None else value


def _blank_is_none(value: Any) -> Any:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _comma_list(value: Any) -> Any:
    """Topics may be written as one comma-separated string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [] if value is None else value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str, BeforeValidator(_blank_is_empty),
                         StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
Reference = Annotated[Id | None, BeforeValidator(_blank_is_none)]  # an id of something in the catalog
Label = Annotated[Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_LABEL)] | None,
                  BeforeValidator(_blank_is_none)]
Weight = Annotated[float, BeforeValidator(_number), Field(gt=0, le=MAX_WEIGHT)]
Points = Annotated[float, BeforeValidator(_number), Field(ge=0, le=MAX_POINTS)]
Topics = Annotated[list[Id], BeforeValidator(_comma_list), Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys refused, numbers finite, numbers written where text is due read as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              coerce_numbers_to_str=True)


# --- options -------------------------------------------------------------------------------

class OptionFields(Strict):
    """What every written option has; each type's options add their own fields."""

    id: Id
    text: Text
    feedback: OptionalText = ""


class PointsOption(OptionFields):
    """An option worth its points (scenarios, checklists)."""

    points: Points = 0.0


# --- questions -----------------------------------------------------------------------------

class QuestionFields(Strict):
    """The fields every question has, whatever its type. A type's model subclasses this one,
    adding its own fields and, where it takes written options, `options` of its option model."""

    id: Id
    area: Id
    type: Id
    label: Label = None
    prompt: Text
    weight: Weight = 1.0
    topics: Topics = Field(default=[], validate_default=True)  # none given: "cover at least one"
    feedback: OptionalText = ""
    rationale: OptionalText = ""
    next_step: Reference = None
    resource: Reference = None
    retired: StrictBool = False

    def own_fields(self) -> dict:
        """The fields only this model's type has (not the options), as the plain question takes them."""
        return {name: getattr(self, name) for name in type(self).model_fields
                if name not in QuestionFields.model_fields and name != "options"}


def with_options(option_model: type[OptionFields]) -> Any:
    """The `options` field of a type whose options are `option_model`s."""
    return Annotated[list[option_model], BeforeValidator(blank_is_empty_list),
                     Field(max_length=MAX_OPTIONS)]


def blank_is_empty_list(value: Any) -> Any:
    return [] if value is None else value


class PointsQuestion(QuestionFields):
    """A question whose options are worth their points (the default for a type with options)."""

    options: with_options(PointsOption) = []


def option_model(fields: type[QuestionFields]) -> type[OptionFields] | None:
    """The model of one option of a question model; None when it takes no written options."""
    options = fields.model_fields.get("options")
    return get_args(options.annotation)[0] if options else None

"""Every form of the app gets the NUL rule by deriving from quiz.platform.forms."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from wtforms import Form, StringField, TextAreaField

import quiz
from quiz.platform.forms import NUL_REFUSED, QuizForm, Subform


def every_subclass(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | every_subclass(sub)
    return found


def test_every_form_of_the_app_refuses_nul():
    for info in pkgutil.walk_packages(quiz.__path__, prefix="quiz."):
        importlib.import_module(info.name)
    ours = {c for c in every_subclass(Form) if c.__module__.startswith("quiz.")}
    assert {c for c in ours if c not in (QuizForm, Subform)}, "the app's forms were found"
    strays = {c.__qualname__ for c in ours if not issubclass(c, (QuizForm, Subform))}
    assert strays == set()
    assert {c for c in every_subclass(FlaskForm) if c.__module__.startswith("quiz.")} <= every_subclass(QuizForm) | {QuizForm}


class Note(Subform):
    text = TextAreaField()
    tag = StringField()


def test_a_text_field_with_nul_is_a_400_with_a_plain_message(app):
    with app.test_request_context(method="POST"), pytest.raises(BadRequest) as refused:
        Note(MultiDict({"text": "fine", "tag": "a\0b"}))
    assert refused.value.description == NUL_REFUSED
    with app.test_request_context(method="POST"):
        assert Note(MultiDict({"text": "fine", "tag": "ab"})).tag.data == "ab"

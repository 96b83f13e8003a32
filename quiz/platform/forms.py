"""The base of every form: Flask-WTF's FlaskForm, with one rule for every text field - no NUL
character (\\0). No field needs one and PostgreSQL cannot store text that holds one, so the
field refuses it with 400 and a plain message as the form reads the request, before the view,
the bank's rules or the database see it.

Added as a filter through WTForms' documented `Meta.bind_field` hook, so a new text field has
the rule without asking for it. Everything else a request brings is already held to a pattern: answers
must be option ids, links and codes match their patterns, numbers in URLs are bounded."""

from __future__ import annotations

from flask import abort
from flask_wtf import FlaskForm
from wtforms import Form as PlainForm
from wtforms import StringField
from wtforms.meta import DefaultMeta

NUL_REFUSED = ("What was sent contains a NUL character (\\0), which no page of this site "
               "accepts. Nothing from it was saved: remove the character and try again.")


def refuse_nul(value):
    if isinstance(value, str) and "\0" in value:
        abort(400, NUL_REFUSED)
    return value


class _RefusingNul:
    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField):  # text areas and passwords are string fields too
            field.filters = (refuse_nul, *field.filters)
        return field


class QuizForm(FlaskForm):
    """Every page's form (with Flask-WTF's CSRF token)."""

    class Meta(_RefusingNul, FlaskForm.Meta):
        pass


class Subform(PlainForm):
    """A form repeated inside a page's form (a FieldList of FormFields): no token of its own."""

    class Meta(_RefusingNul, DefaultMeta):
        pass

from __future__ import annotations

import re

from sqlalchemy import select
from wtforms import DateField, EmailField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from quiz.platform.dates import today
from quiz.platform.extensions import db
from quiz.platform.forms import QuizForm
from quiz.platform.models import Instructor

# What a date input sends; Python's strptime also reads other digits, such as Arabic-Indic.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class GroupForm(QuizForm):
    name = StringField("Group name", validators=[
        DataRequired("Enter a name for the group, e.g. the course and term."),
        Length(max=120, message="Use a name of at most 120 characters.")],
                       description="Takers see this name when they join, e.g. “Studio course, spring term”.")
    closes_on = DateField("Closing date (optional)", validators=[Optional()],
                          description="Takers can join until the end of this day (UTC). "
                                      "Leave empty to keep the group open.")
    submit = SubmitField("Create group")

    def validate_closes_on(self, field):
        if field.data and not ISO_DATE.fullmatch(field.raw_data[0].strip()):
            raise ValidationError("Not a valid date value: write it with the digits 0 to 9, like 2027-06-30.")
        if field.data and field.data < today():
            raise ValidationError("The closing date is in the past; pick today or a later day.")


class CoInstructorForm(QuizForm):
    email = EmailField("Instructor's email", validators=[
        DataRequired("Enter the email address the other instructor signs in with."),
        Length(max=254, message="An email address has at most 254 characters: check this one.")])
    submit = SubmitField("Add co-instructor")

    def validate_email(self, field):
        self.instructor = db.session.scalar(
            select(Instructor).where(Instructor.email == field.data.strip().lower()))
        if self.instructor is None:
            raise ValidationError("No instructor signs in with this email. Check the spelling, or ask "
                                  "whoever runs this site to create their account first.")

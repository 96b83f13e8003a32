from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, StringField, SubmitField
from sqlalchemy import select
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..dates import today
from ..extensions import db
from ..models import Instructor


class GroupForm(FlaskForm):
    name = StringField("Group name", validators=[DataRequired(), Length(max=120)],
                       description="Takers see this name when they join, e.g. “Studio course, spring term”.")
    closes_on = DateField("Closing date (optional)", validators=[Optional()],
                          description="Takers can join until the end of this day (UTC). "
                                      "Leave empty to keep the group open.")
    submit = SubmitField("Create group")

    def validate_closes_on(self, field):
        if field.data and field.data < today():
            raise ValidationError("The closing date is in the past; pick today or a later day.")


class CoInstructorForm(FlaskForm):
    email = EmailField("Instructor's email", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("Add co-instructor")

    def validate_email(self, field):
        self.instructor = db.session.scalar(
            select(Instructor).where(Instructor.email == field.data.strip().lower()))
        if self.instructor is None:
            raise ValidationError("No instructor account has this email. Accounts are made with "
                                  "`flask --app quiz instructor create`.")

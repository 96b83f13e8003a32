"""The report's one form: "Take the quiz again", posted to the start of the quiz (which reads
it with the start form: the same field names)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField


class RetakeForm(FlaskForm):
    previous = HiddenField()  # token of the attempt being retaken

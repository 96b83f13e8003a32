from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from quiz.platform.forms import QuizForm
from quiz.platform.models import DISPLAY_NAME_MAX


class StartForm(QuizForm):
    previous = HiddenField()  # token of the attempt being retaken, if any
    group = HiddenField()  # join token of the group being joined, if any
    display_name = StringField("Your name for this group (optional)",
                               validators=[Length(max=DISPLAY_NAME_MAX, message=(
                                   f"Use a name of at most {DISPLAY_NAME_MAX} characters, or leave it "
                                   "empty to stay anonymous."))],
                               description=f"Up to {DISPLAY_NAME_MAX} characters. Leave it empty "
                                           "to stay anonymous.")
    submit = SubmitField("Start the quiz")


class ResumeForm(QuizForm):
    code = StringField("Resume code",
                       validators=[DataRequired("Enter the resume code you saved, like ABCDE-FGH23."),
                                   Length(max=20, message="A resume code has 10 letters and numbers, "
                                                          "like ABCDE-FGH23: check the one you saved.")],
                       description="The 10-character code you saved, like ABCDE-FGH23.")
    submit = SubmitField("Resume")


class ForgetBrowserForm(QuizForm):
    """On a shared computer: stop this browser offering the attempt it remembers."""

    submit = SubmitField("Forget this browser")


class FinishForm(QuizForm):
    submit = SubmitField("Finish and see my report")
    # The confirmation, offered instead when some area would have too few answers to be scored.
    finish_anyway = SubmitField("Finish anyway")


class JoinCodeForm(QuizForm):
    # Not "code": the resume form on the same page has a field of that name.
    group_code = StringField("Group code", validators=[
        DataRequired("Enter the group code your instructor gave you, like K7PX-M3QA."),
        Length(max=20, message="A group code has 8 characters, like K7PX-M3QA: check this one.")],
                       description="The 8-character code your instructor gave you, like K7PX-M3QA.")
    submit = SubmitField("Join the group")

from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from quiz.platform.forms import QuizForm


class LoginForm(QuizForm):
    email = EmailField("Email", validators=[
        DataRequired("Enter the email address you sign in with."),
        Length(max=254, message="An email address has at most 254 characters: check this one.")],
                       render_kw={"autocomplete": "email"})  # "username" is invalid on type=email
    password = PasswordField("Password", validators=[
        DataRequired("Enter your password."),
        Length(max=200, message="A password here has at most 200 characters: check this one.")],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Sign in")

"""Instructor helpers: the test account, signing in, and posting forms the way a browser does
(with the CSRF token read from the page). The fixtures built on them are in tests/conftest.py."""

from __future__ import annotations

from werkzeug.security import generate_password_hash

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.takers import form_token

EMAIL = "teacher@example.org"
PASSWORD = "correct horse battery"


def add_instructor(app, email: str = EMAIL) -> str:
    with app.app_context():
        # A cheap hash keeps the suite fast; the real one is checked in test_cli.py.
        account = models.Instructor(email=email,
                                    password_hash=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"))
        db.session.add(account)
        db.session.commit()
    return email


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email=EMAIL, password=PASSWORD, next_url=None):
        url = "/instructor/login" + (f"?next={next_url}" if next_url else "")
        token = form_token(self.client, "/instructor/login")
        return self.client.post(url, data={"email": email, "password": password, "csrf_token": token})

    def logout(self):
        token = form_token(self.client, "/instructor/")
        return self.client.post("/instructor/logout", data={"csrf_token": token})


def post_form(client, url, data, page=None):
    """POST `data` to `url` with the CSRF token of `page` (default: `url`)."""
    token = form_token(client, page or url)
    return client.post(url, data={**data, "csrf_token": token})


def form_fields(data: dict) -> dict:
    """The question form's initial data (`forms.question_data`) as a browser posts it:
    option rows flattened to options-N-field, unticked boxes left out."""
    fields: dict = {}

    def put(name, value):
        if value is True:
            fields[name] = "y"
        elif value is not False and value is not None:
            fields[name] = value

    for key, value in data.items():
        if key == "options":
            for index, option in enumerate(value):
                for name, item in option.items():
                    put(f"options-{index}-{name}", item)
        else:
            put(key, value)
    return fields


def current(app, question_id):
    """A question's newest version and retired flag, in plain form."""
    with app.app_context():
        return bank_store.current_bank(include_retired=True).question(question_id)


def finished_attempt(app, answers: dict[str, list[str]], question_ids=None, finished=True,
                     previous_id: int | None = None) -> int:
    """An attempt, pinned to the current versions of `question_ids` (default: every active
    question), with `answers` (question id -> option ids) stored the way the taking pages do;
    a retake of `previous_id` if given."""
    with app.app_context():
        bank = bank_store.current_bank()
        pinned = [q for q in bank.questions if question_ids is None or q.id in question_ids]
        attempt = models.Attempt(version_ids=[q.version_id for q in pinned], previous_id=previous_id,
                                 finished_at=models.utcnow() if finished else None)
        db.session.add(attempt)
        db.session.flush()
        by_id = {q.id: q for q in pinned}

        def stored(question, options):  # as the question's type stores a form post of them
            return list(question.kind.parse(question, question.kind.form_values(question, options)))

        db.session.add_all([models.Answer(attempt_id=attempt.id, question_id=qid, version_id=by_id[qid].version_id,
                                          option_ids=stored(by_id[qid], options))
                            for qid, options in answers.items() if options])
        db.session.commit()
        return attempt.id

"""Taker: drives the quiz through the Flask test client as a browser would."""

from __future__ import annotations

import re

from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.taking.section_form import field_name, sections

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                     r'type="hidden" name="csrf_token" value="([^"]+)"|'
                     r'name="csrf_token" value="([^"]+)"')


def answer_pairs(question, answer) -> list[tuple[str, str]]:
    """The (field, value) pairs a section form posts for `answer` to `question`."""
    return [(question.kind.input_name(question, field_name(question), value), value)
            for value in question.kind.form_values(question, answer)]


def question_fieldset(page: str, question_id: str) -> str:
    """A question's fieldset in a page, up to its own closing tag: a rate_options question holds
    a fieldset per response, so the first "</fieldset>" after it is not its end."""
    start = page.index(f'id="q-{question_id}"')
    depth = 1
    for tag in re.finditer(r"<fieldset\b|</fieldset>", page[start:]):
        depth += 1 if tag[0] == "<fieldset" else -1
        if depth == 0:
            return page[start:start + tag.end()]
    raise AssertionError(f"question {question_id}'s fieldset is never closed")


def checked_values(page: str, question) -> set[str]:
    """The values of a question's checked radio buttons and check boxes, from every one of its
    inputs (a rate_options question has a group of radios per response)."""
    block = question_fieldset(page, question.id)
    return {value for name in question.kind.input_names(question, field_name(question))
            for value in re.findall(rf'name="{re.escape(name)}"\s+id="[^"]+" value="([^"]+)"[^>]*checked', block)}


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return next(g for g in match.groups() if g)


def form_token(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return csrf_from(response.get_data(as_text=True))


class Taker:
    """Drives the quiz through the test client as a browser would: reads the CSRF token
    from each page and posts the section forms."""

    def __init__(self, client, app):
        self.client = client
        self.app = app
        self.token = None

    def start(self, previous: str | None = None) -> str:
        csrf = csrf_from(self.client.get("/").get_data(as_text=True))
        data = {"csrf_token": csrf, **({"previous": previous} if previous else {})}
        response = self.client.post("/start", data=data)
        assert response.status_code == 303
        self.token = re.search(r"/a/([^/]+)/section/1$", response.location).group(1)
        return self.token

    def bank(self):
        with self.app.app_context():
            return bank_store.attempt_bank(self.attempt())

    def sections(self):
        return sections(self.bank())

    def attempt(self) -> models.Attempt:
        return db.session.scalar(select(models.Attempt).where(models.Attempt.token == self.token))

    def section_url(self, number: int) -> str:
        return f"/a/{self.token}/section/{number}"

    def csrf(self, number: int = 1) -> str:
        return csrf_from(self.client.get(self.section_url(number)).get_data(as_text=True))

    def submit(self, number: int, answers: dict[str, list[str]], button: str = "next", csrf=True,
               **extra):
        questions = {q.id: q for section in self.sections() for q in section.questions}
        data: dict[str, list[str]] = {}
        for qid, values in answers.items():
            for value in values:  # each to the input that posts it (a question not in the bank: as given)
                question = questions.get(qid)
                name = question.kind.input_name(question, field_name(question), value) if question else f"q-{qid}"
                data.setdefault(name, []).append(value)
        if csrf:
            data["csrf_token"] = self.csrf(number) if csrf is True else csrf
        data[button] = "1"
        data.update(extra)
        return self.client.post(self.section_url(number), data=data)

    def answer_all(self, choose) -> None:
        for section in self.sections():
            response = self.submit(section.number, {q.id: choose(q) for q in section.questions})
            assert response.status_code == 303, response.get_data(as_text=True)

    def finish(self):
        """Press the finish button the review page shows: "Finish anyway" when some area
        would go unscored."""
        review = self.client.get(f"/a/{self.token}/review").get_data(as_text=True)
        button = "finish_anyway" if 'name="finish_anyway"' in review else "submit"
        return self.client.post(f"/a/{self.token}/finish", data={"csrf_token": csrf_from(review), button: "1"})

    def stored(self) -> dict[str, list[str]]:
        with self.app.app_context():
            attempt = self.attempt()
            return {a.question_id: sorted(a.option_ids) for a in attempt.answers}

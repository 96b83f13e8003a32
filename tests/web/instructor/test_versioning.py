"""Editing a question that has answers: past attempts keep their version and their report;
new attempts get the new version."""

from __future__ import annotations

import re

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.instructor.forms import question_data
from quiz.web.report.build import attempt_report
from tests.factories import best_option
from tests.instructors import current, form_fields, post_form
from tests.takers import Taker

SCENARIO = "tech-scn-interface-fails"
NEW_PROMPT = "The interface starts crackling before the first take. What now?"


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"|name="csrf_token" type="hidden" value="[^"]*"', "", html)


def chooses_c(question):
    return ["c"] if question.id == SCENARIO else best_option(question)


def scores(app, token):
    with app.app_context():
        attempt = db.session.scalar(db.select(models.Attempt).where(models.Attempt.token == token))
        report = attempt_report(attempt).report
        return report.scores(), report.overall, list(attempt.version_ids)


def test_editing_a_question_leaves_finished_reports_unchanged(app, signed_in):
    taker = Taker(app.test_client(), app)
    token = taker.start()
    taker.answer_all(chooses_c)
    assert taker.finish().status_code == 303
    page_before = without_tokens(taker.client.get(f"/report/{token}").get_data(as_text=True))
    json_before = taker.client.get(f"/report/{token}.json").get_json()
    scores_before = scores(app, token)
    assert scores_before[0]["technical"] < 100  # "c" earns 1 of 3 points

    # The instructor rewrites the question and makes "c" the best answer.
    data = question_data(current(app, SCENARIO))
    data["prompt"] = NEW_PROMPT
    data["options"][0]["points"] = "0"
    data["options"][2]["points"] = "3"
    response = post_form(signed_in, f"/instructor/questions/{SCENARIO}", {**form_fields(data), "save": "Save question"})
    assert response.status_code == 303
    with app.app_context():
        row = db.session.get(models.Question, SCENARIO)
        old_version, new_version = (v.id for v in row.versions)

    # The finished attempt: same page, same figures, still pinned to the old version.
    assert without_tokens(taker.client.get(f"/report/{token}").get_data(as_text=True)) == page_before
    assert taker.client.get(f"/report/{token}.json").get_json() == json_before
    assert scores(app, token) == scores_before
    assert old_version in scores_before[2] and new_version not in scores_before[2]
    with app.app_context():
        answer = db.session.scalar(db.select(models.Answer).where(models.Answer.question_id == SCENARIO))
        assert answer.version_id == old_version

    # A new attempt gets the new version.
    newcomer = Taker(app.test_client(), app)
    newcomer.start()
    with app.app_context():
        pinned = newcomer.attempt().version_ids
        assert new_version in pinned and old_version not in pinned
        number = next(s.number for s in newcomer.sections() if s.area.key == "technical")
        assert bank_store.attempt_bank(newcomer.attempt()).question(SCENARIO).option("c").points == 3
    section = newcomer.client.get(newcomer.section_url(number)).get_data(as_text=True)
    assert NEW_PROMPT in section

    # The edit page lists both versions, the first with its one answer.
    edit_page = signed_in.get(f"/instructor/questions/{SCENARIO}").get_data(as_text=True)
    assert re.findall(r"<tr><td><a [^>]*>Version (\d)</a>.*?</td>.*?<td class=\"num\">(\d+)</td></tr>",
                      edit_page, re.S) == [("2", "0"), ("1", "1")]


def test_unfinished_attempt_keeps_answering_the_version_it_started_with(app, signed_in):
    taker = Taker(app.test_client(), app)
    taker.start()
    data = question_data(current(app, SCENARIO))
    data["prompt"] = NEW_PROMPT
    post_form(signed_in, f"/instructor/questions/{SCENARIO}", {**form_fields(data), "save": "Save question"})
    number = next(s.number for s in taker.sections() if s.area.key == "technical")
    section = taker.client.get(taker.section_url(number)).get_data(as_text=True)
    assert NEW_PROMPT not in section
    assert "Ten minutes before the first take" in section

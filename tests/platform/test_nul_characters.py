"""A NUL character (\\0) never reaches the database, where PostgreSQL cannot store it (it used
to be a 500 there). Every text field of every form refuses it with 400 and a clear message
(quiz/platform/forms.py), the editor's included; an answer, a link, a code or a URL part that
holds one matches no option or pattern: 400 or 404. Nothing is stored, and the next request is
served as usual. `make test-postgres` runs these against PostgreSQL too."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.instructors import EMAIL, PASSWORD, form_fields, post_form
from tests.takers import answer_pairs, csrf_from, form_token
from tests.web.groups.groups_made import make_group

NUL = "\x00"
REFUSED = "contains a NUL character"


def refused(response) -> bool:
    return response.status_code == 400 and REFUSED in response.get_data(as_text=True)


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


# --- takers -------------------------------------------------------------------------------

def test_a_display_name_with_nul_is_refused(app, client, instructor):
    group = make_group(app)
    page = client.get(f"/join/{group['token']}").get_data(as_text=True)
    response = client.post("/start", data={"csrf_token": csrf_from(page), "group": group["token"],
                                           "display_name": f"Ada{NUL}"})
    assert refused(response)
    assert rows(app, models.Attempt) == 0
    assert client.get(f"/join/{group['token']}").status_code == 200  # the next request is fine


@pytest.mark.parametrize("url, field, value", [
    ("/resume", "code", f"ABCD{NUL}"),
    ("/join", "group_code", f"ABCD{NUL}"),
    ("/start", "previous", NUL),
])
def test_start_page_forms_refuse_nul(client, url, field, value):
    token = form_token(client, "/")
    assert refused(client.post(url, data={"csrf_token": token, field: value}))


def test_a_field_no_form_has_is_ignored_whatever_its_name(app, client):
    token = form_token(client, "/")
    response = client.post("/start", data={"csrf_token": token, f"extra{NUL}": "a field name with it"})
    assert response.status_code == 303  # the quiz starts; the unknown field is read by nothing
    assert rows(app, models.Attempt) == 1


def test_an_answer_with_nul_is_refused_and_nothing_is_saved(app, taker):
    taker.start()
    url = f"/a/{taker.token}/section/1"
    question = taker.sections()[0].questions[0]
    (field, value), *_ = answer_pairs(question, question.kind.best_answer(question))
    response = taker.client.post(url, data={"csrf_token": form_token(taker.client, url),
                                            field: value + NUL, "next": "Next"})
    assert response.status_code == 400  # no option has that id
    assert rows(app, models.Answer) == 0


@pytest.mark.parametrize("path, status", [("/a/%00/section/1", 404), ("/a/abc%00", 404),
                                          ("/report/abc%00def", 404), ("/join/%00", 404), ("/?next=%00", 200)])
def test_url_parts_with_nul_match_nothing(client, path, status):
    assert client.get(path).status_code == status


# --- instructors --------------------------------------------------------------------------

def test_a_sign_in_email_with_nul_is_refused(client, instructor):
    token = form_token(client, "/instructor/login")
    response = client.post("/instructor/login", data={"email": f"{EMAIL}{NUL}", "password": PASSWORD,
                                                      "csrf_token": token})
    assert refused(response)
    assert client.get("/instructor/login").status_code == 200


def test_a_group_name_with_nul_is_refused(app, signed_in):
    response = post_form(signed_in, "/instructor/groups/", {"name": f"Studio{NUL}class"})
    assert refused(response)
    assert rows(app, models.Group) == 0
    assert signed_in.get("/instructor/groups/").status_code == 200


def test_a_co_instructor_email_with_nul_is_refused(app, signed_in):
    group = make_group(app)
    url = f"/instructor/groups/{group['id']}/co-instructors"
    response = post_form(signed_in, url, {"email": f"other@example.org{NUL}"},
                         page=f"/instructor/groups/{group['id']}")
    assert refused(response)


@pytest.mark.parametrize("path, status", [("/instructor/questions/tech%00x", 404),
                                          ("/instructor/questions/new?type=%00", 200),
                                          ("/instructor/?area=technical%00", 200)])
def test_instructor_urls_with_nul_match_nothing(signed_in, path, status):
    assert signed_in.get(path).status_code == status


def test_question_editor_text_with_nul_is_refused(app, signed_in):
    data = {"question_id": "tech-scn-nul", "area": "technical", "type": "single_choice",
            "prompt": f"What{NUL}now?", "weight": "1", "topics": ["skill-technical"],
            "options": [{"id": "a", "text": "This", "points": "1"},
                        {"id": "b", "text": "That", "points": "0"}]}
    response = post_form(signed_in, "/instructor/questions/new",
                         {**form_fields(data), "save": "Save question"})
    assert refused(response)
    with app.app_context():
        assert db.session.get(models.Question, "tech-scn-nul") is None


@pytest.mark.parametrize("path", ["/instructor/questions/tech%00x", "/instructor/questions/Tech-X",
                                  "/instructor/questions/a%27b", f"/instructor/questions/{'x' * 65}",
                                  "/instructor/questions/tech%00x/versions/1"])
def test_a_question_id_that_no_question_could_have_is_a_404_before_any_query(signed_in, path):
    assert signed_in.get(path).status_code == 404

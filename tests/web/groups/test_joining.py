"""Takers joining a group: by link or code, display names, closing, throttling, retakes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.dates import today
from quiz.platform.extensions import db
from tests.factories import best_option
from tests.takers import csrf_from
from tests.web.groups.groups_made import make_group


def attempts_in_db(app):
    with app.app_context():
        return [(a.group_id, a.display_name) for a in db.session.scalars(
            select(models.Attempt).order_by(models.Attempt.id))]


def post_code(client, code):
    csrf = csrf_from(client.get("/").get_data(as_text=True))
    return client.post("/join", data={"csrf_token": csrf, "group_code": code})


def test_the_link_shows_the_group_and_what_its_instructors_will_see(client, group):
    page = client.get(f"/join/{group['token']}").get_data(as_text=True)
    assert "You are joining the group “Studio class”" in page
    assert "once at least 5 have finished" in page
    assert "They never see your private link, your resume code or your report page." in page
    assert 'id="display_name"' in page and 'maxlength="40"' in page
    assert 'id="join"' not in page  # no code form: this page has its group


def test_joining_by_link_with_a_display_name(app, new_taker, group):
    new_taker().join(group["token"], display_name="  Sam  ")
    assert attempts_in_db(app) == [(group["id"], "Sam")]


def test_joining_without_a_name_stays_anonymous(app, new_taker, group):
    new_taker().join(group["token"])
    assert attempts_in_db(app) == [(group["id"], None)]


def test_the_open_quiz_belongs_to_no_group(app, taker, group):
    taker.start()
    assert attempts_in_db(app) == [(None, None)]


def test_a_too_long_display_name_is_shown_back_with_the_error(app, client, group):
    page = client.get(f"/join/{group['token']}").get_data(as_text=True)
    response = client.post("/start", data={"csrf_token": csrf_from(page), "group": group["token"],
                                           "display_name": "N" * 41})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Use a name of at most 40 characters, or leave it empty to stay anonymous." in html
    assert 'value="' + "N" * 41 + '"' in html
    assert "You are joining the group" in html
    assert attempts_in_db(app) == []


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{nodash}", " {spaced} "])
def test_joining_by_code_leads_to_the_groups_start_page(client, group, typed):
    code = group["code"]
    entered = typed.format(code=code, lower=code.lower(), nodash=code.replace("-", ""),
                           spaced=code.replace("-", " "))
    response = post_code(client, entered)
    assert response.status_code == 303
    assert response.location.endswith(f"/join/{group['token']}")


def test_a_wrong_closed_or_archived_code_says_only_not_found_or_closed(app, client, instructor):
    closed = make_group(app, closes_on=today() - timedelta(days=1))
    archived = make_group(app, archived=True)
    answers = {}
    for code in ["ZZZZ-ZZZZ", closed["code"], archived["code"]]:
        response = post_code(client, code)
        answers[code] = (response.status_code,
                         re.search(r'<ul class="errors" id="group_code-errors">\s*<li>(.*?)</li>', response.get_data(as_text=True)).group(1))
    assert set(answers.values()) == {(404, "No open group has this code: it was not found or the "
                                           "group is closed. Check the code with your instructor.")}


def test_an_empty_code_is_a_form_mistake(client):
    response = post_code(client, "")
    assert response.status_code == 422
    assert "Enter the group code your instructor gave you, like K7PX-M3QA." in response.get_data(as_text=True)


def test_a_wrong_code_is_shown_back_in_its_own_field_only(client):
    page = post_code(client, "ZZZZ-ZZZZ").get_data(as_text=True)
    assert re.search(r'<input [^>]*name="group_code"[^>]* value="ZZZZ-ZZZZ">', page)
    assert re.search(r'<input [^>]*name="code"[^>]* value="">', page)  # the resume code stays empty


def test_wrong_codes_are_throttled_per_address_and_counted_in_the_database(app, client, group):
    for _ in range(app.config["JOIN_FAILURES_ALLOWED"]):
        assert post_code(client, "ZZZZ-ZZZZ").status_code == 404
    response = post_code(client, group["code"])  # even the right code waits now
    assert response.status_code == 429
    assert "Wait a minute" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(models.ThrottleSlot)
                                 .where(models.ThrottleSlot.bucket.startswith("join address"))) == 5
    other_address = app.test_client()
    csrf = csrf_from(other_address.get("/").get_data(as_text=True))
    response = other_address.post("/join", data={"csrf_token": csrf, "group_code": group["code"]},
                                  environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 303


def test_a_closed_groups_link_says_so_and_offers_the_open_quiz(app, client, instructor):
    closed = make_group(app, name="Autumn", closes_on=today() - timedelta(days=1))
    response = client.get(f"/join/{closed['token']}")
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "This group is closed" in page and "Take the open quiz" in page


def test_the_closing_day_itself_is_still_open(app, client, instructor):
    group = make_group(app, closes_on=today())
    assert client.get(f"/join/{group['token']}").status_code == 200


def test_an_unknown_link_says_not_found_or_closed(client):
    response = client.get("/join/" + "x" * 32)
    assert response.status_code == 404
    assert "Group not found or closed" in response.get_data(as_text=True)


def test_a_group_that_closes_while_the_start_page_is_open_starts_nothing(app, client, group):
    page = client.get(f"/join/{group['token']}").get_data(as_text=True)
    with app.app_context():
        db.session.get(models.Group, group["id"]).archived = True
        db.session.commit()
    response = client.post("/start", data={"csrf_token": csrf_from(page), "group": group["token"]})
    assert response.status_code == 303
    assert response.location.endswith(f"/join/{group['token']}")
    assert attempts_in_db(app) == []


def test_a_retake_stays_in_the_group_with_its_name(app, new_taker, group):
    first = new_taker()
    token = first.join(group["token"], display_name="Sam")
    first.answer_all(best_option)
    first.finish()
    first.start(previous=token)
    assert attempts_in_db(app) == [(group["id"], "Sam"), (group["id"], "Sam")]

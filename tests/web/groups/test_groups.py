"""Instructors and their groups: creating, who may see what, co-instructors, archiving."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.dates import today
from quiz.platform.extensions import db
from tests.instructors import Auth, post_form
from tests.web.groups.groups_made import OTHER_EMAIL, make_group

GROUP_PAGES = ["/instructor/groups/{id}", "/instructor/groups/{id}/print",
               "/instructor/groups/{id}/attempts.csv"]
GROUP_ACTIONS = ["/instructor/groups/{id}/archive", "/instructor/groups/{id}/restore",
                 "/instructor/groups/{id}/co-instructors"]


def groups_in_db(app):
    with app.app_context():
        return [(g.name, g.owner.email, g.closes_on) for g in db.session.scalars(select(models.Group))]


def test_an_instructor_creates_a_group_and_gets_its_link_and_code(app, signed_in):
    closes = today() + timedelta(days=7)
    response = post_form(signed_in, "/instructor/groups/", {"name": "  Spring studio  ",
                                                            "closes_on": closes.isoformat()})
    assert response.status_code == 303
    assert groups_in_db(app) == [("Spring studio", "teacher@example.org", closes)]
    page = signed_in.get(response.location).get_data(as_text=True)
    with app.app_context():
        group = db.session.scalar(select(models.Group))
        assert f'<p class="join-code">{group.join_code}</p>' in page
        assert f"/join/{group.join_token}" in page
    assert not set(group.join_code) & set("01OI")


@pytest.mark.parametrize("data, error", [
    ({"name": ""}, "Enter a name for the group, e.g. the course and term."),
    ({"name": "x" * 121}, "Use a name of at most 120 characters."),
    ({"name": "Late", "closes_on": "2001-01-01"}, "The closing date is in the past"),
    ({"name": "Bad date", "closes_on": "next friday"}, "Not a valid date value."),
    # issue 32: digits other than 0-9 (Arabic-Indic, full-width) are no date either
    ({"name": "Odd digits", "closes_on": "\u0662\u0660\u0669\u0669-01-01"}, "write it with the digits 0 to 9, like 2027-06-30."),
    ({"name": "Wide digits", "closes_on": "\uff12\uff10\uff19\uff19-01-01"}, "write it with the digits 0 to 9, like 2027-06-30."),
])
def test_a_form_mistake_is_shown_with_the_input_and_nothing_is_saved(app, signed_in, data, error):
    response = post_form(signed_in, "/instructor/groups/", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert error in page
    assert f'value="{data["name"]}"' in page
    assert groups_in_db(app) == []


@pytest.mark.parametrize("path", GROUP_PAGES + ["/instructor/groups/"])
def test_group_pages_need_a_signed_in_instructor(client, group, path):
    response = client.get(path.format(id=group["id"]))
    assert response.status_code == 302
    assert "/instructor/login" in response.location


@pytest.mark.parametrize("path", GROUP_PAGES)
def test_another_instructors_group_is_not_found(app, client, group, other_instructor, path):
    Auth(client).login(email=OTHER_EMAIL)
    assert client.get(path.format(id=group["id"])).status_code == 404
    assert client.get(path.format(id=group["id"] + 1000)).status_code == 404


@pytest.mark.parametrize("path", GROUP_ACTIONS)
def test_another_instructor_cannot_act_on_the_group(app, client, group, other_instructor, path):
    Auth(client).login(email=OTHER_EMAIL)
    response = post_form(client, path.format(id=group["id"]), {"email": OTHER_EMAIL},
                         page="/instructor/groups/")
    assert response.status_code == 404
    with app.app_context():
        row = db.session.get(models.Group, group["id"])
        assert (row.archived, row.co_instructors) == (False, [])


def test_the_list_shows_only_my_groups(app, signed_in, other_instructor):
    make_group(app, name="Mine")
    make_group(app, owner_email=OTHER_EMAIL, name="Someone else's")
    page = signed_in.get("/instructor/groups/").get_data(as_text=True)
    assert "Mine" in page
    assert "Someone else" not in page


def test_a_co_instructor_sees_the_group_once_added(app, client, signed_in, group, other_instructor):
    url = f"/instructor/groups/{group['id']}"
    response = post_form(signed_in, f"{url}/co-instructors", {"email": " Other@Example.org "}, page=url)
    assert response.status_code == 303
    Auth(signed_in).logout()
    Auth(client).login(email=OTHER_EMAIL)
    assert client.get(url).status_code == 200
    assert "Studio class" in client.get("/instructor/groups/").get_data(as_text=True)
    assert client.get(f"{url}/print").status_code == 200


def test_adding_an_unknown_co_instructor_says_so(app, signed_in, group):
    url = f"/instructor/groups/{group['id']}"
    response = post_form(signed_in, f"{url}/co-instructors", {"email": "nobody@example.org"}, page=url)
    assert response.status_code == 422
    assert "No instructor signs in with this email." in response.get_data(as_text=True)
    assert 'value="nobody@example.org"' in response.get_data(as_text=True)


def test_archiving_closes_joining_and_restoring_reopens_it(app, client, signed_in, group):
    url = f"/instructor/groups/{group['id']}"
    assert post_form(signed_in, f"{url}/archive", {}, page=url).status_code == 303
    assert "Archived" in signed_in.get(url).get_data(as_text=True)
    assert client.get(f"/join/{group['token']}").status_code == 410
    assert post_form(signed_in, f"{url}/restore", {}, page=url).status_code == 303
    assert client.get(f"/join/{group['token']}").status_code == 200


def test_archiving_without_the_csrf_token_is_refused(app, signed_in, group):
    response = signed_in.post(f"/instructor/groups/{group['id']}/archive")
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(models.Group, group["id"]).archived is False

"""Every page that comes back with a form mistake passes the same GOV.UK checks
(tests/error_pattern.py): the taker's start and section pages, and the instructor's question
editor, whether a new question or an edit."""

from __future__ import annotations

import re

import pytest

from tests.error_pattern import assert_gov_uk_errors
from tests.instructors import form_fields, post_form

SCENARIO = "tech-scn-interface-fails"


def new_scenario(**changes) -> dict:
    data = {
        "question_id": "tech-scn-new", "area": "technical", "type": "single_choice",
        "prompt": "The drummer's click is bleeding into the overheads. What do you do?", "weight": "1.5",
        "topics": ["resp-technical-problems", "skill-technical"], "feedback": "Bleed is a monitoring problem.",
        "options": [{"id": "a", "text": "Turn the click down.", "points": "2"},
                    {"id": "b", "text": "Ignore it.", "points": "0"}],
    }
    return data | changes


def wrong_resume_code(request):
    client = request.getfixturevalue("client")
    csrf = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/").get_data(as_text=True))[-1]
    response = client.post("/resume", data={"csrf_token": csrf, "code": "AAAAA-AAAAB"})
    assert response.status_code == 404
    return response, [("code", "No quiz has this resume code. Check it against the code you saved, then try again.")]


def ranking_position_used_twice(request):
    taker = request.getfixturevalue("taker")
    taker.start()
    section, ranked = next((s, q) for s in taker.sections() for q in s.questions if q.type == "ranking")
    items = [o.id for o in ranked.options]
    entered = [f"{item}:1" for item in items[:2]] + [f"{item}:{n}" for n, item in enumerate(items[2:], start=3)]
    first, second = (o.text for o in ranked.options[:2])
    message = (f"Use each position once: \u201c{first}\u201d and \u201c{second}\u201d are both at 1, "
               "and nothing is at 2.")
    return taker.submit(section.number, {ranked.id: entered}), [(f"q-{ranked.id}", message)]


def new_question_with_problems(request):
    signed_in = request.getfixturevalue("signed_in")
    options = [{"id": "a", "text": "One", "points": "1"}, {"id": "b", "text": "Two", "points": "-1"}]
    data = new_scenario(weight="0", topics=[], options=options)
    response = post_form(signed_in, "/instructor/questions/new", {**form_fields(data), "save": "Save question"})
    return response, [("weight", "Enter a weight greater than 0, such as 1."),
                      ("topics", "Tick at least one topic this question covers."),
                      ("options-1-points", "Option b has negative points.")]


def edit_with_problems(request):
    signed_in = request.getfixturevalue("signed_in")
    url = f"/instructor/questions/{SCENARIO}"
    page = signed_in.get(url).get_data(as_text=True)
    version = re.search(r'id="base_version" name="base_version" type="hidden" value="(\d+)"', page)[1]
    data = new_scenario(prompt=" ", options=[{"id": "a", "text": "Only one", "points": "1"}])
    response = post_form(signed_in, url, {**form_fields(data), "base_version": version, "save": "Save question"})
    return response, [("prompt", "Enter the prompt the taker sees."),
                      ("options", "This question needs at least two options.")]


PAGES = {"taker-start-wrong-code": wrong_resume_code,
         "taker-section-mistake": ranking_position_used_twice,
         "instructor-new-question": new_question_with_problems,
         "instructor-edit-question": edit_with_problems}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_with_a_mistake_follows_the_gov_uk_error_pattern(request, name):
    response, expected = PAGES[name](request)
    assert response.status_code in (404, 422)
    assert_gov_uk_errors(response.get_data(as_text=True), expected)

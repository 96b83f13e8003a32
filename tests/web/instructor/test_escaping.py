"""Instructor-written text is shown as text, never as markup: on the list, the edit page,
the preview and the taker's section page."""

from __future__ import annotations

import re

import pytest

from tests.instructors import form_fields, post_form
from tests.takers import Taker

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMAGE = "&lt;img src=x onerror=alert(1)&gt;"


def hostile(**changes) -> dict:
    data = {
        "question_id": "tech-scn-hostile", "area": "technical", "type": "single_choice",
        "prompt": f"Which is safe? {SCRIPT}", "weight": "1", "topics": ["skill-technical"],
        "feedback": f"Feedback {IMAGE}",
        "options": [{"id": "a", "text": f"Option {IMAGE}", "points": "1", "feedback": f"Because {SCRIPT}"},
                    {"id": "b", "text": f"Other {SCRIPT}", "points": "0"}],
    }
    data.update(changes)
    return data


def assert_escaped(html: str) -> None:
    assert SCRIPT not in html and IMAGE not in html
    # No script element but the app's own static files: the CSP forbids inline ones anyway.
    assert re.findall(r"<script[^>]*>", html) == re.findall(r'<script src="(?:/question-types/[a-z_]+)?/static/[a-z]+\.js" defer>', html)
    assert ESCAPED_SCRIPT in html and ESCAPED_IMAGE in html


@pytest.fixture
def saved(signed_in):
    response = post_form(signed_in, "/instructor/questions/new", {**form_fields(hostile()), "save": "Save question"})
    assert response.status_code == 303
    return signed_in


def test_list_escapes(saved):
    html = saved.get("/instructor/?area=technical").get_data(as_text=True)
    assert SCRIPT not in html and "<script" not in html
    assert ESCAPED_SCRIPT in html


def test_edit_page_escapes(saved):
    assert_escaped(saved.get("/instructor/questions/tech-scn-hostile").get_data(as_text=True))


def test_preview_escapes(signed_in):
    response = post_form(signed_in, "/instructor/questions/new", {**form_fields(hostile()), "preview": "Preview"})
    html = response.get_data(as_text=True)
    assert '<section class="preview"' in html
    assert_escaped(html)


def test_error_page_escapes(signed_in):
    response = post_form(signed_in, "/instructor/questions/new",
                         {**form_fields(hostile(topics=[f"x{SCRIPT}"])), "save": "Save question"})
    assert response.status_code == 422
    assert_escaped(response.get_data(as_text=True))


def test_statistics_escape(saved):
    html = saved.get("/instructor/statistics").get_data(as_text=True)
    assert SCRIPT not in html and IMAGE not in html and ESCAPED_SCRIPT in html


def test_taker_section_escapes(app, saved):
    taker = Taker(app.test_client(), app)
    taker.start()
    number = next(s.number for s in taker.sections() if s.area.key == "technical")
    assert_escaped(taker.client.get(taker.section_url(number)).get_data(as_text=True))

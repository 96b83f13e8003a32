"""Pages kept as frames (quiz/page_frames.py): a framed page is byte for byte the page its
template renders, for every attempt, answer set, section and site address; and nobody gets a
frame who should see something of their own (an instructor's header, a waiting message, a
mistake beside a question)."""

from __future__ import annotations

import random

import pytest
from markupsafe import Markup

from quiz import page_frames
from quiz.report import routes as report_routes
from quiz.taking import section_page
from tests.instructors import Auth
from tests.takers import Taker, answer_pairs
from tests.taking.test_mistakes import checked, none_of_these_with_another_item, section_with


def test_a_frame_fills_each_slot_wherever_the_page_uses_it():
    frame = page_frames.make_frame(
        lambda slot: f"<a href='/a/{slot['token']}'>{slot['token']}</a><b>{slot['html']}</b>",
        ["token", "html"])
    page = frame.fill({"token": "abc_DEF-123", "html": Markup("<i>x</i>")})
    assert page == "<a href='/a/abc_DEF-123'>abc_DEF-123</a><b><i>x</i></b>".encode()


@pytest.mark.parametrize("value", ["<script>", 'a"b', "a b", "a&b", "é"])
def test_a_frame_refuses_text_that_the_template_would_have_escaped(value):
    frame = page_frames.make_frame(lambda slot: f"<p>{slot['name']}</p>", ["name"])
    with pytest.raises(ValueError, match="needs escaping"):
        frame.fill({"name": value})


def _without_frames(monkeypatch, module):
    monkeypatch.setattr(module, "shared_page_allowed", lambda: False)


def _with_frames(monkeypatch, module):
    monkeypatch.setattr(module, "shared_page_allowed", page_frames.shared_page_allowed)


def test_a_framed_section_page_is_the_page_its_template_renders(app, monkeypatch):
    """Three attempts (each its own option order), random answers on every section, each page
    asked for with its frame warm and rendered by its template: the same bytes."""
    rng = random.Random(7)
    for _ in range(3):
        taker = Taker(app.test_client(), app)
        taker.start()
        for section in taker.sections():
            chosen = {q.id: [v for _, v in answer_pairs(q, q.kind.best_answer(q))]
                      for q in section.questions if rng.random() < 0.6}
            assert taker.submit(section.number, chosen, button="later").status_code == 303
            url = taker.section_url(section.number)
            framed = taker.client.get(url).get_data(as_text=True)
            _without_frames(monkeypatch, section_page)
            rendered = taker.client.get(url).get_data(as_text=True)
            _with_frames(monkeypatch, section_page)
            assert framed == rendered
            assert f"{len(chosen)} of {len(section.questions)} answered" in framed
            assert f"/a/{taker.token}/section/{section.number}" in framed


def test_each_site_address_gets_its_own_section_page_frame(app, taker, monkeypatch):
    """The resume link on the page is absolute: asked for at two addresses, the page names each."""
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    taker.start()
    for _ in range(2):
        for base_url in ("https://quiz.example:8443", "http://other.test"):
            page = taker.client.get(taker.section_url(1), base_url=base_url).get_data(as_text=True)
            assert f'data-copy="link">{base_url}/a/{taker.token}</span>' in page


def test_a_section_page_frame_never_shows_an_instructors_header_or_someone_elses_message(
        app, taker, instructor):
    taker.start()
    url = taker.section_url(1)
    taker_page = taker.client.get(url).get_data(as_text=True)  # the frame is made now
    assert "Instructor sign-in" in taker_page and "Sign out" not in taker_page

    teacher = Auth(app.test_client())
    assert teacher.login().status_code == 302
    teacher_page = teacher.client.get(url).get_data(as_text=True)
    assert "Sign out" in teacher_page and "Instructor sign-in" not in teacher_page

    section = taker.sections()[0]
    skipped = taker.submit(1, {})  # every question skipped: a message waits on the next page
    assert skipped.status_code == 303
    shown = taker.client.get(skipped.location).get_data(as_text=True)
    assert f"You skipped {len(section.questions)} questions" in shown
    assert "You skipped" not in taker.client.get(skipped.location).get_data(as_text=True)
    other = Taker(app.test_client(), app)  # the same bank: the same frame, if one was kept
    other.start()
    assert "You skipped" not in other.client.get(other.section_url(2)).get_data(as_text=True)
    first = section.questions[0]
    answered_one = other.submit(1, {first.id: [first.options[-1].id]})
    others_page = other.client.get(answered_one.location).get_data(as_text=True)
    assert f"You skipped {len(section.questions) - 1} questions" in others_page  # their own message
    assert f"You skipped {len(section.questions)} questions" not in others_page


def test_a_section_page_with_a_mistake_shows_it_even_with_its_frame_warm(taker):
    taker.start()
    section, checklist = section_with(taker, lambda q: any(o.none for o in q.options))
    taker.client.get(taker.section_url(section.number))  # frame made
    response = taker.submit(section.number, {checklist.id: none_of_these_with_another_item(checklist)})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<title>Error: " in page and 'href="#q-' + checklist.id in page
    assert checked(page, checklist.id) == set(none_of_these_with_another_item(checklist))


def test_a_framed_report_is_the_page_its_template_renders(app, taker, monkeypatch):
    taker.start()
    taker.answer_all(lambda q: [v for _, v in answer_pairs(q, q.kind.best_answer(q))])
    taker.finish()
    url = f"/report/{taker.token}"
    framed = taker.client.get(url).get_data(as_text=True)
    assert framed == taker.client.get(url).get_data(as_text=True)  # warm
    _without_frames(monkeypatch, report_routes)
    assert taker.client.get(url).get_data(as_text=True) == framed

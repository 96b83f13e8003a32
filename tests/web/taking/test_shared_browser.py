"""A shared browser (issue 32): the session cookie never holds an attempt's token - only a
random id for the browser, whose link to its attempt is kept on the server - and where the
start page offers "Continue where you left off" it also offers "Not you? Start a new quiz" and
"Forget this browser", which removes the link."""

from __future__ import annotations

import pytest

from tests.factories import best_option
from tests.takers import csrf_from

CONTINUE = "Continue where you left off"


def session_of(client, app) -> dict:
    cookie = client.get_cookie("session", domain="quiz.test")
    return app.session_interface.get_signing_serializer(app).loads(cookie.value) if cookie else {}


def start_page(client) -> str:
    return " ".join(client.get("/").get_data(as_text=True).split())


@pytest.mark.parametrize("moment", ["started", "resumed", "finished"])
def test_the_session_cookie_never_holds_the_attempts_token(taker, app, moment):
    taker.start()
    taker.submit(1, {q.id: best_option(q) for q in taker.sections()[0].questions})
    if moment == "resumed":
        taker.client.get(f"/a/{taker.token}")
    if moment == "finished":
        taker.finish()
        taker.client.get(f"/report/{taker.token}")
    session = session_of(taker.client, app)
    assert session and taker.token not in repr(session)
    with app.app_context():
        code = taker.attempt().resume_code
    assert code not in repr(session)
    assert set(session) <= {"browser", "csrf_token", "_flashes", "_fresh"}  # _fresh: Flask-Login's


def test_the_start_page_offers_someone_else_a_new_quiz_and_to_forget_the_browser(taker):
    taker.start()
    page = start_page(taker.client)
    assert CONTINUE in page
    assert 'value="Not you? Start a new quiz"' in page
    forget = page[page.index('action="/forget"') - 200:page.index('action="/forget"') + 400]
    assert 'method="post"' in forget and 'name="csrf_token"' in forget and "Forget this browser" in forget


def test_forget_this_browser_removes_the_link_and_keeps_the_attempt(taker, app):
    taker.start()
    taker.submit(1, {q.id: best_option(q) for q in taker.sections()[0].questions})
    csrf = csrf_from(taker.client.get("/").get_data(as_text=True))

    response = taker.client.post("/forget", data={"csrf_token": csrf})

    assert response.status_code == 303 and response.location.endswith("/")
    page = start_page(taker.client)
    assert CONTINUE not in page and "This browser no longer remembers your quiz" in page
    assert "browser" not in session_of(taker.client, app)
    with app.app_context():
        assert taker.attempt().browser_id is None
    # The attempt is untouched: its link still opens it, with its answers.
    other = app.test_client()
    assert other.get(other.get(f"/a/{taker.token}").location).status_code == 200
    assert len(taker.stored()) == len(taker.sections()[0].questions)


def test_forgetting_needs_the_forms_csrf_token(taker, app):
    taker.start()
    assert taker.client.post("/forget", data={}).status_code == 400
    assert CONTINUE in start_page(taker.client)


def test_not_you_starts_a_new_quiz_and_the_first_one_is_no_longer_offered(taker, app):
    first = taker.start()
    second = taker.start()  # "Not you? Start a new quiz" is the start form's button
    assert first != second
    page = start_page(taker.client)
    assert f'href="/a/{second}">{CONTINUE}' in page and f"/a/{first}" not in page


def test_a_forged_browser_id_finds_nothing(taker, app, client):
    taker.start()
    with client.session_transaction() as session:
        session["browser"] = "x" * 200
    assert CONTINUE not in start_page(client)
    with client.session_transaction() as session:
        session["browser"] = ["not", "text"]
    assert CONTINUE not in start_page(client)


def test_a_finished_attempts_report_is_offered_until_the_browser_is_forgotten(taker, app):
    taker.start()
    taker.answer_all(best_option)
    taker.finish()
    page = start_page(taker.client)
    assert f'href="/report/{taker.token}">See your report</a>' in page
    assert CONTINUE not in page and 'action="/forget"' in page  # a shared computer can forget it
    taker.client.post("/forget", data={"csrf_token": csrf_from(taker.client.get("/").get_data(as_text=True))})
    assert "See your report" not in start_page(taker.client)
    assert app.test_client().get(f"/report/{taker.token}").status_code == 200  # the link still opens it

"""Taking the quiz with the test client: start, every section, back and forth, finish, resume."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from quiz.domain.question_types import KINDS, SCALES
from quiz.platform import models
from quiz.platform.extensions import db
from tests.factories import best_option, worst_option


def count_answers(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.Answer))


def test_start_page_explains_the_quiz(client, offered_bank):
    page = client.get("/").get_data(as_text=True)
    assert "Start the quiz" in page
    for area in offered_bank.areas:
        assert area.title in page and area.description in page
    assert "minutes" in page
    assert f"asks {len(offered_bank.questions)} questions" in page


def test_start_creates_an_attempt_with_an_unguessable_token(taker, app, offered_bank):
    token = taker.start()
    assert len(token) >= 32  # 24 random bytes, url-safe
    with app.app_context():
        attempt = taker.attempt()
        assert len(attempt.version_ids) == len(offered_bank.questions)
        assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", attempt.resume_code)


def test_start_without_csrf_is_refused_and_creates_nothing(client, app):
    response = client.post("/start", data={})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(models.Attempt)) == 0


def test_section_page_shows_progress_fieldsets_and_labels(taker, offered_bank):
    taker.start()
    page = taker.client.get(taker.section_url(3)).get_data(as_text=True)
    title = offered_bank.areas[2].title
    assert f"Section 3 of 6 — {title}" in page
    assert '<progress max="6" value="3"' in page
    questions = offered_bank.questions_in(offered_bank.areas[2].key)
    # one fieldset and legend per question, and inside a rate_options question one more per
    # response (its four radios are a group of their own)
    responses = sum(len(q.options) for q in questions if q.type == "rate_options")
    assert page.count('<fieldset class="question ') == len(questions)
    assert page.count('<fieldset class="rated-option"') == responses
    assert page.count("<fieldset") == len(questions) + responses
    assert page.count("<legend>") == len(questions) + responses
    for input_id in re.findall(r'<input type="(?:radio|checkbox)"[^>]*id="([^"]+)"', page):
        assert f'<label for="{input_id}"' in page
    assert any(all(anchor in page for anchor in scale.anchors) for scale in SCALES.values())
    assert "To continue later" in page


def test_whole_flow_saves_every_answer_and_reports_100(taker, app, offered_bank):
    taker.start()
    taker.answer_all(best_option)
    assert len(taker.stored()) == len(offered_bank.questions)
    response = taker.finish()
    assert response.status_code == 303 and response.location.endswith(f"/report/{taker.token}")
    report = taker.client.get(response.location).get_data(as_text=True)
    assert "Your readiness report · 100 out of 100" in report
    with app.app_context():
        assert taker.attempt().finished_at is not None


def test_next_and_previous_move_between_sections(taker):
    taker.start()
    assert taker.submit(1, {}).location.endswith("/section/2")
    assert taker.submit(2, {}, button="previous").location.endswith("/section/1")
    assert taker.submit(6, {}).location.endswith("/review")
    assert taker.submit(2, {}, button="later").location.endswith("/saved")


def test_going_back_shows_saved_answers_and_changes_update_not_duplicate(taker, app, real_bank):
    taker.start()
    first = taker.sections()[0]
    question = next(q for q in first.questions if q.type == "single_choice")
    taker.submit(1, {question.id: best_option(question)})
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    assert re.search(rf'id="q-{question.id}-{best_option(question)[0]}" value="[^"]+"\s+checked', page)
    taker.submit(1, {question.id: worst_option(question)})
    assert taker.stored() == {question.id: worst_option(question)}
    assert count_answers(app) == 1


def test_double_submit_is_harmless(taker, app):
    taker.start()
    question = taker.sections()[0].questions[0]
    csrf = taker.csrf(1)
    for _ in range(3):
        assert taker.submit(1, {question.id: ["4"]}, csrf=csrf).status_code == 303
    assert taker.stored() == {question.id: ["4"]}
    assert count_answers(app) == 1


def test_unticking_a_checklist_clears_the_answer(taker):
    taker.start()
    checklist = next(q for s in taker.sections() for q in s.questions if q.kind.multiple)
    number = next(s.number for s in taker.sections() if checklist in s.questions)
    taker.submit(number, {checklist.id: best_option(checklist)})
    taker.submit(number, {})
    assert checklist.id not in taker.stored()


def test_skipped_questions_are_counted_and_listed_before_finish(taker):
    taker.start()
    section = taker.sections()[0]
    response = taker.submit(1, {section.questions[0].id: ["3"]})
    page = taker.client.get(response.location).get_data(as_text=True)
    skipped = len(section.questions) - 1
    assert f"You skipped {skipped} questions in {section.area.title}" in page
    review = taker.client.get(f"/a/{taker.token}/review").get_data(as_text=True)
    assert "You answered 1 of" in review
    skipped_question = section.questions[1]
    assert f'/a/{taker.token}/section/1#q-{skipped_question.id}"' in review


def test_the_review_page_names_the_areas_that_would_have_no_score(taker):
    taker.start()
    sections = taker.sections()
    for section in sections[1:]:  # every area answered in full but the first
        taker.submit(section.number, {q.id: best_option(q) for q in section.questions})
    first = sections[0]
    half = first.questions[:len(first.questions) // 2]  # half the questions: below two thirds by weight
    taker.submit(1, {q.id: best_option(q) for q in half})
    review = " ".join(taker.client.get(f"/a/{taker.token}/review").get_data(as_text=True).split())
    assert "Areas that would have no score" in review
    assert (f'<a href="/a/{taker.token}/section/1">{first.area.title}</a>: answer at least' in review)
    assert f"({len(half)} of {len(first.questions)} answered)" in review
    assert review.count("more of its questions") == 1  # the other areas are scored
    taker.submit(1, {q.id: best_option(q) for q in first.questions})
    assert "Areas that would have no score" not in taker.client.get(f"/a/{taker.token}/review").get_data(as_text=True)


def test_finished_attempt_is_locked(taker, app):
    taker.start()
    question = taker.sections()[0].questions[0]
    taker.submit(1, {question.id: ["5"]})
    csrf = taker.csrf(1)
    taker.finish()
    response = taker.submit(1, {question.id: ["1"]}, csrf=csrf)
    assert response.status_code == 409
    assert taker.stored() == {question.id: ["5"]}
    again = taker.client.post(f"/a/{taker.token}/finish", data={"csrf_token": csrf})
    # a second Finish (double click) just shows the report
    assert again.status_code in (302, 303) and f"/report/{taker.token}" in again.location
    assert taker.client.get(taker.section_url(1)).location.endswith(f"/report/{taker.token}")


def test_resume_code_on_the_start_page(taker, app):
    taker.start()
    with app.app_context():
        code = taker.attempt().resume_code
    other = app.test_client()
    csrf = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', other.get("/").get_data(as_text=True))[-1]
    response = other.post("/resume", data={"csrf_token": csrf, "code": code.lower().replace("-", " ")})
    assert response.status_code == 303 and response.location.endswith(f"/a/{taker.token}")


def test_a_wrong_resume_code_is_shown_beside_the_field_as_typed(client):
    """The GOV.UK pattern: an error summary at the top, focused on load and linking to the
    field; the message beside the field; the code kept in it."""
    csrf = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/").get_data(as_text=True))[-1]
    wrong = client.post("/resume", data={"csrf_token": csrf, "code": "AAAAA-AAAAB"})
    assert wrong.status_code == 404
    page = " ".join(wrong.get_data(as_text=True).split())
    message = "No quiz has this resume code. Check it against the code you saved, then try again."
    summary = page[page.index('<div class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert 'tabindex="-1" autofocus' in summary
    assert f'<li><a href="#code">{message}</a></li>' in summary
    assert "<title>Error: " in page
    field = page[page.index('<section id="resume"'):]
    assert 'value="AAAAA-AAAAB"' in field and 'aria-invalid="true"' in field
    assert f'<ul class="errors" id="code-errors"> <li>{message}</li>' in field
    empty = client.post("/resume", data={"csrf_token": csrf, "code": ""})
    assert empty.status_code == 422
    assert '<a href="#code">Enter the resume code you saved, like ABCDE-FGH23.</a>' in empty.get_data(as_text=True)


def test_saved_page_shows_link_and_code(taker, app):
    taker.start()
    page = taker.client.get(f"/a/{taker.token}/saved").get_data(as_text=True)
    with app.app_context():
        assert taker.attempt().resume_code in page
    assert f"http://quiz.test/a/{taker.token}" in page


def test_unknown_or_malformed_token_gives_friendly_404(client):
    for url in ("/a/" + "x" * 32, "/a/short", "/a/%3Cscript%3E/section/1", "/report/" + "y" * 32):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.get_data(as_text=True)


def test_section_number_out_of_range_is_404(taker):
    taker.start()
    assert taker.client.get(taker.section_url(0)).status_code == 404
    assert taker.client.get(taker.section_url(7)).status_code == 404


def test_two_attempts_never_see_each_others_answers(taker, second_taker, app):
    taker.start()
    second_taker.start()
    question = taker.sections()[0].questions[0]
    taker.submit(1, {question.id: ["5"]})
    second_taker.submit(1, {question.id: ["1"]})
    assert taker.stored() == {question.id: ["5"]}
    assert second_taker.stored() == {question.id: ["1"]}
    page = second_taker.client.get(second_taker.section_url(1)).get_data(as_text=True)
    assert re.search(rf'id="q-{question.id}-1" value="1"\s+checked', page)
    assert not re.search(rf'id="q-{question.id}-5" value="5"\s+checked', page)


def test_scenario_options_are_shuffled_per_attempt_but_stable(taker, second_taker):
    def orders(one):
        page = one.client.get(one.section_url(3)).get_data(as_text=True)
        return re.findall(r'<input type="radio" name="(q-tech-scn-[^"]+)"\s+id="[^"]+" value="([^"]+)"', page)

    taker.start()
    first_visit = orders(taker)
    assert first_visit and orders(taker) == first_visit  # same order on every visit
    positions = [[v for n, v in first_visit if n == name].index("a")
                 for name in dict.fromkeys(n for n, _ in first_visit)]
    assert set(positions) != {0}  # the best-first order of the bank is not what takers see
    second_taker.start()
    assert orders(second_taker) != first_visit


def test_start_page_counts_the_areas_and_names_every_kind_of_question(client, real_bank):
    page = client.get("/").get_data(as_text=True)
    assert f"The {len(real_bank.areas)} areas" in page
    for kind in KINDS:
        assert kind.described in page

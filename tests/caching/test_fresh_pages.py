"""No page is served stale or from another attempt, however warm the caches: after an instructor
edits, retires or imports questions, new attempts get the bank as it is now, attempts already
started keep the versions they started with, and finished reports do not change. Every attempt
sees its own option order and its own answers.

Everything is judged by what the pages show (tests/caching/pages.py), so it holds for any
caching behind them. The same over two server processes: test_two_processes.py."""

from __future__ import annotations

import html
import io

import pytest

from quiz.domain import caches
from tests.apps import BANK_DIR
from tests.caching.pages import Attempt, ClientSite, picking
from tests.caching.warm import (
    CHOSEN,
    NEW_LABEL,
    NEW_PROMPT,
    NOTHING_CHOSEN,
    RANKING,
    SCENARIO,
    WarmQuiz,
    answer_shuffled,
    chosen,
    contents,
    edited,
    orders,
    question_count,
    scenario_edit,
    two_orders_and_a_third,
)
from tests.instructors import current, post_form
from tests.takers import form_token

IMPORT_RETIRES = "tech-scn-studio-prep"


@pytest.fixture
def quiz(app) -> WarmQuiz:
    return WarmQuiz.build(lambda: ClientSite(app.test_client()))


def area_score(report: dict, key: str = "technical") -> float:
    return next(area["score"] for area in report["areas"] if area["key"] == key)


def test_an_edit_reaches_new_attempts_while_old_ones_keep_their_version(app, quiz, signed_in):
    question = current(app, SCENARIO)
    label = question.label  # a report names a question by its label
    assert label and label != NEW_LABEL
    response = post_form(signed_in, f"/instructor/questions/{SCENARIO}", scenario_edit(question))
    assert response.status_code == 303

    newcomer = quiz.new_attempt()
    expected = edited(quiz.before())
    assert contents(newcomer.all_questions()) == expected
    # Visited after the newcomer warmed the new version: the old attempts show the old one.
    quiz.assert_old_attempts_unchanged()
    assert contents(newcomer.all_questions()) == expected

    quiz.assert_in_progress_scored_as_started()
    in_progress = html.unescape(quiz.in_progress.report())
    assert label in in_progress and NEW_LABEL not in in_progress

    # The same answers under the new version: "c" now earns full points.
    newcomer.answer_all(picking(CHOSEN))
    newcomer.finish()
    before = quiz.shown[0].reports[quiz.finished.token][1]
    assert area_score(newcomer.report_json()) > area_score(before)
    report = html.unescape(newcomer.report())
    assert NEW_LABEL in report and label not in report


def test_a_retired_question_leaves_new_attempts_and_stays_in_old_ones(app, quiz, signed_in):
    count = quiz.shown[0].question_count
    number = quiz.in_progress.section_of(SCENARIO)
    assert post_form(signed_in, f"/instructor/questions/{SCENARIO}/retire", {},
                     page="/instructor/").status_code == 303

    newcomer = quiz.new_attempt()
    expected = quiz.before()
    del expected[SCENARIO]
    assert contents(newcomer.all_questions()) == expected
    review = newcomer.review()
    assert (review.answered, review.total) == (0, count - 1) and SCENARIO not in review.unanswered
    assert question_count(newcomer.site.get("/")) == count - 1
    quiz.assert_old_attempts_unchanged()  # SCENARIO, answered "c", among them
    assert quiz.in_progress.section(number)[SCENARIO].chosen == CHOSEN[SCENARIO]

    newcomer.answer_all()
    newcomer.finish()
    report = newcomer.report_json()
    assert report["total"] == report["answered"] == count - 1
    quiz.assert_in_progress_scored_as_started()
    assert quiz.in_progress.report_json()["total"] == count

    assert post_form(signed_in, f"/instructor/questions/{SCENARIO}/restore", {},
                     page="/instructor/").status_code == 303
    assert contents(quiz.new_attempt().all_questions()) == quiz.before()


def upload_bank_file(instructor, name: str, content: bytes) -> None:
    token = form_token(instructor, "/instructor/bank")
    response = instructor.post("/instructor/bank/import", content_type="multipart/form-data",
                               data={"csrf_token": token, "files": [(io.BytesIO(content), name)]})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_an_imported_bank_reaches_new_attempts_while_old_ones_keep_theirs(app, quiz, signed_in):
    count = quiz.shown[0].question_count
    prompt = current(app, SCENARIO).prompt
    text = (BANK_DIR / "technical.yaml").read_text(encoding="utf-8")
    assert prompt in text and f"  - id: {IMPORT_RETIRES}\n" in text
    text = text.replace(prompt, NEW_PROMPT).replace(
        f"  - id: {IMPORT_RETIRES}\n", f"  - id: {IMPORT_RETIRES}\n    retired: true\n")
    upload_bank_file(signed_in, "technical.yaml", text.encode())

    newcomer = quiz.new_attempt()
    expected = quiz.before()
    del expected[IMPORT_RETIRES]
    expected[SCENARIO] = NEW_PROMPT, expected[SCENARIO][1]
    assert contents(newcomer.all_questions()) == expected
    assert newcomer.review().total == count - 1
    quiz.assert_old_attempts_unchanged()
    quiz.assert_in_progress_scored_as_started()


def test_each_attempt_sees_its_own_option_order_and_its_own_answers(app):
    site = lambda: ClientSite(app.test_client())  # noqa: E731
    attempts = [Attempt.start(site()) for _ in range(6)]
    number = attempts[0].section_of(RANKING)
    cold = {}
    for attempt in attempts:
        caches.clear_caches()  # what a freshly started process shows this attempt
        cold[attempt.token] = orders(attempt.section(number))
    first, second, blank = two_orders_and_a_third(attempts, cold)
    for attempt in attempts + attempts[::-1]:  # warm, each visit after another attempt's
        assert orders(attempt.section(number)) == cold[attempt.token]

    given = {first.token: answer_shuffled(first, number, reverse=False),
             second.token: answer_shuffled(second, number, reverse=True), blank.token: NOTHING_CHOSEN}
    for attempt in (first, second, blank, second, first, blank):
        shown = attempt.section(number)
        assert (orders(shown), chosen(shown)) == (cold[attempt.token], given[attempt.token])

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

from quiz import caches
from quiz.instructor.forms import question_data
from tests.apps import BANK_DIR
from tests.caching.pages import Attempt, ClientSite, picking
from tests.caching.warm import CHOSEN, SCENARIO, WarmQuiz, contents, question_count
from tests.instructors import current, form_fields, post_form
from tests.takers import form_token

NEW_PROMPT = "The interface crackles ten minutes before the first take. Your first move?"
NEW_C_TEXT = "Swap to the backup interface at once and keep the singer warm."
RANKING = "tech-rank-record-to-master"  # on SCENARIO's page, in an order of each attempt's own
IMPORT_RETIRES = "tech-scn-studio-prep"


@pytest.fixture
def quiz(app) -> WarmQuiz:
    return WarmQuiz.build(lambda: ClientSite(app.test_client()))


def edit_scenario(app, instructor) -> None:
    """Reword the question and its option c, which now earns full points."""
    data = question_data(current(app, SCENARIO))
    data["prompt"] = NEW_PROMPT
    data["options"][0]["points"] = "0"
    data["options"][2].update(text=NEW_C_TEXT, points="3")
    response = post_form(instructor, f"/instructor/questions/{SCENARIO}",
                         {**form_fields(data), "save": "Save question"})
    assert response.status_code == 303


def area_score(report: dict, key: str = "technical") -> float:
    return next(area["score"] for area in report["areas"] if area["key"] == key)


def test_an_edit_reaches_new_attempts_while_old_ones_keep_their_version(app, quiz, signed_in):
    edit_scenario(app, signed_in)

    newcomer = quiz.new_attempt()
    expected = quiz.before()
    prompt, texts = expected[SCENARIO]
    expected[SCENARIO] = NEW_PROMPT, {**texts, "c": NEW_C_TEXT}
    assert contents(newcomer.all_questions()) == expected
    # Visited after the newcomer warmed the new version: the old attempts show the old one.
    quiz.assert_old_attempts_unchanged()
    assert contents(newcomer.all_questions()) == expected

    quiz.assert_in_progress_scored_as_started()
    in_progress = html.unescape(quiz.in_progress.report())
    assert prompt in in_progress and NEW_PROMPT not in in_progress

    # The same answers under the new version: "c" now earns full points.
    newcomer.answer_all(picking(CHOSEN))
    newcomer.finish()
    before = quiz.shown[0].reports[quiz.finished.token][1]
    assert area_score(newcomer.report_json()) > area_score(before)
    report = html.unescape(newcomer.report())
    assert NEW_PROMPT in report and prompt not in report


def test_a_retired_question_leaves_new_attempts_and_stays_in_old_ones(app, quiz, signed_in):
    count = quiz.shown[0].question_count
    number = quiz.in_progress.section_of(SCENARIO)
    assert post_form(signed_in, f"/instructor/questions/{SCENARIO}/retire", {},
                     page="/instructor/").status_code == 303

    newcomer = quiz.new_attempt()
    expected = quiz.before()
    del expected[SCENARIO]
    assert contents(newcomer.all_questions()) == expected
    assert SCENARIO not in newcomer.section(number)
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

    def orders(attempt: Attempt) -> dict[str, list[str]]:
        shown = attempt.section(number)
        return {qid: shown[qid].order for qid in (RANKING, SCENARIO)}

    cold = {}
    for attempt in attempts:
        caches.clear_caches()  # what a freshly started process shows this attempt
        cold[attempt.token] = orders(attempt)
    for qid in (RANKING, SCENARIO):
        assert len({tuple(order[qid]) for order in cold.values()}) > 1, f"every attempt orders {qid} alike"
    for attempt in attempts + attempts[::-1]:  # warm, each visit after another attempt's
        assert orders(attempt) == cold[attempt.token]

    # Two attempts ordering the ranking differently answer differently; a third answers nothing.
    first = attempts[0]
    second = next(a for a in attempts if cold[a.token][RANKING] != cold[first.token][RANKING])
    blank = next(a for a in attempts if a not in (first, second))
    answers = {}
    for attempt, reverse in ((first, False), (second, True)):
        shown = attempt.section(number)
        items = sorted(shown[RANKING].order, reverse=reverse)
        answers[attempt.token] = {RANKING: {f"{item}:{i}" for i, item in enumerate(items, start=1)},
                                  SCENARIO: {sorted(shown[SCENARIO].order, reverse=reverse)[0]}}
        attempt.answer(number, lambda qid, q, mine=answers[attempt.token]: sorted(mine.get(qid, ())))
    answers[blank.token] = {RANKING: set(), SCENARIO: set()}
    for attempt in (first, second, blank, second, first, blank):
        shown = attempt.section(number)
        assert {qid: set(shown[qid].chosen) for qid in (RANKING, SCENARIO)} == answers[attempt.token]
        assert orders(attempt) == cold[attempt.token]

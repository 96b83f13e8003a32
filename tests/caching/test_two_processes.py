"""The cache-freshness tests of test_fresh_pages.py over two server processes on one database:
gunicorn servers A and B with one worker each, so that each is exactly one process and
warming it is certain. Whatever one process caches, a change made through the other reaches
it, and neither ever shows an attempt another attempt's options order or answers.

The database is a SQLite file, or PostgreSQL under `make test-postgres` (tests.apps.
empty_database). The servers listen on 127.0.0.1 only and are always stopped."""

from __future__ import annotations

import pytest

from devserver.live_server import LiveServer
from quiz.domain.bank import load_bank
from tests.apps import BANK_DIR, empty_database
from tests.caching import warm
from tests.caching.pages import Attempt, HttpSite

RETIRED = "tech-scn-studio-prep"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A and B, set up as a deploy is (`db upgrade`, `bank load`, an instructor account)."""
    directory = tmp_path_factory.mktemp("two-processes")
    with empty_database(directory) as url:
        pair = [LiveServer(directory, workers=1, database_url=url, name=f"gunicorn-{name}")
                for name in "AB"]
        pair[0].prepare()
        try:
            for server in pair:
                server.start()
            yield pair
        finally:
            for server in pair:
                server.stop()


def form_pairs(fields: dict) -> list[tuple[str, str]]:
    return [(name, item) for name, value in fields.items()
            for item in (value if isinstance(value, list) else [value])]


def test_an_edit_and_a_retirement_made_on_one_process_reach_the_other(servers):
    a, b = servers
    quiz = warm.WarmQuiz.build(lambda: HttpSite(a.port), lambda: HttpSite(b.port))
    count = quiz.shown[1].question_count

    instructor = HttpSite(a.port).sign_in()
    edit = f"/instructor/questions/{warm.SCENARIO}"
    instructor.get(edit)
    fields = warm.scenario_edit(load_bank(BANK_DIR).question(warm.SCENARIO))  # as `bank load` stored it
    assert instructor.post(edit, form_pairs(fields)) == edit
    instructor.get("/instructor/")
    instructor.post(f"/instructor/questions/{RETIRED}/retire", [])

    for server in (1, 0):  # B first: the process the changes were not made through
        newcomer = quiz.new_attempt(server)
        expected = warm.edited(quiz.before(server))
        del expected[RETIRED]
        assert warm.contents(newcomer.all_questions()) == expected, f"server {'AB'[server]}"
        assert newcomer.review().total == count - 1
        assert warm.question_count(newcomer.site.get("/")) == count - 1
    quiz.assert_old_attempts_unchanged()
    quiz.assert_in_progress_scored_as_started(server=1)


def test_each_attempt_sees_its_own_order_and_answers_on_both_processes(servers):
    a, b = servers
    attempts = [Attempt.start(HttpSite(a.port)) for _ in range(6)]
    on_b = {attempt.token: attempt.on(HttpSite(b.port)) for attempt in attempts}
    number = attempts[0].section_of(warm.RANKING)
    seen = {attempt.token: warm.orders(attempt.section(number)) for attempt in attempts}
    first, second, blank = warm.two_orders_and_a_third(attempts, seen)
    for attempt in attempts:  # B shows each the order A showed it, after the others' too
        assert warm.orders(on_b[attempt.token].section(number)) == seen[attempt.token]

    given = {first.token: warm.answer_shuffled(first, number, reverse=False),
             second.token: warm.answer_shuffled(on_b[second.token], number, reverse=True),
             blank.token: warm.NOTHING_CHOSEN}
    for attempt in (first, second, blank):
        for here in (attempt, on_b[attempt.token]):
            shown = here.section(number)
            assert (warm.orders(shown), warm.chosen(shown)) == (seen[attempt.token], given[attempt.token])

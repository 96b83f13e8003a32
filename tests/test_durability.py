"""Durability: gunicorn with several workers over one SQLite file, many takers saving
sections at once, then SIGKILL to the master and every worker in the middle of it.

After a restart every answer whose request was acknowledged (303) must be in the database,
no attempt may be damaged, and the quiz must go on working. (SIGKILL is a process crash, not
a power cut: with WAL and synchronous=NORMAL a committed transaction survives the former.)
Only 127.0.0.1, a few seconds of load, and every loop is bounded.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest

from devserver.live_server import CSRF, FormClient, LiveServer
from quiz.web.taking.section_form import sections
from tests.apps import offered_bank
from tests.takers import answer_pairs

TAKERS = 12
WORKERS = 4
LOAD_SECONDS = 2.0
MAX_REQUESTS_PER_TAKER = 400


@pytest.fixture(scope="module")
def bank_sections():
    return sections(offered_bank())


@dataclass
class Taker:
    """One attempt, saved section after section in a loop by one thread."""

    port: int
    sections: list
    token: str = ""
    csrf: str = ""
    acked: dict[str, list[str]] = field(default_factory=dict)  # question id -> answer
    in_flight: dict[str, list[str]] = field(default_factory=dict)
    saves: int = 0
    error: BaseException | None = None
    client: FormClient | None = None

    def request(self, method: str, path: str, body: str | None = None) -> http.client.HTTPResponse:
        return self.client.send(method, path, body)

    def start(self) -> None:
        self.client = FormClient(self.port, timeout=15)
        self.csrf = self.client.csrf
        self.token = self.client.start_attempt()

    @staticmethod
    def answer(question, round_: int) -> list[str]:
        """A different answer each round, so that a lost save would show."""
        items = [o.id for o in question.options if not o.none]
        if question.type == "ranking":  # an order, stored as it is
            turn = round_ % len(items)
            return items[turn:] + items[:turn]
        if question.type == "rate_options":  # every response a rating ("a:3"), stored sorted
            ratings = [question.kind.option_values(question, option) for option in question.options]
            return sorted(values[(i + round_) % len(values)] for i, values in enumerate(ratings))
        if question.kind.multiple:
            return sorted({items[round_ % len(items)], items[(round_ // 2) % len(items)]})
        return [items[round_ % len(items)]]

    def save(self, round_: int) -> None:
        section = self.sections[round_ % len(self.sections)]
        answers = {q.id: self.answer(q, round_) for q in section.questions}
        body = urlencode([("csrf_token", self.csrf), ("next", "1")]
                         + [pair for q in section.questions for pair in answer_pairs(q, answers[q.id])])
        self.in_flight = answers
        response = self.request("POST", f"/a/{self.token}/section/{section.number}", body)
        assert response.status == 303, (response.status, response.text[:300])
        self.acked.update(answers)  # acknowledged: from now on it must survive
        self.in_flight = {}
        self.saves += 1

    def run(self, stop: threading.Event) -> None:
        try:
            for round_ in range(MAX_REQUESTS_PER_TAKER):
                if stop.is_set():
                    return
                self.save(round_)
        except (ConnectionError, http.client.HTTPException, OSError):
            pass  # the server was killed under us: expected
        except BaseException as error:  # anything else is a failure of the app
            self.error = error


def stored_answers(db_path) -> dict[str, dict[str, list[str]]]:
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT attempt.token, answer.question_id, answer.option_ids "
                          "FROM answer JOIN attempt ON attempt.id = answer.attempt_id").fetchall()
    stored: dict[str, dict[str, list[str]]] = {}
    for token, question_id, options in rows:
        stored.setdefault(token, {})[question_id] = json.loads(options)  # sorted, or an order
    return stored


def test_acknowledged_answers_survive_sigkill_of_every_gunicorn_process(tmp_path, bank_sections):
    server = LiveServer(tmp_path, workers=WORKERS).prepare().start()
    try:
        takers = [Taker(server.port, bank_sections) for _ in range(TAKERS)]
        for taker in takers:
            taker.start()
        stop = threading.Event()
        threads = [threading.Thread(target=t.run, args=(stop,), daemon=True) for t in takers]
        for thread in threads:
            thread.start()
        time.sleep(LOAD_SECONDS)
        in_flight_at_kill = sum(1 for t in takers if t.in_flight)
        server.kill()  # SIGKILL to master and workers alike, mid-request
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        assert not any(thread.is_alive() for thread in threads)
        errors = [t.error for t in takers if t.error]
        assert not errors, errors[0]
        assert sum(t.saves for t in takers) >= TAKERS, "the load never got going"

        with sqlite3.connect(server.db_path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            tokens = {row[0] for row in db.execute("SELECT token FROM attempt")}
        assert {t.token for t in takers} <= tokens

        stored = stored_answers(server.db_path)
        for taker in takers:
            mine = stored.get(taker.token, {})
            for question_id, answer in taker.acked.items():
                # The one request in flight at the kill may or may not have been committed.
                allowed = [answer, taker.in_flight.get(question_id, answer)]
                assert question_id in mine, f"acknowledged answer lost: {taker.token} {question_id}"
                assert mine[question_id] in allowed, (taker.token, question_id, mine[question_id], allowed)
            unexpected = set(mine) - set(taker.acked) - set(taker.in_flight)
            assert not unexpected, f"answers that were never sent: {unexpected}"

        server.start()  # same database, fresh processes
        for taker in takers:
            page = taker.request("GET", f"/a/{taker.token}/section/1")
            assert page.status == 200
        survivor = takers[0]
        survivor.save(0)  # saving still works after the crash ...
        review = survivor.request("GET", f"/a/{survivor.token}/review")
        token = CSRF.search(review.text).group(1)
        finish = survivor.request("POST", f"/a/{survivor.token}/finish",
                                  f"csrf_token={token}&finish_anyway=1")
        assert finish.status == 303
        assert survivor.request("GET", f"/report/{survivor.token}").status == 200  # ... and reports
        fresh = Taker(server.port, bank_sections)
        fresh.start()
        fresh.save(1)
        print(f"{sum(t.saves for t in takers)} saves acknowledged, {in_flight_at_kill} in flight at kill")
    finally:
        server.stop()

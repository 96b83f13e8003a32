"""A bank import while takers save their answers, through gunicorn on one database: the
import never holds the write lock long enough to fail a taker's save. A bank past the size
limit is refused before any of it is written; one just under it is saved in one short
transaction. A SQLite file, or PostgreSQL under `make test-postgres`."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, func, select

from devserver.live_server import CSRF, FormClient, LiveServer
from quiz.domain.bank.loader import MAX_QUESTIONS
from quiz.platform import models
from quiz.web.taking.section_form import sections
from tests.apps import offered_bank
from tests.factories import many_questions_yaml
from tests.takers import answer_pairs
from tests.web.instructor.test_bank_transfer import import_errors, zipped

TAKERS = 4
WORKERS = 3
IMPORT_PAGE = "/instructor/bank/import"


@pytest.fixture
def server(shared_database, tmp_path):
    server = LiveServer(tmp_path, workers=WORKERS, database_url=shared_database).prepare()
    try:
        yield server.start()
    finally:
        server.stop()


class Takers:
    """Takers saving section after section in threads until stopped; every status kept."""

    def __init__(self, port: int):
        self.bank_sections = sections(offered_bank())
        self.clients = [FormClient(port) for _ in range(TAKERS)]
        self.statuses: list[tuple[float, int, str]] = []  # when, status, start of the body
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(c,)) for c in self.clients]

    def _run(self, client: FormClient) -> None:
        token = client.start_attempt()
        for round_ in range(10_000):
            if self.stop.is_set():
                return
            section = self.bank_sections[round_ % len(self.bank_sections)]
            body = urlencode([("csrf_token", client.csrf), ("next", "1")] + [
                pair for q in section.questions for pair in answer_pairs(q, q.kind.best_answer(q))])
            response = client.send("POST", f"/a/{token}/section/{section.number}", body)
            self.statuses.append((time.monotonic(), response.status, response.text[:500]))

    def __enter__(self) -> Takers:
        for thread in self.threads:
            thread.start()
        while len(self.statuses) < TAKERS:  # all of them under way
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def saves_between(self, start: float, end: float) -> list[tuple[int, str]]:
        return [(status, text) for when, status, text in self.statuses if start <= when <= end]


def import_while_takers_save(server: LiveServer, questions: int):
    """Upload a zip with one extra area file of `questions` questions while takers save;
    the import's response and the takers' saves made while it ran."""
    instructor = FormClient(server.port, timeout=120)
    instructor.sign_in()
    instructor.csrf = CSRF.search(instructor.send("GET", "/instructor/bank").text).group(1)
    upload = zipped(("technical-bulk.yaml", many_questions_yaml(questions).encode()))
    with Takers(server.port) as takers:
        start = time.monotonic()
        response = instructor.upload(IMPORT_PAGE, "files", "bank.zip", upload)
        end = time.monotonic()
        time.sleep(0.5)  # saves queued behind the import's transaction come back too
    return response, takers.saves_between(start, time.monotonic()), end - start


def question_count(server: LiveServer) -> int:
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(models.Question))
    finally:
        engine.dispose()


def assert_every_save_went_through(saves, server: LiveServer) -> None:
    assert saves, "no taker saved while the import ran"
    failed = [(status, text) for status, text in saves if status != 303]
    assert not failed, failed[:3]
    assert "database is locked" not in server.log()
    assert "Traceback" not in server.log()


def test_a_6000_question_import_is_refused_as_too_large_and_takers_save_on(server):
    before = question_count(server)
    response, saves, _ = import_while_takers_save(server, 6000)
    assert response.status == 413
    assert import_errors(response.text) == [
        f"upload: the bank has {before + 6000:,} questions; a bank may hold at most {MAX_QUESTIONS:,}."]
    assert question_count(server) == before
    assert_every_save_went_through(saves, server)


def test_an_import_up_to_the_limit_is_saved_while_takers_save_on(server):
    before = question_count(server)
    response, saves, seconds = import_while_takers_save(server, MAX_QUESTIONS - before)
    assert response.status == 303, import_errors(response.text)
    assert question_count(server) == MAX_QUESTIONS
    assert_every_save_went_through(saves, server)
    print(f"import of {MAX_QUESTIONS - before} questions took {seconds:.1f} s; "
          f"{len(saves)} takers' saves meanwhile, all 303")

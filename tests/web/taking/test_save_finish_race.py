"""A section save racing Finish, through gunicorn with several workers: the save either lands
before the finish (303, its answers stored no later than finished_at) or is refused (409,
nothing stored). Never an answer written after the attempt was finished.

Runs on a SQLite file, and on PostgreSQL under `make test-postgres` (TEST_DATABASE_URL)."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from devserver.live_server import FormClient, LiveServer
from quiz.platform import models
from quiz.web.taking.section_form import sections
from tests.takers import answer_pairs

ROUNDS = 60
RACES_AT_ONCE = 3  # attempts raced side by side, so every worker is busy
WORKERS = 4
STAGGER = 0.03  # seconds between the save and the finish, at most


@pytest.fixture
def server(shared_database, tmp_path):
    server = LiveServer(tmp_path, workers=WORKERS, database_url=shared_database)
    server.flask("db", "upgrade")
    server.flask("bank", "load")
    try:
        yield server.start()
    finally:
        server.stop()


def race(client: FormClient, section, seed: int) -> tuple[str, int, int, dict[str, list[str]]]:
    """Start an attempt, then post one section and Finish at (nearly) the same moment;
    the attempt's token, the save's status, the finish's status and the answers sent."""
    token = client.start_attempt()
    answers = {q.id: list(q.kind.best_answer(q)) for q in section.questions}
    body = urlencode([("csrf_token", client.csrf), ("next", "1")]
                     + [pair for q in section.questions for pair in answer_pairs(q, answers[q.id])])
    # Either request may go out first, the other up to STAGGER later, so the finish overtakes
    # the save in some rounds and not in others whichever of the two the server handles faster
    # (by less than STAGGER). Were only the finish to wait, a fast enough save would win them all.
    finish_delay = random.Random(seed).uniform(-STAGGER, STAGGER)  # negative: the save waits
    gate = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def save():
        gate.wait()
        time.sleep(max(0.0, -finish_delay))
        statuses["save"] = client.send("POST", f"/a/{token}/section/{section.number}", body).status

    def finish():
        gate.wait()
        time.sleep(max(0.0, finish_delay))
        statuses["finish"] = client.send("POST", f"/a/{token}/finish",
                                        f"csrf_token={client.csrf}&finish_anyway=1").status

    threads = [threading.Thread(target=save), threading.Thread(target=finish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return token, statuses.get("save"), statuses.get("finish"), answers


def test_a_save_racing_finish_lands_before_it_or_is_refused(server, shared_database, offered_bank):
    bank_sections = sections(offered_bank)
    client = FormClient(server.port)
    with ThreadPoolExecutor(RACES_AT_ONCE) as pool:
        results = list(pool.map(lambda i: race(client, bank_sections[i % len(bank_sections)], i),
                                range(ROUNDS)))

    engine = create_engine(shared_database)
    try:
        with Session(engine) as session:
            for token, save_status, finish_status, sent in results:
                attempt = session.scalar(select(models.Attempt).where(models.Attempt.token == token))
                stored = {a.question_id: a for a in attempt.answers}
                assert finish_status == 303
                assert attempt.finished_at is not None
                for answer in stored.values():
                    assert answer.created_at <= attempt.finished_at, (token, answer.question_id)
                    assert answer.updated_at <= attempt.finished_at, (token, answer.question_id)
                if save_status == 303:
                    assert {qid: a.option_ids for qid, a in stored.items()} == sent, token
                else:
                    assert save_status == 409, (token, save_status)
                    assert stored == {}, token
    finally:
        engine.dispose()
    outcomes = [save for _, save, _, _ in results]
    print(f"{outcomes.count(303)} saves landed before the finish, {outcomes.count(409)} refused")
    assert 303 in outcomes and 409 in outcomes, "the requests never raced"
    assert "Traceback" not in server.log()

"""Time to render a group's dashboard with 500 finished attempts (target: under 300 ms), and
the same for its CSV. Each attempt's scores were stored when it was finished, as in the app;
the population behind the per-question facilities is those 500 plus 500 outside the group.
The first request computes the per-question tallies, which later ones reuse until another
attempt is finished: both are printed, and then the view that follows each of a few more
finishes (what a teacher sees while the class is taking the quiz).

Run: .venv/bin/python benchmarks/groups.py
"""

from __future__ import annotations

import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.security import generate_password_hash  # noqa: E402

from quiz import create_app
from quiz.domain.bank import load_bank  # noqa: E402
from quiz.platform import models  # noqa: E402
from quiz.platform.extensions import db  # noqa: E402
from quiz.platform.stores import bank as bank_store  # noqa: E402
from quiz.platform.stores import results as finished_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GROUP_SIZE = 500
OUTSIDE = 500
RUNS = 15
AFTER_A_FINISH = 7


def populate(group: models.Group, rng: random.Random, count: int = GROUP_SIZE + OUTSIDE,
             outside: int = OUTSIDE) -> None:
    """Finished attempts with varied answers: each taker has a skill level per area; the
    first `count - outside` are in the group."""
    bank = bank_store.current_bank()
    for index in range(count):
        skill = {a.key: rng.random() for a in bank.areas}
        attempt = models.Attempt(version_ids=[q.version_id for q in bank.questions],
                                 group=group if index < count - outside else None,
                                 display_name=f"Taker {index}" if index % 3 == 0 else None,
                                 finished_at=models.utcnow())
        db.session.add(attempt)
        db.session.flush()
        for question in bank.questions:
            if rng.random() < 0.05:
                continue  # skipped
            ranked = sorted(question.options, key=lambda o: o.points)
            pick = ranked[min(len(ranked) - 1, int(skill[question.area] * len(ranked) + rng.random() - .5))]
            db.session.add(models.Answer(attempt_id=attempt.id, question_id=question.id,
                                         version_id=question.version_id, option_ids=[pick.id]))
    db.session.commit()
    finished_results.record_missing()  # what finishing each attempt stores, done in one go here


def timed(client, url: str, runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per request. On a busy machine the wall clock includes
    waiting for a core; the CPU time is what the request itself costs."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return wall, cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SECRET_KEY": secrets.token_hex(32), "PUBLIC_URL": "http://127.0.0.1",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.sqlite3"})
        with app.app_context():
            db.create_all()
            bank_store.save_bank(load_bank(ROOT / "questions"))
            owner = models.Instructor(email="bench@example.org",
                                      password_hash=generate_password_hash("benchmark password", "pbkdf2:sha256:1000"))
            group = models.Group(name="Benchmark class", owner=owner)
            db.session.add(group)
            db.session.commit()
            rng = random.Random(13)
            populate(group, rng)
            group_id = group.id
        client = app.test_client()
        login = client.get("/instructor/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
        client.post("/instructor/login", data={"email": "bench@example.org", "password": "benchmark password",
                                               "csrf_token": csrf})
        for label, url in [("dashboard", f"/instructor/groups/{group_id}"),
                           ("CSV", f"/instructor/groups/{group_id}/attempts.csv")]:
            wall, cpu = timed(client, url)
            print(f"group {label}, first request: {wall[0]:.0f} ms (CPU {cpu[0]:.0f} ms)")
            wall, cpu = wall[1:], cpu[1:]
            print(f"group {label}, {GROUP_SIZE} finished attempts: median {statistics.median(wall):.0f} ms "
                  f"(CPU {statistics.median(cpu):.0f} ms), slowest {max(wall):.0f} ms over the next {RUNS - 1} requests")
        # What a teacher sees while the class is taking the quiz: one more taker finishes, then
        # the dashboard is viewed (its tallies computed afresh).
        wall, cpu = [], []
        for _ in range(AFTER_A_FINISH):
            with app.app_context():
                populate(db.session.get(models.Group, group_id), rng, count=1, outside=0)
            one_wall, one_cpu = timed(client, f"/instructor/groups/{group_id}", runs=1)
            wall += one_wall
            cpu += one_cpu
        print(f"group dashboard, first view after another taker finishes: median {statistics.median(wall):.0f} ms "
              f"(CPU {statistics.median(cpu):.0f} ms), slowest {max(wall):.0f} ms over {AFTER_A_FINISH} finishes")


if __name__ == "__main__":
    main()

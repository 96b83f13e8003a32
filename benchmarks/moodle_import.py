"""Time to import a 1,000-question Moodle XML file (0.62 MB) through the instructor's pages:
the upload (read, planned and shown for review; nothing saved) and the confirm (read again,
every question checked by the bank's rules and saved in one transaction), beside the real
bank's 91 questions (BANK_MAX_QUESTIONS raised to 2,000 to make room; at the default of 1,000
such an import is refused whole, and the refusal is timed too).

Budget: each step well inside gunicorn's 30-second worker timeout, and under 5 seconds so a
teacher is not left waiting.

Run: .venv/bin/python benchmarks/moodle_import.py
"""

from __future__ import annotations

import io
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.security import generate_password_hash

from quiz import create_app
from quiz.domain.bank import load_bank
from quiz.domain.bank.loader import MAX_QUESTIONS
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.domain.bank.moodle.generated import many_questions_xml

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
UPLOAD = re.compile(r'name="upload" type="hidden" value="([^"]+)"')


def timed(action):
    start, start_cpu = time.perf_counter(), time.process_time()
    response = action()
    return response, (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000


def upload(client, name: str, content: bytes):
    token = TOKEN.search(client.get("/instructor/bank").get_data(as_text=True)).group(1)
    return client.post("/instructor/bank/import", content_type="multipart/form-data",
                       data={"csrf_token": token, "files": [(io.BytesIO(content), name)]})


def confirm(client, review: str):
    return client.post("/instructor/bank/import/moodle", data={
        "csrf_token": TOKEN.search(review).group(1), "upload": UPLOAD.search(review).group(1),
        "area": "technical", "topics": ["skill-technical"], "weight": "1", "next_step": ""})


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SECRET_KEY": secrets.token_hex(32),
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.sqlite3"})
        with app.app_context():
            db.create_all()
            bank_store.save_bank(load_bank(ROOT / "questions"))
            db.session.add(models.Instructor(email="bench@example.org", password_hash=generate_password_hash(
                "benchmark password", "pbkdf2:sha256:1000")))
            db.session.commit()
        client = app.test_client()
        login = client.get("/instructor/login").get_data(as_text=True)
        client.post("/instructor/login", data={"email": "bench@example.org", "password": "benchmark password",
                                               "csrf_token": TOKEN.search(login).group(1)})
        thousand = many_questions_xml(1000)
        response, wall, cpu = timed(lambda: upload(client, "big.xml", thousand))
        assert response.status_code == 200, response.status_code
        print(f"upload and review, 1,000 questions ({len(thousand) / 1024 / 1024:.2f} MB): {wall:.0f} ms "
              f"(CPU {cpu:.0f} ms)")
        review = response.get_data(as_text=True)
        response, wall, cpu = timed(lambda: confirm(client, review))
        assert response.status_code == 422, response.status_code
        print(f"confirm refused at the default limit of {MAX_QUESTIONS:,} questions: {wall:.0f} ms (CPU {cpu:.0f} ms)")
        app.config["BANK_MAX_QUESTIONS"] = 2 * MAX_QUESTIONS
        response, wall, cpu = timed(lambda: confirm(client, review))
        assert response.status_code == 303, response.status_code
        print(f"confirm, 1,000 questions checked and saved: {wall:.0f} ms (CPU {cpu:.0f} ms)")

if __name__ == "__main__":
    main()

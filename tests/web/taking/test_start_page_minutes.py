"""The start page says how long the quiz takes from the bank's timing estimate (issue 32: it
said 25 minutes, from a flat 20 seconds a question, while the README said 30)."""

from __future__ import annotations

import re

from sqlalchemy import update

from quiz.domain.bank.timing import stated_minutes
from quiz.platform import models
from quiz.platform.extensions import db


def minutes_on(client) -> int:
    return int(re.search(r"It takes about <strong>(\d+) minutes</strong>", client.get("/").get_data(as_text=True))[1])


def test_the_start_page_states_the_estimate_of_the_questions_a_new_attempt_gets(client, offered_bank):
    assert minutes_on(client) == stated_minutes(offered_bank.questions)


def test_retiring_questions_shortens_the_stated_time(app, client, offered_bank):
    kept = [q for q in offered_bank.questions if q.area == offered_bank.areas[0].key]
    with app.app_context():
        db.session.execute(update(models.Question).where(models.Question.id.not_in([q.id for q in kept]))
                           .values(retired=True))
        db.session.commit()
    assert minutes_on(client) == stated_minutes(kept) < stated_minutes(offered_bank.questions)

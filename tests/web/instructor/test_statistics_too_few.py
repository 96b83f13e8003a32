"""The statistics page with three first attempts: where a figure needs more attempts than
that, it says "not enough data yet" instead of an impossible-looking value (alpha -12,
discrimination -0.87, an error ratio of 361 %)."""

from __future__ import annotations

import re

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests import factories
from tests.instructors import finished_attempt

TOO_FEW = "not enough data yet"
# s1 (rating) 1 0 .5 against s2 (choice) 0 1 1: alpha -12, discrimination -0.87 each
PULLING_APART = [{"s1": ["5"], "s2": ["c"]}, {"s1": ["1"], "s2": ["a"]}, {"s1": ["3"], "s2": ["a"]}]


def cells(row: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]


def test_three_attempts_show_not_enough_data_instead_of_impossible_figures(app, signed_in):
    with app.app_context():
        for row in db.session.scalars(db.select(models.Question).where(models.Question.area_key == "technical")):
            row.retired = True
        for question in (factories.rating("s1"), factories.choice("s2")):
            bank_store.save_question(question)
        db.session.commit()
    for answers in PULLING_APART:
        finished_attempt(app, answers, ("s1", "s2"))

    html = signed_in.get("/instructor/statistics").get_data(as_text=True)

    reliability = cells(re.search(r'<tr id="reliability-technical">(.*?)</tr>', html, re.S)[1])
    # active questions, first attempts, mean, SD, then alpha, SEM and error ratio
    assert reliability[:2] == ["2", "3"]
    assert reliability[4:] == [TOO_FEW] * 3
    for question_id in ("s1", "s2"):
        item = cells(re.search(rf'<tr id="item-{question_id}"[^>]*>(.*?)</tr>', html, re.S)[1])
        # answered, facility, SD, then discrimination, efficiency, alpha if deleted
        assert item[0] == "3"
        assert item[3:] == [TOO_FEW] * 3, item
    assert ", r " not in html  # nor a correlation per answer

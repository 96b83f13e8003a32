"""The statistics page and the CSV export, on the small data set of test_stats.py stored as
real attempts in the database."""

from __future__ import annotations

import csv
import io
import re

import pytest

from quiz import models, store
from quiz.extensions import db
from tests import factories
from tests.instructor.conftest import finished_attempt

IDS = ("s1", "s2", "s3")
#   taker   s1 (rating)  s2 (choice 3/1/0)  s3 (rating)   technical score
#   1       "5" -> 1     "a" -> 1           "5" -> 1      100
#   2       "5" -> 1     "c" -> 0           "5" -> 1      66.7
#   3       "1" -> 0     "a" -> 1           "1" -> 0      33.3
#   4       "1" -> 0     "c" -> 0           "1" -> 0      0
#   5       "3" -> .5    "c" -> 0           (skipped)     25
ANSWERS = [
    {"s1": ["5"], "s2": ["a"], "s3": ["5"]},
    {"s1": ["5"], "s2": ["c"], "s3": ["5"]},
    {"s1": ["1"], "s2": ["a"], "s3": ["1"]},
    {"s1": ["1"], "s2": ["c"], "s3": ["1"]},
    {"s1": ["3"], "s2": ["c"]},
]


@pytest.fixture
def data_set(app):
    """Three technical questions (the others retired), five finished attempts, one unfinished."""
    with app.app_context():
        for row in db.session.scalars(db.select(models.Question).where(models.Question.area_key == "technical")):
            row.retired = True
        for question in (factories.rating("s1"), factories.choice("s2"), factories.rating("s3")):
            store.save_question(question)
        db.session.commit()
    ids = [finished_attempt(app, answers, IDS) for answers in ANSWERS]
    finished_attempt(app, {"s1": ["1"], "s2": ["b"]}, IDS, finished=False)
    return ids


def item_row(html: str, question_id: str) -> tuple[str, list[str]]:
    row = re.search(rf'<tr id="item-{question_id}"[^>]*>(.*?)</tr>', html, re.S).group(0)
    return row, re.findall(r'<td class="num">(.*?)</td>', row)


def test_statistics_page_figures(data_set, signed_in):
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    assert "5 finished attempts." in html
    # answered, facility, discrimination as worked out in test_stats.py
    assert item_row(html, "s1")[1] == ["5", "0.50", "0.60"]
    assert item_row(html, "s2")[1] == ["5", "0.40", "0.09"]
    assert item_row(html, "s3")[1] == ["4", "0.50", "0.71"]
    reliability = re.search(r'<a href="#area-technical">Technical skills</a></th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', reliability) == ["3", "4", "0.60"]


def test_statistics_page_warns_about_low_discrimination(data_set, signed_in):
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    row, _ = item_row(html, "s2")
    assert 'class="flagged"' in row and "Near-zero discrimination" in row
    assert 'class="flagged"' not in item_row(html, "s1")[0]
    assert '1 question to look at:</strong>\n    <a href="#item-s2">s2</a>' in html


def test_statistics_page_answer_distribution(data_set, signed_in):
    row, _ = item_row(signed_in.get("/instructor/statistics").get_data(as_text=True), "s2")
    counts = re.findall(r'<span class="share-text">(.*?)</span>\s*<span class="share-count">(.*?)</span>', row)
    assert counts == [("Option 0", "2 (40%)"), ("Option 1", "0 (0%)"), ("Option 2", "3 (60%)")]


def test_statistics_page_with_no_attempts(signed_in):
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    assert "0 finished attempts." in html
    assert "to look at:" not in html


def test_csv_export_of_finished_attempts(app, data_set, signed_in):
    response = signed_in.get("/instructor/attempts.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == "attachment; filename=finished-attempts.csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 5  # the unfinished attempt is left out
    with app.app_context():
        bank = store.current_bank(include_retired=True)
    assert list(rows[0]) == (["attempt", "previous_attempt", "finished_at"]
                             + [f"score_{a.key}" for a in bank.areas] + ["overall"]
                             + [q.id for q in bank.questions])
    assert [r["attempt"] for r in rows] == [str(i) for i in data_set]
    assert [r["score_technical"] for r in rows] == ["100.0", "66.7", "33.3", "0.0", "25.0"]
    assert [r["overall"] for r in rows] == ["100.0", "66.7", "33.3", "0.0", "25.0"]
    assert rows[0]["score_business"] == ""  # nothing answered there
    assert [(r["s1"], r["s2"], r["s3"]) for r in rows] == [
        ("5", "a", "5"), ("5", "c", "5"), ("1", "a", "1"), ("1", "c", "1"), ("3", "c", "")]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", rows[0]["finished_at"])


def test_csv_lists_every_option_of_a_checklist(app, signed_in):
    attempt = finished_attempt(app, {"tech-chk-recording-work": ["multitrack", "full-mix"]})
    rows = list(csv.DictReader(io.StringIO(signed_in.get("/instructor/attempts.csv").get_data(as_text=True))))
    assert rows[0]["attempt"] == str(attempt)
    assert rows[0]["tech-chk-recording-work"] == "full-mix;multitrack"


def test_csv_has_no_private_tokens(app, data_set, signed_in):
    body = signed_in.get("/instructor/attempts.csv").get_data(as_text=True)
    with app.app_context():
        for attempt in db.session.scalars(db.select(models.Attempt)):
            assert attempt.token not in body and attempt.resume_code not in body


def test_a_ranking_is_scored_in_the_order_it_was_given(app, signed_in):
    """Facility goes through the type's score, so the stored order must reach it: the key
    order scores 1 and one neighbour swap 0.75 (see quiz/question_types/ranking.py)."""
    with app.app_context():
        store.save_question(factories.ranking("r1", area="technical"))
        db.session.commit()
    finished_attempt(app, {"r1": ["a", "b", "c", "d"]}, ["r1"])
    finished_attempt(app, {"r1": ["b", "a", "c", "d"]}, ["r1"])
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    assert item_row(html, "r1")[1][:2] == ["2", "0.88"]  # answered, facility (1 + 0.75) / 2
    rows = list(csv.DictReader(io.StringIO(signed_in.get("/instructor/attempts.csv").get_data(as_text=True))))
    assert [r["r1"] for r in rows] == ["a;b;c;d", "b;a;c;d"]

"""The statistics page, its stored figures and the CSV export, on the small data set of
test_stats.py stored as real attempts in the database."""

from __future__ import annotations

import re

import pytest
import sqlalchemy

from quiz.domain.statistics import items as stats
from quiz.domain.statistics import norms
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores import finished_attempts as results
from quiz.platform.stores import statistics as stored_statistics
from tests import factories
from tests.csv_files import rows_by_id
from tests.instructors import finished_attempt

IDS = ("s1", "s2", "s3")
#   taker   s1 (rating)  s2 (choice 3/1/0)  s3 (rating)   technical score
#   1       "5" -> 1     "a" -> 1           "5" -> 1      100
#   2       "5" -> 1     "c" -> 0           "5" -> 1      66.7
#   3       "1" -> 0     "a" -> 1           "1" -> 0      33.3
#   4       "1" -> 0     "c" -> 0           "1" -> 0      0
#   5       "3" -> .5    "a" -> 1           (skipped)     75
ANSWERS = [
    {"s1": ["5"], "s2": ["a"], "s3": ["5"]},
    {"s1": ["5"], "s2": ["c"], "s3": ["5"]},
    {"s1": ["1"], "s2": ["a"], "s3": ["1"]},
    {"s1": ["1"], "s2": ["c"], "s3": ["1"]},
    {"s1": ["3"], "s2": ["a"]},
]


@pytest.fixture
def data_set(app):
    """Three technical questions (the others retired), five finished attempts, one unfinished."""
    with app.app_context():
        for row in db.session.scalars(db.select(models.Question).where(models.Question.area_key == "technical")):
            row.retired = True
        for question in (factories.rating("s1"), factories.choice("s2"), factories.rating("s3")):
            bank_store.save_question(question)
        db.session.commit()
    ids = [finished_attempt(app, answers, IDS) for answers in ANSWERS]
    finished_attempt(app, {"s1": ["1"], "s2": ["b"]}, IDS, finished=False)
    return ids


CI = "95 % interval: "  # read out before each interval, hidden on screen


def item_row(html: str, question_id: str) -> tuple[str, list[str]]:
    row = re.search(rf'<tr id="item-{question_id}"[^>]*>(.*?)</tr>', html, re.S).group(0)
    return row, cells(row)


def cells(row: str) -> list[str]:
    """The row's figures, tags stripped: '0.60 95 % interval: -0.60 to 0.97' for a figure with
    its interval."""
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]


def area_row(html: str, area: str) -> list[str]:
    return cells(re.search(rf'<tr id="reliability-{area}">(.*?)</tr>', html, re.S).group(1))


def page(client) -> str:
    response = client.get("/instructor/statistics")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_statistics_page_figures(data_set, signed_in):
    html = page(signed_in)
    assert "From 5 finished first attempts. 0 retakes" in html
    # answered, facility, SD, then discrimination, efficiency and alpha if deleted: too few
    # attempts for those (the values worked out by hand are checked in test_stats.py)
    too_few = ["not enough data yet"] * 3
    assert item_row(html, "s1")[1] == ["5", "0.50", "0.50", *too_few]
    assert item_row(html, "s2")[1] == ["5", "0.60", "0.55", *too_few]
    assert item_row(html, "s3")[1] == ["4", "0.50", "0.58", *too_few]
    # active questions, first attempts, mean, SD, then alpha, SEM and error ratio: too few
    assert area_row(html, "technical") == ["3", "5", "55.0", "38.9", *too_few]


def test_statistics_page_figures_from_the_minimum_counts(app, data_set, signed_in):
    """The data set five times over: 25 first attempts, 20 of them answering s3, each figure's
    minimum. A correlation and
    alpha are the same over copies of the same rows (only their intervals narrow), so the
    values worked out by hand in test_stats.py are shown."""
    for _ in range(4):
        for answers in ANSWERS:
            finished_attempt(app, answers, IDS)
    html = page(signed_in)
    figures = [cells[3:6] for cells in (item_row(html, qid)[1] for qid in IDS)]
    assert [[cell.split(" ")[0] for cell in row] for row in figures] == [
        ["0.60", "67", "0.00"], ["0.00", "0", "1.05"], ["0.71", "100", "0.00"]]  # 1.05: pairwise n differ
    assert all(CI in row[0] for row in figures)
    assert area_row(html, "technical")[4] == f"0.63 {CI}0.23 to 0.84"  # 0.63, not 0.65: pairwise n differ


def test_statistics_page_answer_distribution(data_set, signed_in):
    row, _ = item_row(page(signed_in), "s2")
    counts = re.findall(r'<span class="share-text">(.*?)</span>\s*<span class="share-count">(.*?)</span>', row)
    # no r per answer from 5 attempts: too few (MIN_PAIRS_FOR_DISCRIMINATION)
    assert counts == [("Option 0", "3 (60%)"), ("Option 1", "0 (0%)"), ("Option 2", "2 (40%)")]


def test_statistics_page_with_no_attempts(signed_in):
    html = page(signed_in)
    assert "From 0 finished first attempts." in html
    assert "Provisional figures." in html and "to look at:" not in html


def test_retakes_are_counted_apart(app, data_set, signed_in):
    before = page(signed_in)
    # Two retakes answering the opposite way would change every figure if they were counted.
    for previous in data_set[:2]:
        finished_attempt(app, {"s1": ["1"], "s2": ["a"], "s3": ["5"]}, IDS, previous_id=previous)
    html = page(signed_in)
    assert "From 5 finished first attempts. 2 retakes" in html
    for question in IDS:
        assert item_row(html, question)[1] == item_row(before, question)[1]
    assert area_row(html, "technical") == area_row(before, "technical")


def strong_takers_pick_the_worthless_option(app, count: int) -> None:
    """`count` first attempts: every fourth taker is strong (5 on both ratings) and chooses
    s2's worthless option "c"; the others rate 1 and choose the best option "a"."""
    for i in range(count):
        finished_attempt(app, {"s1": ["5"], "s3": ["5"], "s2": ["c"]} if i % 4 == 0
                         else {"s1": ["1"], "s3": ["1"], "s2": ["a"]}, IDS)


def test_no_flags_below_the_threshold(app, data_set, signed_in):
    strong_takers_pick_the_worthless_option(app, stats.PROVISIONAL_BELOW - 1 - len(data_set))
    html = page(signed_in)
    assert f"From {stats.PROVISIONAL_BELOW - 1} finished first attempts." in html
    assert "Provisional figures." in html
    assert "to look at:" not in html and 'class="flagged"' not in html and 'class="warning"' not in html


def test_flags_from_the_threshold_on(app, data_set, signed_in):
    strong_takers_pick_the_worthless_option(app, stats.PROVISIONAL_BELOW - len(data_set))
    html = page(signed_in)
    assert f"From {stats.PROVISIONAL_BELOW} finished first attempts." in html
    assert "Provisional figures." not in html
    assert '1 question to look at:</strong>\n    <a href="#item-s2">s2</a>' in html
    row, _ = item_row(html, "s2")
    assert 'class="flagged"' in row and "Negative discrimination" in row
    assert "“Option 2” earns no points, yet takers who do well on the rest of this area choose it" in row
    assert '<li class="warning"><span class="share-text">Option 2</span>' in row
    assert 'class="flagged"' not in item_row(html, "s1")[0]


def test_old_option_names_are_kept(app, data_set, signed_in):
    with app.app_context():  # a new version of s2 without option "c", which two takers chose
        bank_store.save_question(factories.choice("s2", points=(3, 1)))
        db.session.commit()
    row, _ = item_row(page(signed_in), "s2")
    assert re.findall(r'<span class="share-text">(.*?)</span>', row) == ["Option 0", "Option 1", "Option 2"]
    assert '<span class="share-count">2 (40%)' in row


class Computations:
    """Counts how often the statistics are computed from the attempts."""

    def __init__(self, monkeypatch):
        self.count = 0
        compute = results.compute_statistics

        def counted(bank):
            self.count += 1
            return compute(bank)
        monkeypatch.setattr(results, "compute_statistics", counted)


def stored_snapshots(app) -> list[tuple[int, int]]:
    with app.app_context():
        rows = db.session.scalars(db.select(models.StatisticsSnapshot))
        return [(row.id, row.first_attempts) for row in rows]


def test_figures_are_stored_and_reused(app, data_set, signed_in, monkeypatch):
    computations = Computations(monkeypatch)
    first = page(signed_in)
    assert computations.count == 1
    [(row_id, covered)] = stored_snapshots(app)
    assert covered == 5
    with app.app_context():
        statements = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731  (the statement's text)
        sqlalchemy.event.listen(db.engine, "before_cursor_execute", listen)
        try:
            second = page(signed_in)
        finally:
            sqlalchemy.event.remove(db.engine, "before_cursor_execute", listen)
    assert computations.count == 1  # not recomputed
    assert not [s for s in statements if "FROM answer" in s]  # no answer was read
    assert stored_snapshots(app) == [(row_id, 5)]
    assert item_row(second, "s1") == item_row(first, "s1")


def test_figures_are_never_stale_one_finished_attempt_recomputes_them(app, data_set, signed_in, monkeypatch):
    computations = Computations(monkeypatch)
    assert "From 5 finished first attempts." in page(signed_in)
    finished_attempt(app, ANSWERS[0], IDS)
    html = page(signed_in)
    assert computations.count == 2
    assert "From 6 finished first attempts." in html
    assert [covered for _, covered in stored_snapshots(app)] == [6]  # one row kept
    page(signed_in)
    assert computations.count == 2  # current figures are read, not recomputed


def test_figures_are_recomputed_when_the_bank_changes(app, data_set, signed_in, monkeypatch):
    computations = Computations(monkeypatch)
    page(signed_in)
    with app.app_context():
        db.session.get(models.Question, "s3").retired = True
        db.session.commit()
    html = page(signed_in)
    assert computations.count == 2
    assert area_row(html, "technical")[0] == "2"  # active questions


def test_recompute_from_the_command_line(app, data_set):
    result = app.test_cli_runner().invoke(args=["stats", "refresh"])
    assert result.exit_code == 0, result.output
    assert "Statistics recomputed over 5 first attempts (0 retakes not counted)." in result.output
    assert [covered for _, covered in stored_snapshots(app)] == [5]


def test_area_norms_come_from_the_stored_figures(app, data_set, signed_in):
    with app.app_context():
        assert norms.area_norms(stored_statistics.latest_areas()) == {}  # nothing computed yet, and reading norms computes nothing
    page(signed_in)
    with app.app_context():
        found = norms.area_norms(stored_statistics.latest_areas())
    # technical as worked out in test_stats.py: SD 38.9087, alpha 20/31 over 3 active questions;
    # areas where nobody answered anything have no SD and are left out
    assert list(found) == ["technical"]
    technical = found["technical"]
    assert (technical.area, technical.first_attempts, technical.sd, technical.alpha, technical.items) == \
        ("technical", 5, pytest.approx(38.908725), pytest.approx(20 / 31), 3)
    # the self-ratings (s1, s3) and the scenario (s2) kept apart for the self-view standing;
    # one scenario has no alpha
    assert (technical.self_view.items, technical.tested.items, technical.tested.alpha) == (2, 1, None)


def test_csv_export_of_finished_attempts(app, data_set, signed_in):
    response = signed_in.get("/instructor/attempts.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == "attachment; filename=finished-attempts.csv"
    rows = rows_by_id(response.get_data(as_text=True))
    assert len(rows) == 5  # the unfinished attempt is left out
    with app.app_context():
        bank = bank_store.current_bank(include_retired=True)
    assert list(rows[0]) == (["attempt", "previous_attempt", "finished_at"]
                             + [f"score_{a.key}" for a in bank.areas] + ["overall"]
                             + [c for q in bank.questions if not q.retired for c in (q.id, f"{q.id} (text)")])  # retired and unanswered: none
    assert [r["attempt"] for r in rows] == [str(i) for i in data_set]
    assert [r["score_technical"] for r in rows] == ["100.0", "66.7", "33.3", "0.0", "75.0"]
    assert [r["overall"] for r in rows] == ["100.0", "66.7", "33.3", "0.0", "75.0"]
    assert rows[0]["score_business"] == ""  # nothing answered there
    assert [(r["s1"], r["s2"], r["s3"]) for r in rows] == [
        ("5", "a", "5"), ("5", "c", "5"), ("1", "a", "1"), ("1", "c", "1"), ("3", "a", "")]
    # the options' texts beside their ids, as the taker read them
    assert [r["s2 (text)"] for r in rows] == ["Option 0", "Option 2", "Option 0", "Option 2", "Option 0"]
    assert rows[4]["s3 (text)"] == ""  # skipped
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", rows[0]["finished_at"])


def test_csv_lists_every_option_of_a_checklist(app, signed_in):
    attempt = finished_attempt(app, {"tech-chk-recording-work": ["multitrack", "full-mix"]})
    rows = rows_by_id(signed_in.get("/instructor/attempts.csv").get_data(as_text=True))
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
        bank_store.save_question(factories.ranking("r1", area="technical"))
        db.session.commit()
    finished_attempt(app, {"r1": ["a", "b", "c", "d"]}, ["r1"])
    finished_attempt(app, {"r1": ["b", "a", "c", "d"]}, ["r1"])
    html = signed_in.get("/instructor/statistics").get_data(as_text=True)
    assert item_row(html, "r1")[1][:2] == ["2", "0.88"]  # answered, facility (1 + 0.75) / 2
    rows = rows_by_id(signed_in.get("/instructor/attempts.csv").get_data(as_text=True))
    assert [r["r1"] for r in rows] == ["a;b;c;d", "b;a;c;d"]
    with app.app_context():
        texts = {o.id: o.text for o in bank_store.current_bank().question("r1").options}
    assert rows[1]["r1 (text)"] == "; ".join(texts[i] for i in "bacd")  # the taker's order

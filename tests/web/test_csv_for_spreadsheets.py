"""The two CSVs (every finished attempt, and a group's) read as a spreadsheet reads them: the
file starts with a UTF-8 byte order mark, so "Chloé" is not garbled on Windows; the first
header row names the columns as the instructor knows them (area titles, each question's label
or the start of its prompt), the second keeps the ids; a retired question nobody in these rows
answered has no columns."""

from __future__ import annotations

import csv
import io

import pytest

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.factories import best_option
from tests.instructors import finished_attempt
from tests.web.groups.groups_made import GroupTaker, make_group

BOM = b"\xef\xbb\xbf"
FIXED = {"attempt": "Attempt", "previous_attempt": "Retake of attempt", "finished_at": "Finished (UTC)",
         "overall": "Overall score"}


def as_a_spreadsheet(body: bytes) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """Names, ids and rows (keyed by id), read as Excel or LibreOffice would a UTF-8 CSV."""
    assert body.startswith(BOM)
    rows = list(csv.reader(io.TextIOWrapper(io.BytesIO(body), encoding="utf-8-sig", newline="")))
    names, ids, data = rows[0], rows[1], rows[2:]
    assert len(names) == len(ids) and all(len(r) == len(ids) for r in data)
    return names, ids, [dict(zip(ids, r)) for r in data]


def retire(app, question_id: str) -> None:
    with app.app_context():
        db.session.get(models.Question, question_id).retired = True
        db.session.commit()


def assert_readable_headers(app, names: list[str], ids: list[str]) -> None:
    with app.app_context():
        bank = bank_store.current_bank(include_retired=True)
    headings = dict(zip(ids, names))
    for key, name in FIXED.items():
        assert headings[key] == name
    for area in bank.areas:
        assert headings[f"score_{area.key}"] == area.title
    for question in bank.questions:
        if question.id in headings:
            name = headings[question.id]
            assert question.id not in name and 8 <= len(name) <= 61, name
            assert question.prompt.startswith(name.removesuffix("…").rstrip())
            assert headings[f"{question.id} (text)"] == f"{name} (answer)"


@pytest.fixture
def retired_ids(app) -> list[str]:
    with app.app_context():
        return [q.id for q in bank_store.current_bank(include_retired=True).questions if q.retired]


def test_every_attempt_csv_reads_as_a_spreadsheet(app, signed_in, retired_ids):
    with app.app_context():
        active = bank_store.current_bank().questions
    answered_then_retired = active[0]
    finished_attempt(app, {answered_then_retired.id: best_option(answered_then_retired)})
    retire(app, answered_then_retired.id)

    names, ids, rows = as_a_spreadsheet(signed_in.get("/instructor/attempts.csv").data)

    assert_readable_headers(app, names, ids)
    assert answered_then_retired.id in ids  # retired since, but answered in these rows
    assert not set(retired_ids) & set(ids)  # retired and answered by nobody here: no columns
    assert all(q.id in ids for q in active[1:])
    assert rows[0][answered_then_retired.id]


def test_a_groups_csv_keeps_chloe_and_reads_as_a_spreadsheet(app, signed_in, instructor, retired_ids):
    app.config["GROUP_MIN_FINISHED"] = 1
    group = make_group(app)
    taker = GroupTaker(app.test_client(), app)
    taker.join(group["token"], display_name="Chloé Ødegård")
    taker.answer_all(best_option)
    assert taker.finish().status_code == 303

    response = signed_in.get(f"/instructor/groups/{group['id']}/attempts.csv")
    assert response.mimetype == "text/csv" and response.mimetype_params.get("charset") == "utf-8"
    names, ids, rows = as_a_spreadsheet(response.data)

    assert [row["display_name"] for row in rows] == ["Chloé Ødegård"]
    assert dict(zip(ids, names))["display_name"] == "Display name"
    assert_readable_headers(app, names, ids)
    assert retired_ids and not set(retired_ids) & set(ids)
    empty = [key for key in ids if not any(row[key] for row in rows) and key not in ("previous_attempt",)]
    assert empty == [], "columns empty in every row"

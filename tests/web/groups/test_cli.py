"""`flask --app quiz group create|list|export`."""

from __future__ import annotations

from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.csv_files import rows_by_id
from tests.factories import best_option
from tests.instructors import EMAIL


def test_create_prints_the_code_and_link_and_stores_the_group(app, runner, instructor):
    result = runner.invoke(args=["group", "create", "Spring studio", "--owner", EMAIL.upper(),
                                 "--closes-on", "2099-06-30"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        group = db.session.scalar(select(models.Group))
        assert (group.name, group.owner.email, str(group.closes_on)) == ("Spring studio", EMAIL, "2099-06-30")
        assert result.output == (f"Created group {group.id} “Spring studio”: code {group.join_code}, "
                                 f"link /join/{group.join_token}\n")


def test_create_refuses_an_unknown_owner_and_saves_nothing(app, runner):
    result = runner.invoke(args=["group", "create", "Spring", "--owner", "nobody@example.org"])
    assert result.exit_code == 1
    assert "No instructor with the email nobody@example.org." in result.output
    with app.app_context():
        assert db.session.scalar(select(models.Group)) is None


def test_list_shows_state_and_counts(app, runner, group, new_taker):
    taker = new_taker()
    taker.join(group["token"])
    taker.answer_all(best_option)
    taker.finish()
    new_taker().join(group["token"])
    result = runner.invoke(args=["group", "list"])
    assert result.output == f"{group['id']}\t{group['code']}\topen\t1/2 finished\t{EMAIL}\tStudio class\n"


def test_export_writes_the_groups_csv(app, runner, group, new_taker, tmp_path):
    taker = new_taker()
    taker.join(group["token"], display_name="Sam")
    taker.answer_all(best_option)
    taker.finish()
    out = tmp_path / "out.csv"
    result = runner.invoke(args=["group", "export", str(group["id"]), str(out)])
    assert result.exit_code == 0, result.output
    rows = rows_by_id(out.read_text(encoding="utf-8"))
    assert [(r["display_name"], r["overall"]) for r in rows] == [("Sam", "100.0")]


def test_export_of_an_unknown_group_fails(runner, tmp_path):
    result = runner.invoke(args=["group", "export", "42", str(tmp_path / "out.csv")])
    assert result.exit_code == 1
    assert "No group with id 42." in result.output
    assert not (tmp_path / "out.csv").exists()

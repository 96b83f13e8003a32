"""`flask --app quiz bank check|load|export`."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from quiz import models

from quiz.bank import store as bank_store
from quiz.bank import load_bank
from quiz.extensions import db
from quiz.bank.loader import MAX_QUESTIONS
from tests.apps import BANK_DIR
from tests.factories import many_questions_yaml


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_check_ok(runner, real_bank):
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 0
    assert f"OK: {len(real_bank.questions)} questions in 6 areas, 31 topics." in result.output


def test_check_lists_every_error_and_exits_1(runner, tmp_path):
    broken = tmp_path / "questions"
    shutil.copytree(BANK_DIR, broken)
    text = (broken / "technical.yaml").read_text()
    (broken / "technical.yaml").write_text(text.replace("weight: 1\n", "weight: 0\n", 1))
    (broken / "business.yaml").write_text("area: business\nquestions: [\n")
    result = runner.invoke(args=["bank", "check", str(broken)])
    assert result.exit_code == 1
    assert "questions/technical.yaml:" in result.output and "weight must be greater than 0" in result.output
    assert "questions/business.yaml:" in result.output and "YAML syntax error" in result.output
    assert "2 error(s); nothing was loaded." in result.output


def test_load_is_idempotent(runner, app, real_bank):
    result = runner.invoke(args=["bank", "load"])
    assert result.exit_code == 0
    assert f"0 added, 0 changed (new version), {len(real_bank.questions)} unchanged" in result.output
    assert count(app, models.Question) == len(real_bank.questions)
    assert count(app, models.QuestionVersion) == len(real_bank.questions)


def test_load_with_an_error_changes_nothing(runner, app, tmp_path):
    changed = tmp_path / "questions"
    shutil.copytree(BANK_DIR, changed)
    text = (changed / "musicianship.yaml").read_text()
    # one good edit and one bad one: neither may land
    text = text.replace("weight: 1\n", "weight: 2\n", 1)
    (changed / "musicianship.yaml").write_text(text)
    (changed / "technical.yaml").write_text(
        (changed / "technical.yaml").read_text().replace("type: single_choice", "type: essay", 1))
    versions_before = count(app, models.QuestionVersion)
    result = runner.invoke(args=["bank", "load", str(changed)])
    assert result.exit_code == 1
    assert "unknown type 'essay'" in result.output
    assert count(app, models.QuestionVersion) == versions_before


def test_load_changed_question_adds_a_version(runner, app, tmp_path):
    changed = tmp_path / "questions"
    shutil.copytree(BANK_DIR, changed)
    text = (changed / "musicianship.yaml").read_text()
    (changed / "musicianship.yaml").write_text(text.replace("weight: 1\n", "weight: 2\n", 1))
    result = runner.invoke(args=["bank", "load", str(changed)])
    assert "0 added, 1 changed (new version)" in result.output
    first_id = load_bank(changed).questions_in("musicianship")[0].id
    with app.app_context():
        question = db.session.get(models.Question, first_id)
        assert [v.number for v in question.versions] == [1, 2]
        assert question.current.weight == 2


def test_export_writes_yaml_that_loads_back_identically(runner, app, tmp_path, real_bank):
    result = runner.invoke(args=["bank", "export", str(tmp_path / "out")])
    assert result.exit_code == 0 and "Wrote 8 files" in result.output
    assert load_bank(tmp_path / "out") == real_bank
    with app.app_context():
        assert bank_store.current_bank() == real_bank


def test_load_if_empty_never_overwrites_instructor_edits(runner, app, tmp_path):
    changed = tmp_path / "questions"
    shutil.copytree(BANK_DIR, changed)
    text = (changed / "musicianship.yaml").read_text()
    (changed / "musicianship.yaml").write_text(text.replace("weight: 1\n", "weight: 2\n", 1))
    versions_before = count(app, models.QuestionVersion)
    result = runner.invoke(args=["bank", "load", "--if-empty", str(changed)])
    assert result.exit_code == 0 and "already has questions; nothing loaded" in result.output
    assert count(app, models.QuestionVersion) == versions_before


def test_load_if_empty_loads_a_new_database(runner, app, real_bank):
    with app.app_context():
        db.drop_all()
        db.create_all()
    result = runner.invoke(args=["bank", "load", "--if-empty"])
    assert f"{len(real_bank.questions)} added" in result.output
    assert count(app, models.Question) == len(real_bank.questions)


def test_load_of_a_bank_past_the_size_limit_exits_1_and_changes_nothing(runner, app, tmp_path):
    too_big = tmp_path / "questions"
    shutil.copytree(BANK_DIR, too_big)
    (too_big / "technical.yaml").write_text(many_questions_yaml(MAX_QUESTIONS + 1))
    versions_before = count(app, models.QuestionVersion)
    result = runner.invoke(args=["bank", "load", str(too_big)])
    assert result.exit_code == 1
    assert f"questions; a bank may hold at most {MAX_QUESTIONS:,}." in result.output
    assert "nothing was loaded" in result.output
    assert count(app, models.QuestionVersion) == versions_before

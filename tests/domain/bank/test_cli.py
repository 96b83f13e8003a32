"""`flask --app quiz bank check|load|export`."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from quiz.domain.bank import load_bank
from quiz.domain.bank.loader import MAX_QUESTIONS
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.apps import BANK_DIR
from tests.factories import many_questions_yaml


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_check_ok(runner, real_bank):
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 0
    active = sum(not q.retired for q in real_bank.questions)
    assert (f"OK: {len(real_bank.questions)} questions ({active} active, the rest retired) in 6 areas, "
            f"{len(real_bank.topics)} topics.") in result.output


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
    with app.app_context():  # the YAML keeps retired questions, and so does the database
        assert bank_store.current_bank(include_retired=True) == real_bank


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


def test_the_question_limit_is_a_setting(runner, app, tmp_path, real_bank):
    bigger = tmp_path / "questions"
    shutil.copytree(BANK_DIR, bigger)
    (bigger / "technical.yaml").write_text(many_questions_yaml(MAX_QUESTIONS + 1))
    app.config["BANK_MAX_QUESTIONS"] = len(real_bank.questions) - 1
    refused = runner.invoke(args=["bank", "check"])
    assert refused.exit_code == 1
    assert f"a bank may hold at most {len(real_bank.questions) - 1:,}." in refused.output
    app.config["BANK_MAX_QUESTIONS"] = 10 * MAX_QUESTIONS
    result = runner.invoke(args=["bank", "check", str(bigger)])
    assert "a bank may hold at most" not in result.output


CLEAN_SCENARIO = """\
area: technical
questions:
  - id: tech-scn
    type: single_choice
    label: A quiet headphone mix
    prompt: The singer's headphone mix is too quiet. What do you do?
    topics: [resp-manage-recording]
    rationale: The singer can only perform what they can hear.
    options:
      - id: a
        text: Raise their send.
        points: 3
      - id: b
        text: Ask them to sing louder.
        points: 0
      - id: c
        text: Carry on with the take.
        points: 1
"""
CLEAN_BLUEPRINT = """\
# the topics' shares
areas:
  technical:
    min_questions: 1
    topics: {resp-manage-recording: 1}
"""


@pytest.fixture
def technical_yaml():
    return CLEAN_SCENARIO


def test_check_strict_passes_on_a_bank_without_cues_and_prints_the_figures(runner, technical_only):
    (technical_only / "blueprint.yaml").write_text(CLEAN_BLUEPRINT)
    result = runner.invoke(args=["bank", "check", "--strict", str(technical_only)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "OK: 1 questions (1 active, the rest retired) in 1 areas, 39 topics.",  # the shipped topics.yaml
        "Cue figures over 1 scenarios:",
        "  keyed option strictly the longest: 0 of 1 (0 %; target at most 30 %) ok",
        "  random picking scores 44.4 of 100",
        "  pick the longest option: -44.4 points above random (target at most +15) ok",
        "  pick the option with the most clauses: +0.0 points above random (target at most +15) ok",
        "  avoid options with absolute words: +0.0 points above random (target at most +15) ok",
        "  avoid options that justify themselves: +0.0 points above random (target at most +15) ok",
        "  pick the option with two steps: +0.0 points above random (target at most +15) ok",
        "  pick the option where you talk, ask or agree: -44.4 points above random (target at most +15) ok",
        "  all wording cues combined: -44.4 points above random (target at most +15) ok",
        "Labels: every active question has one.",
        "Expected time to take the quiz: 0 minutes (target at most 30; reading and answering, see "
        "quiz/domain/bank/timing.py).",
        "Blueprint: no gaps."]


@pytest.mark.parametrize("change,failure", [
    (lambda bank: (bank / "technical.yaml").write_text(
        CLEAN_SCENARIO.replace("    rationale: The singer can only perform what they can hear.\n", "")),
     "1 keyed question(s) without a rationale"),
    (lambda bank: (bank / "technical.yaml").write_text(
        CLEAN_SCENARIO.replace("Raise their send.", "Raise their send, then check they hear it.")),
     "the keyed option is strictly the longest in 100 % of scenarios (target: at most 30 %)"),
    (lambda bank: (bank / "blueprint.yaml").write_text(
        CLEAN_BLUEPRINT.replace("min_questions: 1", "min_questions: 12")),
     "1 blueprint gap(s)"),
    (lambda bank: (bank / "blueprint.yaml").unlink(), "the bank has no blueprint.yaml"),
    (lambda bank: (bank / "technical.yaml").write_text(
        CLEAN_SCENARIO.replace("    label: A quiet headphone mix\n", "")),
     "1 active question(s) without a label"),
    (lambda bank: (bank / "technical.yaml").write_text(
        CLEAN_SCENARIO.replace("Raise their send.", "Ask them, then raise their send.")
        .replace("Ask them to sing louder.", "Raise the vocal, since they must hear it.")),
     "'all wording cues combined' scores +55.6 points above random picking (target: at most +15)"),
])
def test_check_strict_fails_on_each_kind_of_failure_and_plain_check_does_not(
        runner, technical_only, change, failure):
    (technical_only / "blueprint.yaml").write_text(CLEAN_BLUEPRINT)
    change(technical_only)
    assert runner.invoke(args=["bank", "check", str(technical_only)]).exit_code == 0
    result = runner.invoke(args=["bank", "check", "--strict", str(technical_only)])
    assert result.exit_code == 1
    assert failure in result.output and "bank check --strict failed: " in result.output


def test_check_reports_a_malformed_blueprint_with_its_line(runner, technical_only):
    (technical_only / "blueprint.yaml").write_text(CLEAN_BLUEPRINT.replace("min_questions: 1", "min_questions: few"))
    result = runner.invoke(args=["bank", "check", str(technical_only)])
    assert result.exit_code == 1
    assert "questions/blueprint.yaml:4: area technical: min_questions must be a whole number" in result.output


def test_a_changed_rationale_or_scale_makes_a_new_version_through_the_normal_load(runner, app, tmp_path,
                                                                                  real_bank):
    changed = tmp_path / "questions"
    shutil.copytree(BANK_DIR, changed)
    scenario = next(q for q in real_bank.questions_in("technical") if q.type == "single_choice")
    rating = next(q for q in real_bank.questions_in("technical") if q.type == "self_rating")
    data = yaml.safe_load((changed / "technical.yaml").read_text())
    scale = "ability" if rating.scale == "frequency" else "frequency"
    for question in data["questions"]:
        if question["id"] == scenario.id:
            question["rationale"] = "Because it works."
        if question["id"] == rating.id:
            question["scale"] = scale
    (changed / "technical.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    result = runner.invoke(args=["bank", "load", str(changed)])
    assert "0 added, 2 changed (new version)" in result.output, result.output
    with app.app_context():
        assert bank_store.current_bank().question(scenario.id).rationale == "Because it works."
        assert bank_store.current_bank().question(rating.id).scale == scale
        assert [v.number for v in db.session.get(models.Question, rating.id).versions] == [1, 2]

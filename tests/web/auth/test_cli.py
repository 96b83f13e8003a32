"""`flask --app quiz instructor create|set-password`."""

from __future__ import annotations

from sqlalchemy import select

from quiz.platform import models
from quiz.platform.extensions import db
from tests.instructors import Auth


def _instructor(app, email):
    with app.app_context():
        return db.session.scalar(select(models.Instructor).where(models.Instructor.email == email))


def test_create_asks_twice_and_hashes(app, runner):
    result = runner.invoke(args=["instructor", "create", "New@Example.org"],
                           input="a long password\na long password\n")
    assert result.exit_code == 0, result.output
    assert "Created instructor new@example.org." in result.output
    assert "a long password" not in result.output  # never echoed
    account = _instructor(app, "new@example.org")
    assert account.password_hash != "a long password"
    assert account.check_password("a long password")
    assert not account.check_password("another password")


def test_create_refuses_a_short_password(app, runner):
    result = runner.invoke(args=["instructor", "create", "a@example.org"], input="short\nshort\n")
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output
    assert _instructor(app, "a@example.org") is None


def test_create_asks_again_when_the_passwords_differ(app, runner):
    result = runner.invoke(args=["instructor", "create", "a@example.org"],
                           input="first password\nsecond password\nsame password\nsame password\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert _instructor(app, "a@example.org").check_password("same password")


def test_create_refuses_an_existing_email(app, runner, instructor):
    result = runner.invoke(args=["instructor", "create", instructor.upper()],
                           input="a long password\na long password\n")
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_set_password(app, runner, instructor):
    result = runner.invoke(args=["instructor", "set-password", instructor],
                           input="a brand new password\na brand new password\n")
    assert result.exit_code == 0, result.output
    assert "Password changed" in result.output
    assert _instructor(app, instructor).check_password("a brand new password")


def test_set_password_for_unknown_email(runner):
    result = runner.invoke(args=["instructor", "set-password", "nobody@example.org"],
                           input="a brand new password\na brand new password\n")
    assert result.exit_code == 1
    assert "No instructor" in result.output


def test_new_password_signs_in(app, client, runner, instructor):
    runner.invoke(args=["instructor", "set-password", instructor],
                  input="a brand new password\na brand new password\n")
    assert Auth(client).login(password="a brand new password").status_code == 302

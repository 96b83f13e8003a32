"""Command line, every command in one place: `flask --app quiz bank ...`, `instructor ...`,
`stats refresh` and `group ...` (in `groups.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from quiz.cli import groups
from quiz.domain.bank import BankInvalid, export_bank, load_bank
from quiz.domain.bank.check import check_bank
from quiz.domain.bank.moodle import Choices, ImportRefused, Problem
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.instructor import moodle_transfer, snapshot

bank_cli = AppGroup("bank", help="Check, load and export the question bank (YAML); import and export "
                                 "Moodle XML and GIFT.")
instructor_cli = AppGroup("instructor", help="Manage instructor accounts.")
stats_cli = AppGroup("stats", help="The item statistics instructors see.")


def _bank_dir(path: str | None) -> str:
    return path or current_app.config["BANK_DIR"]


def _load_or_exit(path: str | None, read=load_bank):
    try:
        return read(_bank_dir(path), current_app.config["BANK_MAX_QUESTIONS"])
    except BankInvalid as invalid:
        for error in invalid.errors:
            click.echo(str(error), err=True)
        click.echo(f"{len(invalid.errors)} error(s); nothing was loaded.", err=True)
        sys.exit(1)


@bank_cli.command("check")
@click.argument("path", required=False)
@click.option("--strict", is_flag=True,
              help="Also fail when a keyed question has no rationale, a cue figure misses its "
                   "target, the bank falls short of its blueprint, or the quiz would take more "
                   "than 30 minutes.")
def check_command(path, strict):
    """Validate the bank in PATH (default: questions/) and list every error; then its
    item-writing warnings, the test-wise cue figures, the expected time and the blueprint's gaps."""
    result = _load_or_exit(path, check_bank)
    for line in result.lines():
        click.echo(line)
    failures = result.strict_failures()
    if strict and failures:
        click.echo("bank check --strict failed: " + "; ".join(failures) + ".", err=True)
        sys.exit(1)


@bank_cli.command("load")
@click.argument("path", required=False)
@click.option("--if-empty", is_flag=True,
              help="Only load when the database has no questions yet (used by `make run`, so "
                   "edits made in the instructor area are never overwritten).")
def load_command(path, if_empty):
    """Load the bank in PATH into the database: all of it, or nothing if it has errors."""
    if if_empty and db.session.scalar(select(models.Question.id).limit(1)):
        click.echo("The database already has questions; nothing loaded (drop --if-empty to update).")
        return
    bank = _load_or_exit(path)
    summary = bank_store.save_bank(bank)
    click.echo(f"Loaded {len(bank.questions)} questions: {summary.added} added, "
               f"{summary.changed} changed (new version), {summary.unchanged} unchanged.")


@bank_cli.command("export")
@click.argument("target", required=False)
@click.option("--format", "form", type=click.Choice(["yaml", "moodle-xml", "gift"]), default="yaml",
              show_default=True, help="YAML files (the whole bank, into the directory TARGET), or a Moodle "
                                      "XML or GIFT file (TARGET, or standard output) for a Moodle course.")
@click.option("--area", help="Moodle formats: only this area's questions.")
@click.option("--ids", multiple=True, help="Moodle formats: only these questions (repeat, or separate "
                                           "with commas), retired or not.")
def export_command(target, form, area, ids):
    """Write the bank from the database: as YAML files into the directory TARGET, or for Moodle
    (--format moodle-xml or gift) into the file TARGET or to standard output. For Moodle, the
    questions still offered, of one area with --area, or the ones named with --ids."""
    bank = bank_store.current_bank(include_retired=True)
    if form == "yaml":
        if not target or area or ids:
            raise click.UsageError("--format yaml writes the whole bank into a directory: give TARGET, "
                                   "and no --area or --ids.")
        written = export_bank(bank, target)
        click.echo(f"Wrote {len(written)} files to {target}.")
        return
    if area and area not in {a.key for a in bank.areas}:
        raise click.BadParameter(f"no area {area!r}", param_hint="--area")
    chosen = [i.strip() for value in ids for i in value.split(",") if i.strip()]
    unknown = [i for i in chosen if bank.question(i) is None]
    if unknown:
        raise click.BadParameter(f"no question {', '.join(unknown)}", param_hint="--ids")
    download = moodle_transfer.export(form, bank, area, chosen)
    with click.open_file(target or "-", "w", encoding="utf-8") as out:
        out.write(download.content)
    for left_out in download.not_exported:
        click.echo(f"Not exported: {left_out.question_id}: {left_out.reason}", err=True)
    for note in download.notes:
        click.echo(f"Note: {note}", err=True)
    click.echo(f"Wrote {download.count} questions" + (f" to {target}." if target else "."), err=True)


@bank_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--area", help="The area for the questions (default: the one the file's categories name).")
@click.option("--topic", "topics", multiple=True, help="A topic each question covers (repeat for more).")
@click.option("--weight", type=float, default=1.0, show_default=True, help="Each question's weight in its area.")
@click.option("--next-step", help="The next step suggested when one of them is answered low.")
def import_command(file, area, topics, weight, next_step):
    """Import the questions of a Moodle XML (.xml) or GIFT (.gift, .txt) FILE: all of them, or
    nothing if anything is wrong. Questions exported from this quiz keep their own area, topics,
    weight and next step; the options give them to the others. Skipped questions are listed
    with the reason."""
    bank = bank_store.current_bank(include_retired=True)
    name = Path(file).name
    try:
        plan = moodle_transfer.plan(name, Path(file).read_bytes(), bank)
        for skipped in plan.skipped:
            click.echo(f"Skipped: {name}:{skipped.line}: {skipped.name}: {skipped.reason}")
        if not plan.candidates:
            raise ImportRefused([Problem(name, None, "none of its questions can be imported here")])
        chosen_area = area or plan.suggested_area
        if chosen_area is None:
            raise ImportRefused([Problem(name, None, "its categories name no area of the bank: choose one "
                                                     "with --area")])
        imported = moodle_transfer.save(plan, Choices(chosen_area, tuple(topics), weight, next_step), bank)
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(refused.problems)} error(s); nothing was imported.", err=True)
        sys.exit(1)
    click.echo(f"Imported {imported.added + imported.updated} questions from {name}: {imported.added} added, "
               f"{imported.updated} updated; {len(plan.skipped)} skipped.")


MIN_PASSWORD_LENGTH = 10


def _ask_password() -> str:
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        click.echo(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.", err=True)
        sys.exit(1)
    return password


@instructor_cli.command("create")
@click.argument("email")
def create_instructor(email):
    """Create an instructor account; asks for the password twice."""
    email = email.strip().lower()
    if db.session.scalar(select(models.Instructor).where(models.Instructor.email == email)):
        click.echo(f"An instructor with the email {email} already exists.", err=True)
        sys.exit(1)
    password = _ask_password()
    instructor = models.Instructor(email=email)
    instructor.set_password(password)
    db.session.add(instructor)
    db.session.commit()
    click.echo(f"Created instructor {email}.")


def _instructor_or_exit(email: str) -> models.Instructor:
    email = email.strip().lower()
    instructor = db.session.scalar(select(models.Instructor).where(models.Instructor.email == email))
    if instructor is None:
        click.echo(f"No instructor with the email {email}.", err=True)
        sys.exit(1)
    return instructor


@instructor_cli.command("set-password")
@click.argument("email")
def set_password(email):
    """Set a new password for an instructor; asks for it twice. Signs them out everywhere."""
    instructor = _instructor_or_exit(email)
    instructor.set_password(_ask_password())
    db.session.commit()
    click.echo(f"Password changed for {instructor.email}; their sessions have ended.")


@instructor_cli.command("disable")
@click.argument("email")
def disable(email):
    """Stop an instructor from signing in, and end their sessions at once."""
    instructor = _instructor_or_exit(email)
    instructor.disabled = True
    instructor.end_sessions()
    db.session.commit()
    click.echo(f"Disabled {instructor.email}; their sessions have ended.")


@instructor_cli.command("enable")
@click.argument("email")
def enable(email):
    """Let a disabled instructor sign in again (with their password as it was)."""
    instructor = _instructor_or_exit(email)
    instructor.disabled = False
    db.session.commit()
    click.echo(f"Enabled {instructor.email}.")


@stats_cli.command("refresh")
def refresh_statistics():
    """Recompute the item statistics now and store them (e.g. nightly from cron)."""
    figures = snapshot.refresh(bank_store.current_bank(include_retired=True)).figures
    click.echo(f"Statistics recomputed over {figures.first_attempts} first attempts "
               f"({figures.retakes} retakes not counted).")


def init_app(app: Flask) -> None:
    """Every `flask --app quiz ...` command, registered here and nowhere else."""
    app.cli.add_command(bank_cli)
    app.cli.add_command(instructor_cli)
    app.cli.add_command(groups.group_cli)
    app.cli.add_command(stats_cli)

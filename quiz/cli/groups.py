"""Command line: `flask --app quiz group create|list|export`, for scripting a course."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from quiz.platform import models
from quiz.platform.dates import today
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from quiz.web.groups.csv_export import group_csv

group_cli = AppGroup("group", help="Create, list and export groups (classes).")


@group_cli.command("create")
@click.argument("name")
@click.option("--owner", "owner_email", required=True, help="Email of the instructor who runs it.")
@click.option("--closes-on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day takers can join (UTC), YYYY-MM-DD.")
def create_group(name, owner_email, closes_on):
    """Create a group owned by an instructor; prints its id, code and join link."""
    owner = db.session.scalar(select(models.Instructor)
                              .where(models.Instructor.email == owner_email.strip().lower()))
    if owner is None:
        click.echo(f"No instructor with the email {owner_email}.", err=True)
        sys.exit(1)
    name = name.strip()
    if not name or len(name) > 120:
        click.echo("The name must have 1 to 120 characters.", err=True)
        sys.exit(1)
    group = models.Group(name=name, owner=owner, closes_on=closes_on.date() if closes_on else None)
    db.session.add(group)
    db.session.commit()
    # The path only: which host takers use is known to the proxy, not to this command.
    click.echo(f"Created group {group.id} “{group.name}”: code {group.join_code}, "
               f"link /join/{group.join_token}")


@group_cli.command("list")
def list_groups():
    """Every group: id, code, state, finished/started, owner, name."""
    counts = dict(db.session.execute(
        select(models.Attempt.group_id, db.func.count()).where(models.Attempt.group_id.is_not(None))
        .group_by(models.Attempt.group_id)).all())
    finished = dict(db.session.execute(
        select(models.Attempt.group_id, db.func.count())
        .where(models.Attempt.group_id.is_not(None), models.Attempt.finished_at.is_not(None))
        .group_by(models.Attempt.group_id)).all())
    for group in db.session.scalars(select(models.Group).order_by(models.Group.id)):
        state = "archived" if group.archived else "open" if group.is_open(today()) else "closed"
        click.echo(f"{group.id}\t{group.join_code}\t{state}\t"
                   f"{finished.get(group.id, 0)}/{counts.get(group.id, 0)} finished\t"
                   f"{group.owner.email}\t{group.name}")


@group_cli.command("export")
@click.argument("group_id", type=int)
@click.argument("out", type=click.File("w", encoding="utf-8", lazy=True))
def export_group(group_id, out):
    """Write the group's finished attempts as CSV to OUT (- for standard output)."""
    group = db.session.get(models.Group, group_id)
    if group is None:
        click.echo(f"No group with id {group_id}.", err=True)
        sys.exit(1)
    out.write(group_csv(group, bank_store.current_bank(include_retired=True)))
    click.echo(f"Wrote the finished attempts of group {group.id} to {out.name}.", err=out.name == "-")


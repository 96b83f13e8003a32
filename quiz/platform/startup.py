"""Start-up checks: a setting that cannot work stops the app before it serves anything,
with one line that names the problem and the fix, instead of failing on a request later."""

from __future__ import annotations

import os
import pwd
import secrets
import sys
from pathlib import Path

import click
from flask import Flask
from sqlalchemy.engine import make_url

from quiz.platform.secret_key import HOW_TO_MAKE_A_KEY, weak_key_reason

# gunicorn stops (instead of starting the worker again and again) when a worker exits with 3,
# "worker failed to boot"; `flask` and `python` pass the status on.
EXIT_STATUS = 3


class StartupRefused(SystemExit):
    """Raised by `refuse`; a SystemExit, so no traceback hides the one line."""


def refuse(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr, flush=True)
    raise StartupRefused(EXIT_STATUS)


def check_secret_key(app: Flask) -> None:
    key = app.config.get("SECRET_KEY")
    if key == "":
        refuse(f"SECRET_KEY is set but empty. Set it to a random key: {HOW_TO_MAKE_A_KEY}")
    production = not (app.debug or app.testing)
    # `flask --app quiz bank ...` and other commands sign no sessions, so they may run
    # without a key; serving in production (gunicorn) may not.
    from_cli = click.get_current_context(silent=True) is not None
    if key is None:
        if production and not from_cli:
            refuse(f"SECRET_KEY is missing. Set it in the environment: {HOW_TO_MAKE_A_KEY}")
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # this process only
    elif production and (reason := weak_key_reason(key)):
        refuse(f"SECRET_KEY is too weak: {reason}. Make a random one: {HOW_TO_MAKE_A_KEY}")


def check_instance_folder(app: Flask) -> None:
    try:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        refuse(f"Cannot create the instance folder {app.instance_path} ({error.strerror}): create it "
               "and make it writable by the user running the app.")


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def check_sqlite_writable(app: Flask) -> None:
    """SQLite writes the database file and, beside it, its -wal and -shm files: the file
    and its folder must both be writable by the user the app runs as."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    database = Path(app.instance_path, url.database)  # Flask-SQLAlchemy's rule for relative paths
    folder, user = database.parent, _user()
    fix = f"give {user} write access (chown or chmod), or set DATABASE_URL to a database it can write"
    if not folder.is_dir():
        refuse(f"The database folder {folder} does not exist: create it and {fix}.")
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            refuse(f"The database file {path} is not writable by {user}: {fix}.")
    if not os.access(folder, os.W_OK | os.X_OK):
        refuse(f"The database folder {folder} is not writable by {user} (SQLite writes its "
               f"journal files there): {fix}.")


def init_app(app: Flask) -> None:
    check_secret_key(app)
    check_instance_folder(app)
    check_sqlite_writable(app)

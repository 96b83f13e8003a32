"""Settings, read from the environment; `create_app(test_config)` overrides them."""

from __future__ import annotations

import os
from pathlib import Path

from quiz.domain.bank.loader import MAX_QUESTIONS


def database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'quiz.sqlite3'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(database_uri: str) -> dict:
    """SQLAlchemy engine options for a database URL. PostgreSQL: check a pooled connection
    before use (one round trip), so a connection cut by a server restart is replaced instead
    of failing the request. Read by `db.init_app`, so they must be set before it runs."""
    return {"pool_pre_ping": True} if database_uri.startswith("postgresql") else {}


def secret_key(instance_path: str) -> str | None:
    """SECRET_KEY from the environment, else from instance/secret_key (written by `make run`).
    A variable set but empty is returned as it is, for the start-up check to refuse."""
    if "SECRET_KEY" in os.environ:
        return os.environ["SECRET_KEY"]
    key_file = Path(instance_path) / "secret_key"
    return key_file.read_text().strip() if key_file.exists() else None


def settings(instance_path: str) -> dict:
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 256 * 1024)),
        "WTF_CSRF_TIME_LIMIT": 24 * 3600,  # a taker may leave a section open for hours
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Off only for plain-http local serving (`make run`); behind HTTPS leave it on.
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "1") != "0",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "LOGIN_FAILURES_ALLOWED": 5,  # per account and per address, per minute
        "RESUME_FAILURES_ALLOWED": 10,  # wrong resume codes per address, per minute
        "JOIN_FAILURES_ALLOWED": int(os.environ.get("JOIN_FAILURES_ALLOWED", 5)),  # wrong group codes, likewise
        # Attempts started (open quiz, group, retake) per client address, per minute: against a
        # flood of attempts; high enough for a class starting together behind one school address.
        "START_ATTEMPTS_ALLOWED": int(os.environ.get("START_ATTEMPTS_ALLOWED", 100)),
        # A group shows its distributions and CSV only once this many takers have finished,
        # so no single taker can be picked out of them.
        "GROUP_MIN_FINISHED": int(os.environ.get("GROUP_MIN_FINISHED", 5)),
        # The most questions a bank may hold, retired ones included: a safety limit for uploads
        # (nothing past it is checked or saved); benchmarks raise it to time 100 times the bank.
        "BANK_MAX_QUESTIONS": int(os.environ.get("BANK_MAX_QUESTIONS", MAX_QUESTIONS)),
        "BANK_DIR": os.environ.get("BANK_DIR", str(Path(__file__).resolve().parents[2] / "questions")),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", 0)),
        # The address takers open (https://quiz.example.org): every link the app hands out is
        # built from it, and a request for another host is refused (quiz/platform/links.py).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL") or None,
        # Further host names to answer to besides PUBLIC_URL's, comma-separated.
        "TRUSTED_HOSTS": [name.strip() for name in os.environ.get("TRUSTED_HOSTS", "").split(",")
                          if name.strip()] or None,
    }

"""The secret key check (issue 32): zxcvbn's estimate and no whitespace. Guessable keys - a
pangram, passphrases, keyboard walks, a doubled phrase - stop the app at start-up with one plain
line saying how to make a key; keys made as that line says start."""

from __future__ import annotations

import base64
import random
import secrets
import time

import pytest

from quiz import create_app
from quiz.platform.secret_key import HOW_TO_MAKE_A_KEY, MIN_KEY_BITS, estimated_bits, weak_key_reason
from tests.apps import startup_refusal

GUESSABLE = [
    "the quick brown fox jumps over the lazy dog",  # 129 bits by zxcvbn: refused for its spaces
    "correct horse battery staple tomorrow",
    "correct-horse-battery-staple-orange-river",
    "the-quick-brown-fox-jumps-over-the-lazy-dog",  # 129 bits as written, 91 without the hyphens
    "The_Quick_Brown_Fox_Jumps_Over_The_Lazy_Dog",
    "the.quick.brown.fox.jumps.over.the.lazy.dog",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",  # keyboard walks
    "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9",
    "qwertyuiop1234567890",
    "correcthorsebatterystaplecorrecthorsebatterystaple",  # a doubled phrase
    "producer-readiness-quiz-secret-key-change-me",
    "abcdefghijklmnopqrstuvwxyz012345",
    "0123456789abcdef0123456789abcdef",
    "x" * 64,
    "dev",
]


def production_refusal(capsys, tmp_path, key: str) -> str:
    """Build the app as gunicorn does with `key`; it must stop with exit status 3 and one line."""
    return startup_refusal(capsys, {"SECRET_KEY": key, "PUBLIC_URL": "https://quiz.example.org",
                                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


@pytest.mark.parametrize("key", GUESSABLE)
def test_a_guessable_key_stops_the_app_saying_how_to_make_one(capsys, tmp_path, key):
    line = production_refusal(capsys, tmp_path, key)
    assert line.startswith("Error: SECRET_KEY is too weak: it ")
    assert HOW_TO_MAKE_A_KEY in line and "secrets.token_hex(32)" in line


@pytest.mark.parametrize("blank", [" ", "\t", "\n", "\r", "\u00a0", "\u3000"])
def test_a_random_key_with_any_blank_in_it_is_refused(blank):
    """Checked before zxcvbn, which raises ValueError on some keys with a line break in them."""
    key = secrets.token_hex(20) + blank + secrets.token_hex(20)
    assert "blank character" in weak_key_reason(key)


def test_the_pangram_is_refused_for_its_spaces_not_its_estimate():
    """No estimator knows every famous phrase: the rule a machine-made key meets catches it."""
    assert estimated_bits("the quick brown fox jumps over the lazy dog") > MIN_KEY_BITS
    assert "blank character" in weak_key_reason("the quick brown fox jumps over the lazy dog")


@pytest.mark.parametrize("key", [k for k in GUESSABLE if not any(c.isspace() for c in k)])
def test_guessable_keys_without_blanks_are_under_the_minimum(key):
    assert estimated_bits(key) < MIN_KEY_BITS
    assert "too easy to guess" in weak_key_reason(key)


def test_keys_made_as_the_docs_say_are_never_refused():
    """token_hex(32) and token_urlsafe(32) as `secrets` makes them, from seeded bytes so the
    test is the same on every run."""
    draw = random.Random(32)
    for _ in range(300):
        raw = draw.randbytes(32)
        for key in (raw.hex(), base64.urlsafe_b64encode(raw).rstrip(b"=").decode()):
            assert weak_key_reason(key) is None, (key, estimated_bits(key))


@pytest.mark.parametrize("make", [lambda: secrets.token_hex(32), lambda: secrets.token_urlsafe(32),
                                  lambda: secrets.token_hex(100)])
def test_random_keys_start_the_app(tmp_path, make):
    key = make()
    app = create_app({"SECRET_KEY": key, "PUBLIC_URL": "https://quiz.example.org",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["SECRET_KEY"] == key


def test_a_long_key_is_judged_in_bounded_time_by_its_first_72_characters():
    """zxcvbn's docs advise against scoring more than 72 characters (the time grows fast)."""
    started = time.perf_counter()
    assert weak_key_reason(secrets.token_hex(32) + "a" * 10_000) is None
    assert weak_key_reason("a" * 72 + secrets.token_hex(32)) is not None  # what is scored is weak
    assert time.perf_counter() - started < 1

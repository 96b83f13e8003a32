"""Uploaded bytes as text: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 when not
UTF-8 (said), CRLF and CR as LF; anything else refused plainly."""

from __future__ import annotations

import codecs

import pytest

from quiz.domain.bank.moodle.encoding import decode
from quiz.domain.bank.moodle.parsed import ImportRefused

TEXT = "Chloé's mix\r\nline two\rline three"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8"),
    (TEXT.encode("utf-16"), "UTF-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
])
def test_unicode_files(data, encoding):
    decoded = decode(data, "f.gift")
    assert decoded.text == "Chloé's mix\nline two\nline three"
    assert decoded.encoding == encoding and decoded.note == ""


def test_windows_1252_is_read_and_said_with_the_first_line_that_is_not_utf8():
    decoded = decode("first\nChloé\u2019s".encode("windows-1252"), "f.gift")
    assert decoded.text == "first\nChloé\u2019s"
    assert "Windows-1252" in decoded.note and "line 2" in decoded.note


def test_bytes_that_are_no_known_text_are_refused_with_their_line():
    with pytest.raises(ImportRefused) as refused:
        decode(b"ok\nok\n\x81\x8d\x90", "f.gift")
    assert refused.value.problems[0].line == 3
    assert "save it as UTF-8" in refused.value.problems[0].message


def test_a_binary_file_is_refused():
    with pytest.raises(ImportRefused):
        decode(b"PK\x03\x04\x00\x00binary", "f.gift")

"""Bytes of an uploaded file as text: UTF-8 (with or without a byte order mark), UTF-16 (with
one), the encoding an XML declaration names, or - for a file that is not valid UTF-8 -
Windows-1252, the usual encoding of files saved on Windows, saying so. Anything else is
refused plainly. Line endings (CRLF, CR) become LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from quiz.domain.bank.moodle.parsed import ImportRefused, Problem

# The XML declaration's encoding, read from the ASCII bytes it is written in.
XML_DECLARED = re.compile(rb"\A<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
FALLBACK = "windows-1252"
SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save as, Encoding: UTF-8) and import it again"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str = ""  # said to the instructor when the encoding was a guess


def _line_of(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefused([Problem(name, _line_of(data, error.start),
                                     f"this is not valid {encoding} text; {SAVE_AS_UTF8}")]) from None


def _declared(data: bytes, name: str) -> str | None:
    found = XML_DECLARED.match(data)
    if not found:
        return None
    declared = found.group(1).decode("ascii")
    try:
        return codecs.lookup(declared).name
    except LookupError:
        raise ImportRefused([Problem(name, 1, f"the XML declaration names the encoding {declared!r}, "
                                              f"which is not known here; {SAVE_AS_UTF8}")]) from None


def decode(data: bytes, name: str) -> Decoded:
    """The file's text with LF line endings; raises `ImportRefused` if it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        decoded = Decoded(_strict(data[len(codecs.BOM_UTF8):], "utf-8", name), "UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = Decoded(_strict(data, "utf-16", name), "UTF-16")
    elif (declared := _declared(data, name)) not in (None, "utf-8"):
        decoded = Decoded(_strict(data, declared, name), declared)
    else:
        try:
            decoded = Decoded(data.decode("utf-8"), "UTF-8")
        except UnicodeDecodeError as error:
            line = _line_of(data, error.start)
            try:
                text = data.decode(FALLBACK)
            except UnicodeDecodeError:
                raise ImportRefused([Problem(name, line, "this is neither UTF-8, UTF-16 nor Windows-1252 "
                                                         f"text; {SAVE_AS_UTF8}")]) from None
            decoded = Decoded(text, "Windows-1252", (
                f"{name} is not UTF-8 (first at line {line}), so it was read as Windows-1252: "
                "check that accented letters look right below."))
    if "\0" in decoded.text:
        line = decoded.text[:decoded.text.index("\0")].count("\n") + 1
        raise ImportRefused([Problem(name, line, "the file holds a NUL character, so it is not a text "
                                                 "file; export the questions from Moodle again")])
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.note)

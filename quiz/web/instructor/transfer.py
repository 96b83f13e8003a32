"""Import and export of the whole bank as YAML through the web page, with the CLI's loader.

An import lays the uploaded files over the bank as it stands (exported to a temporary
directory), so uploading one area's file updates that area and the rest stays as it is.
The result is checked by `load_bank`, the same loader as `flask bank load`: on any error
nothing is saved and every error is reported with its file and line.
"""

from __future__ import annotations

import io
import lzma
import re
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from flask import current_app
from werkzeug.datastructures import FileStorage

from quiz.domain.bank import BankError, BankInvalid, BankTooLarge, export_bank, load_bank
from quiz.platform.stores import bank as bank_store
from quiz.platform.stores.bank import SaveSummary

FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.ya?ml$", re.IGNORECASE)
MAX_FILES = 40
MAX_UNPACKED = 2 * 1024 * 1024  # bytes, over all files of a zip
UNPACKABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# What a damaged zip raises while it is read (bzip2 raises OSError, a bad offset ValueError,
# a header claiming a newer zip version NotImplementedError).
DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError,
           NotImplementedError)
BANK_DIR = "bank"


def export_zip() -> bytes:
    """The current bank, retired questions included, as a zip of the YAML files."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in export_bank(bank_store.current_bank(include_retired=True), tmp):
            archive.write(path, path.name)
    return buffer.getvalue()


class _Upload:
    """The YAML files of an upload by name, and what was wrong with it."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.errors: list[BankError] = []

    def add(self, name: str, content: bytes, where: str) -> None:
        if not FILE_NAME.match(name):
            self.errors.append(BankError(where, None, "only .yaml files (or a .zip of them) can be "
                                                      "imported with other files, and one Moodle XML "
                                                      "or GIFT file alone; file names use letters, "
                                                      "digits, '-' and '_'"))
            return
        name = re.sub(r"\.ya?ml$", ".yaml", name, flags=re.IGNORECASE)
        if name in self.files:
            self.errors.append(BankError(where, None, f"{name} was uploaded twice"))
        elif len(self.files) >= MAX_FILES:
            self.errors.append(BankError(where, None, f"more than {MAX_FILES} files"))
        else:
            self.files[name] = content

    def add_zip(self, name: str, content: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except DAMAGED:
            self.errors.append(BankError(name, None, "not a readable zip file"))
            return
        members = [m for m in archive.infolist() if not m.is_dir()
                   and not PurePosixPath(m.filename).name.startswith(".")
                   and not m.filename.startswith("__MACOSX/")]
        budget = MAX_UNPACKED
        for member in members:
            where = f"{name}: {member.filename}"
            problem = _unusable(member)
            if problem:
                self.errors.append(BankError(where, None, problem))
                continue
            try:
                # Read one byte past what is left: the sizes a zip declares may be lies.
                with archive.open(member) as stream:
                    unpacked = stream.read(budget + 1)
            except DAMAGED:
                self.errors.append(BankError(where, None, "is damaged and cannot be unpacked"))
                continue
            if len(unpacked) > budget:
                raise BankTooLarge([BankError(name, None, f"unpacks to more than "
                                                          f"{MAX_UNPACKED // 1024} KB")])
            budget -= len(unpacked)
            self.add(PurePosixPath(member.filename).name, unpacked, where)


def _unusable(member: zipfile.ZipInfo) -> str | None:
    if member.flag_bits & 0x1:
        return "is encrypted; upload the file without a password"
    if member.compress_type not in UNPACKABLE:
        return "uses a compression method that cannot be unpacked here (use standard zip: deflate)"
    return None


def read_upload(uploads: list[FileStorage]) -> dict[str, bytes]:
    """File name -> content of every YAML file uploaded, alone or in a zip; raises
    `BankInvalid` if any upload cannot be used."""
    upload = _Upload()
    for storage in uploads:
        name = PurePosixPath((storage.filename or "").replace("\\", "/")).name
        content = storage.read()
        if name.lower().endswith(".zip"):
            upload.add_zip(name, content)
        else:
            upload.add(name, content, name or "(a file without a name)")
    if not upload.files and not upload.errors:
        upload.errors.append(BankError("upload", None, "no files were uploaded"))
    if upload.errors:
        raise BankInvalid(upload.errors)
    return upload.files


def _relabel(error: BankError, uploaded: set[str]) -> BankError:
    """'bank/technical.yaml' -> 'technical.yaml', marking files the upload did not replace."""
    name = error.path.removeprefix(f"{BANK_DIR}/")
    if name not in uploaded:
        name += " (from the current bank, not uploaded)"
    return BankError(name, error.line, error.message)


def import_files(files: dict[str, bytes]) -> SaveSummary:
    """Lay `files` over the current bank, validate the result and save it: all or nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / BANK_DIR
        export_bank(bank_store.current_bank(include_retired=True), directory)
        for name, content in files.items():
            (directory / name).write_bytes(content)
        try:
            bank = load_bank(directory, current_app.config["BANK_MAX_QUESTIONS"])
        except BankTooLarge as too_large:
            raise BankTooLarge([BankError("upload", None, e.message) for e in too_large.errors]) from None
        except BankInvalid as invalid:
            errors = sorted((_relabel(e, set(files)) for e in invalid.errors),
                            key=lambda e: (e.path, e.line or 0))
            raise BankInvalid(errors) from None
    return bank_store.save_bank(bank)

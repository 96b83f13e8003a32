"""Export and import of the whole bank on /instructor/bank: the CLI's loader, all or nothing,
every error with its file and line."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from quiz.domain.bank import load_bank
from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.apps import BANK_DIR
from tests.instructors import current
from tests.takers import form_token

BANK_PAGE = "/instructor/bank"
IMPORT = "/instructor/bank/import"


def upload(client, *files: tuple[str, bytes]):
    token = form_token(client, BANK_PAGE)
    data = {"csrf_token": token, "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(IMPORT, data=data, content_type="multipart/form-data")


def bank_file(name: str) -> bytes:
    return (BANK_DIR / name).read_bytes()


def edited(name: str, old: str, new: str) -> bytes:
    text = bank_file(name).decode()
    assert old in text
    return text.replace(old, new, 1).encode()


def zipped(*files: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()


def version_total(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(models.QuestionVersion))


def import_errors(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", item).strip() for item in
            re.findall(r"<li>(.*?)</li>", html.split('class="import-errors"')[1].split("</ul>")[0], re.S)]


# --- export -----------------------------------------------------------------------------

def test_bank_page(signed_in):
    html = signed_in.get(BANK_PAGE).get_data(as_text=True)
    assert "Download the bank (zip)" in html
    assert 'enctype="multipart/form-data"' in html


def test_export_is_a_zip_the_loader_reads_back(app, signed_in, tmp_path):
    response = signed_in.get("/instructor/bank/export.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert re.match(r"attachment; filename=question-bank-\d{4}-\d{2}-\d{2}\.zip", response.headers["Content-Disposition"])
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    # everything but the blueprint, which `bank check` reads from the files, not the database
    assert names == {p.name for p in BANK_DIR.glob("*.yaml")} - {"blueprint.yaml"}
    with app.app_context():
        assert load_bank(tmp_path) == bank_store.current_bank(include_retired=True)


def test_export_includes_retired_questions(app, signed_in):
    with app.app_context():
        db.session.get(models.Question, "tech-rate-vocal-session").retired = True
        db.session.commit()
    with zipfile.ZipFile(io.BytesIO(signed_in.get("/instructor/bank/export.zip").data)) as archive:
        technical = yaml.safe_load(archive.read("technical.yaml"))
    question = next(q for q in technical["questions"] if q["id"] == "tech-rate-vocal-session")
    assert question["retired"] is True


# --- import -----------------------------------------------------------------------------

def test_import_one_area_file_updates_that_area(app, signed_in):
    content = edited("technical.yaml", "I can record a vocal session that gives a clean, usable take.",
                     "I can record a vocal session alone that gives a clean, usable take.")
    response = upload(signed_in, ("technical.yaml", content))
    assert response.status_code == 303
    page = signed_in.get(BANK_PAGE).get_data(as_text=True)
    assert "1 questions added" not in page and "1 changed" in page
    assert current(app, "tech-rate-vocal-session").prompt.startswith("I can record a vocal session alone")
    assert current(app, "bus-rate-deadlines") is not None  # the other areas stay


def test_import_unchanged_bank_makes_no_versions(app, signed_in):
    before = version_total(app)
    files = [(p.name, p.read_bytes()) for p in sorted(BANK_DIR.glob("*.yaml"))]
    assert upload(signed_in, *files).status_code == 303
    assert version_total(app) == before
    assert "0 changed" in signed_in.get(BANK_PAGE).get_data(as_text=True)


def test_import_a_zip_with_a_new_question_and_retirement(app, signed_in):
    technical = edited("technical.yaml", "  - id: tech-rate-gear-failure\n",
                       "  - id: tech-rate-new-one\n    type: self_rating\n    prompt: I label every take.\n"
                       "    topics: [skill-technical]\n\n  - id: tech-rate-gear-failure\n")
    technical = technical.replace(b"    reverse: true\n", b"    reverse: true\n    retired: true\n", 1)
    response = upload(signed_in, ("bank.zip", zipped(("questions/technical.yml", technical),
                                                      ("__MACOSX/._technical.yml", b"\0\1junk"))))
    assert response.status_code == 303, response.get_data(as_text=True)
    assert current(app, "tech-rate-new-one").prompt == "I label every take."
    assert current(app, "tech-rate-gear-failure").retired


def test_import_with_errors_changes_nothing_and_lists_every_error(app, signed_in):
    before = version_total(app)
    technical = edited("technical.yaml", "    weight: 2\n", "    weight: -2\n")
    technical = technical.replace(b"topics: [resp-mix-master, skill-technical]",
                                  b"topics: [resp-mix-master, no-such-topic]", 1)
    business = b"area: business\nquestions:\n  - id: [unclosed\n"
    # a valid change in a third file must not be saved either
    creativity = edited("creativity.yaml", "prompt: ", "prompt: Changed - ")
    response = upload(signed_in, ("technical.yaml", technical), ("business.yaml", business),
                      ("creativity.yaml", creativity))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nothing was imported: 3 errors" in html
    errors = import_errors(html)
    weight_line = technical.decode().splitlines().index("    weight: -2") + 1
    topic_line = next(i for i, line in enumerate(technical.decode().splitlines(), 1) if "no-such-topic" in line)
    assert f"technical.yaml, line {weight_line}: in question tech-scn-interface-fails: weight must be " \
           "greater than 0, not -2" in errors
    assert f"technical.yaml, line {topic_line}: unknown topic &#39;no-such-topic&#39; in question " \
           "tech-rate-mix-translate" in errors
    assert any(e.startswith("business.yaml, line 4: YAML syntax error") for e in errors)
    assert version_total(app) == before
    assert not current(app, "cre-chk-creative-work").prompt.startswith("Changed")


@pytest.mark.parametrize("weight, shown", [(".inf", "inf"), (".nan", "nan"),
                                           ("9" * 4000, "999999999999…")])
def test_import_of_a_weight_that_is_not_a_finite_number_is_refused(app, signed_in, weight, shown):
    before = version_total(app)
    technical = edited("technical.yaml", "    weight: 2\n", f"    weight: {weight}\n")
    response = upload(signed_in, ("technical.yaml", technical))
    assert response.status_code == 422
    line = technical.decode().splitlines().index(f"    weight: {weight}") + 1
    assert import_errors(response.get_data(as_text=True)) == [
        f"technical.yaml, line {line}: in question tech-scn-interface-fails: weight must be a "
        f"finite number, not {shown}"]
    assert version_total(app) == before


def test_import_of_a_number_too_long_to_read_is_refused_with_its_line(app, signed_in):
    technical = edited("technical.yaml", "    weight: 2\n", f"    weight: {'9' * 5000}\n")
    response = upload(signed_in, ("technical.yaml", technical))
    assert response.status_code == 422
    line = next(i for i, text in enumerate(technical.decode().splitlines(), 1) if "9" * 5000 in text)
    assert import_errors(response.get_data(as_text=True)) == [
        f"technical.yaml, line {line}: a number of 5000 digits is too long to read"]


def test_errors_in_files_not_uploaded_are_marked(signed_in):
    catalog = edited("catalog.yaml", "  - id: hands-on-recording\n", "  - id: hands-on-recording-renamed\n")
    html = upload(signed_in, ("catalog.yaml", catalog)).get_data(as_text=True)
    assert any(e.startswith("technical.yaml (from the current bank, not uploaded), line ")
               and "unknown next step &#39;hands-on-recording&#39;" in e for e in import_errors(html))


@pytest.mark.parametrize("files, message", [
    ([("notes.md", b"hello")], "notes.md: only .yaml files (or a .zip of them) can be imported"),
    ([("../../etc/technical.yaml", b"area: x")], None),  # the path is dropped: just a file name
    ([("broken.zip", b"not a zip")], "broken.zip: not a readable zip file"),
    ([("technical.yaml", b"a: 1"), ("technical.yml", b"a: 2")], "technical.yml: technical.yaml was uploaded twice"),
    ([("bank.zip", zipped(("readme.md", b"# hi")))], "bank.zip: readme.md: only .yaml files"),
])
def test_unusable_uploads_are_refused(app, signed_in, files, message):
    before = version_total(app)
    response = upload(signed_in, *files)
    assert response.status_code == 422
    if message:
        assert any(e.startswith(message) for e in import_errors(response.get_data(as_text=True)))
    assert version_total(app) == before


def test_import_without_files_asks_for_them(signed_in):
    token = form_token(signed_in, BANK_PAGE)
    response = signed_in.post(IMPORT, data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose one or more .yaml files, a .zip, or a Moodle XML or GIFT file." in response.get_data(as_text=True)


def test_import_without_csrf_token_is_refused(app, signed_in):
    content = edited("technical.yaml", "I can record a vocal", "Hijacked: I can record a vocal")
    response = signed_in.post(IMPORT, data={"files": [(io.BytesIO(content), "technical.yaml")]},
                              content_type="multipart/form-data")
    assert response.status_code == 400
    assert not current(app, "tech-rate-vocal-session").prompt.startswith("Hijacked")


def test_zip_that_unpacks_too_large_is_refused(app, signed_in):
    before = bank_state(app)
    bomb = zipped(("technical.yaml", b"#" * (3 * 1024 * 1024)))
    assert len(bomb) < 10_000
    response = upload(signed_in, ("bank.zip", bomb))
    assert response.status_code == 413
    assert import_errors(response.get_data(as_text=True)) == ["bank.zip: unpacks to more than 2048 KB"]
    assert bank_state(app) == before


# --- malformed uploads: the listed error naming the file, never a 500, nothing changed ----

def bank_state(app):
    with app.app_context():
        return (bank_store.current_bank(include_retired=True), version_total(app))


def stored_zip(name: str, content: bytes) -> tuple[bytes, int]:
    """A zip of one uncompressed member, and where its data starts."""
    archive = zipped_stored(name, content)
    return archive, archive.index(content)


def zipped_stored(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def with_header_field(archive: bytes, local_offset: int, central_offset: int, value: int) -> bytes:
    """The zip with a 2-byte field changed in the member's local and central headers."""
    data = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = data.index(signature) + offset
        data[at:at + 2] = value.to_bytes(2, "little")
    return bytes(data)


def bad_crc_zip() -> bytes:
    archive, start = stored_zip("technical.yaml", bank_file("technical.yaml"))
    data = bytearray(archive)
    data[start + 10] ^= 0x01  # one bit flipped in the stored data; the CRC no longer matches
    return bytes(data)


def encrypted_zip() -> bytes:
    return with_header_field(zipped_stored("technical.yaml", bank_file("technical.yaml")), 6, 8, 0x1)


def unknown_method_zip() -> bytes:
    return with_header_field(zipped_stored("technical.yaml", bank_file("technical.yaml")), 8, 10, 99)


def future_version_zip() -> bytes:
    """A member that needs a zip version (16.5) no unpacker here has."""
    return with_header_field(zipped_stored("technical.yaml", bank_file("technical.yaml")), 4, 6, 165)


DEEP = b"area: technical\nquestions:\n  - id: " + b"[" * 5000 + b"]" * 5000 + b"\n"
LAUGHS = b"area: technical\nlol0: &l0 [lol]\n" + b"".join(
    b"lol%d: &l%d [" % (i, i) + b", ".join([b"*l%d" % (i - 1)] * 10) + b"]\n" for i in range(1, 10)
) + b"questions:\n  - id: laughs\n    prompt: *l9\n"


@pytest.mark.parametrize("files, status, error", [
    ([("bank.zip", bad_crc_zip())], 422, "bank.zip: technical.yaml: is damaged and cannot be unpacked"),
    ([("bank.zip", encrypted_zip())], 422,
     "bank.zip: technical.yaml: is encrypted; upload the file without a password"),
    ([("bank.zip", unknown_method_zip())], 422,
     "bank.zip: technical.yaml: uses a compression method that cannot be unpacked here"),
    ([("technical.yaml", DEEP)], 422, "technical.yaml, line 3: YAML syntax error: nested more than 20"),
    ([("technical.yaml", b"area: technical\nquestions:\n  - id: caf\xe9\n")], 422,
     "technical.yaml, line 3: file is not UTF-8 text"),
    ([("technical.yaml", b"area: technical\nquestions:\n  - id: a\x00b\n")], 422,
     "technical.yaml, line 3: YAML syntax error: character #x0000 is not allowed"),
    ([("technical.yaml", b'area: technical\nquestions:\n  - id: "a\\0b"\n')], 422,
     "technical.yaml, line 3: YAML syntax error: the text holds a NUL character (\\0)"),
    ([("technical.yaml", LAUGHS)], 422,
     "technical.yaml, line 3: YAML syntax error: aliases (*name) are not allowed"),
    ([("bank.zip", zipped(("technical.yaml", DEEP)))], 422,
     "technical.yaml, line 3: YAML syntax error: nested more than 20"),
    ([("bank.zip", future_version_zip())], 422, "bank.zip: not a readable zip file"),
    ([("technical.yaml", b"area: technical\nquestions:\n  - ? [id]\n    : x\n")], 422,
     "technical.yaml, line 3: YAML syntax error: a key must be a plain value"),
], ids=["bad-crc", "encrypted", "unknown-compression", "deep-nesting", "not-utf8", "control-char",
        "escaped-nul", "billion-laughs", "deep-nesting-in-zip", "future-zip-version", "list-as-key"])
def test_malformed_upload_is_listed_and_changes_nothing(app, signed_in, files, status, error):
    before = bank_state(app)
    response = upload(signed_in, *files)
    assert response.status_code == status
    errors = import_errors(response.get_data(as_text=True))
    assert any(e.startswith(error) for e in errors), errors
    assert bank_state(app) == before


def test_zip_whose_headers_understate_the_unpacked_size_is_refused(app, signed_in):
    """A zip bomb that declares a small size: unpacking stops there and the check fails."""
    before = bank_state(app)
    bomb = bytearray(zipped(("technical.yaml", b"#" * (3 * 1024 * 1024))))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size
        at = bomb.index(signature) + offset
        bomb[at:at + 4] = (1000).to_bytes(4, "little")
    response = upload(signed_in, ("bank.zip", bytes(bomb)))
    assert response.status_code == 422
    assert import_errors(response.get_data(as_text=True)) == [
        "bank.zip: technical.yaml: is damaged and cannot be unpacked"]
    assert bank_state(app) == before


def test_cli_reads_what_the_page_exports(app, signed_in, runner, tmp_path):
    with zipfile.ZipFile(io.BytesIO(signed_in.get("/instructor/bank/export.zip").data)) as archive:
        archive.extractall(tmp_path)
    result = runner.invoke(args=["bank", "check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert Path(tmp_path / "topics.yaml").exists()

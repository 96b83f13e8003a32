"""Import from Moodle (Moodle XML, GIFT) in two steps, and export to it.

Upload: the file is read and planned (`quiz.domain.bank.moodle`), nothing saved; the review
screen shows what will be imported and skipped. Confirm: the instructor's choices (area,
topics, weight, next step) fill in each question, the bank's rules check every one, and all
are saved in one transaction - or none, with each problem named by file and line.

Between the two steps the uploaded file travels in the review form, signed (itsdangerous,
with the app's secret key, for this instructor only, for an hour): nothing is stored on the
server for an import that is never confirmed, any worker can take the confirm, and a changed
or expired upload is refused rather than trusted. The confirm reads the file again, against
the bank as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from quiz.domain.bank import rules
from quiz.domain.bank.moodle import (
    Choices,
    ImportPlan,
    ImportRefused,
    Problem,
    plan_import,
    read_moodle_file,
    to_gift,
    to_moodle_xml,
)
from quiz.domain.bank.plain import Bank
from quiz.platform.stores import bank as bank_store

REVIEW_MAX_AGE = 3600  # seconds an upload may wait on the review screen
MAX_FILE_BYTES = 4 * 1024 * 1024  # a 1,000-question export with some HTML is about 0.7 MB
FORMATS = {"moodle-xml": (to_moodle_xml, "xml", "application/xml"),
           "gift": (to_gift, "txt", "text/plain")}


class ReviewExpired(Exception):
    """The signed upload was changed, is another instructor's, or is older than an hour."""


def _signer(instructor_id: int) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"moodle-import:{instructor_id}")


def signed_upload(name: str, data: bytes, instructor_id: int) -> str:
    return _signer(instructor_id).dumps({"name": name, "data": data.decode("latin-1")})


def unsigned_upload(token: str, instructor_id: int) -> tuple[str, bytes]:
    try:
        upload = _signer(instructor_id).loads(token, max_age=REVIEW_MAX_AGE)
    except (SignatureExpired, BadSignature):
        raise ReviewExpired from None
    return upload["name"], upload["data"].encode("latin-1")


def plan(name: str, data: bytes, bank: Bank) -> ImportPlan:
    """The file read against the bank as it stands; raises `ImportRefused`."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused([Problem(name, None, f"the file is {len(data) / 1024 / 1024:.1f} MB; a Moodle "
                                                 f"file may be at most {MAX_FILE_BYTES // 1024 // 1024} MB. "
                                                 "Export fewer categories at a time")])
    return plan_import(read_moodle_file(name, data), [q.id for q in bank.questions],
                       {a.key: a.title for a in bank.areas})


def _known(bank: Bank) -> rules.Known:
    return rules.Known(areas=frozenset(a.key for a in bank.areas), topics=frozenset(t.id for t in bank.topics),
                       next_steps=frozenset(s.id for s in bank.next_steps),
                       resources=frozenset(r.id for r in bank.resources))


@dataclass(frozen=True)
class Imported:
    added: int
    updated: int


def save(import_plan: ImportPlan, choices: Choices, bank: Bank) -> Imported:
    """Every planned question, checked by the bank's rules, saved in one transaction; raises
    `ImportRefused` naming each problem's place in the uploaded file."""
    known, problems, questions = _known(bank), [], []
    current = {q.id: q for q in bank.questions}
    for candidate, data in zip(import_plan.candidates, import_plan.questions(choices, current)):
        question, found = rules.check_question(data, known)
        path = "" if candidate.where == f"line {candidate.line}" else f" ({candidate.where})"  # XML's
        problems += [Problem(import_plan.file, candidate.line, f"{candidate.name}{path}: {p.message}")
                     for p in found]
        if question is not None:
            questions.append(question)
    if problems:
        raise ImportRefused(problems)
    by_id = {q.id: q for q in questions}
    kept = [replace(by_id.pop(q.id), retired=q.retired) if q.id in by_id else q for q in bank.questions]
    limit = current_app.config["BANK_MAX_QUESTIONS"]
    if len(kept) + len(by_id) > limit:
        raise ImportRefused([Problem(import_plan.file, None, (
            f"the bank would hold {len(kept) + len(by_id):,} questions; it may hold at most "
            f"{limit:,} (the BANK_MAX_QUESTIONS setting). Retiring questions does not make room: "
            "import fewer"))])
    bank_store.save_bank(replace(bank, questions=tuple(kept) + tuple(by_id.values())))
    return Imported(added=len(by_id), updated=len(questions) - len(by_id))


@dataclass(frozen=True)
class Download:
    content: str
    file_name: str
    mimetype: str
    count: int
    not_exported: tuple  # NotExported: what has no Moodle equivalent
    notes: tuple[str, ...]


def export(form: str, bank: Bank, area: str | None = None, ids: list[str] | None = None) -> Download:
    """The bank's questions still offered - or the chosen ones, retired or not - in one area
    or all, as Moodle XML or GIFT."""
    write, suffix, mimetype = FORMATS[form]
    if ids:
        wanted = set(ids)
        questions = [q for q in bank.questions if q.id in wanted]
    else:
        questions = [q for q in bank.questions if not q.retired and (area is None or q.area == area)]
    written = write(questions, {a.key: a.title for a in bank.areas})
    return Download(written.text, f"question-bank{'-' + area if area else ''}.{suffix}", mimetype,
                    written.count, written.not_exported, written.notes)

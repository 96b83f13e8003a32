"""Write a bank back to YAML files that `load_bank` reads into an identical bank."""

from __future__ import annotations

from pathlib import Path

import yaml

from quiz.domain.bank.loader import CATALOG_FILE, TOPICS_FILE
from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def question_to_dict(question: Question) -> dict:
    data = {"id": question.id, "type": question.type, "prompt": question.prompt,
            "weight": _number(question.weight)}
    if question.kind.reversible:
        data["reverse"] = question.reverse
    data.update(question.kind.export_fields(question))
    data["topics"] = list(question.topics)
    for key in ("feedback", "rationale", "next_step", "resource"):
        if getattr(question, key):
            data[key] = getattr(question, key)
    if question.kind.takes_options:
        data["options"] = [question.kind.export_option(o) for o in question.kind.written_options(question)]
    if question.retired:
        data["retired"] = True
    return data


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")


def bank_files(bank: Bank) -> dict[str, dict]:
    """The bank as file name -> YAML document."""
    files = {
        TOPICS_FILE: {"topics": [{"id": t.id, "description": t.description} for t in bank.topics]},
        CATALOG_FILE: {
            "areas": [{"key": a.key, "title": a.title, "description": a.description,
                       "weight": _number(a.weight)} for a in bank.areas],
            "resources": [{"id": r.id, "title": r.title, "author": r.author, "good_for": r.good_for}
                          for r in bank.resources],
            "next_steps": [
                {"id": s.id, "area": s.area, "title": s.title, "detail": s.detail,
                 **({"resource": s.resource} if s.resource else {})}
                for s in bank.next_steps
            ],
        },
    }
    for area in bank.areas:
        files[f"{area.key}.yaml"] = {
            "area": area.key,
            "questions": [question_to_dict(q) for q in bank.questions_in(area.key)],
        }
    return files


def export_bank(bank: Bank, directory: str | Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in bank_files(bank).items():
        _dump(directory / name, data)
        written.append(directory / name)
    return written

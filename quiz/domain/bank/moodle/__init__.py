"""Moodle's two exchange formats, Moodle XML and GIFT: reading them into bank questions (with
what cannot be imported and why) and writing bank questions out in them. Pure Python.

    plan = plan_import(read_moodle_file(name, data), existing_ids, areas)
    questions = plan.questions(Choices(area=..., topics=(...)))   # bank data, for the bank's rules
"""

from __future__ import annotations

from pathlib import PurePath

from quiz.domain.bank.moodle.export import Export, NotExported, to_gift, to_moodle_xml
from quiz.domain.bank.moodle.gift import parse_gift
from quiz.domain.bank.moodle.mapping import Candidate, Choices, ImportPlan, Skipped, plan_import
from quiz.domain.bank.moodle.moodle_xml import parse_moodle_xml
from quiz.domain.bank.moodle.parsed import ImportRefused, ParsedFile, Problem

XML_SUFFIXES = (".xml",)
GIFT_SUFFIXES = (".gift", ".txt", ".sgift")
SUFFIXES = XML_SUFFIXES + GIFT_SUFFIXES


def is_moodle_file(name: str) -> bool:
    return PurePath(name).suffix.lower() in SUFFIXES


def read_moodle_file(name: str, data: bytes) -> ParsedFile:
    """A Moodle XML (.xml) or GIFT (.gift, .txt) file, read; raises `ImportRefused`."""
    suffix = PurePath(name).suffix.lower()
    if suffix in XML_SUFFIXES:
        return parse_moodle_xml(data, name)
    if suffix in GIFT_SUFFIXES:
        return parse_gift(data, name)
    raise ImportRefused([Problem(name, None, "only Moodle XML (.xml) and GIFT (.gift or .txt) files "
                                             "can be imported from Moodle")])


__all__ = ["SUFFIXES", "Candidate", "Choices", "Export", "ImportPlan", "ImportRefused", "NotExported",
           "ParsedFile", "Problem", "Skipped", "is_moodle_file", "parse_gift", "parse_moodle_xml", "plan_import",
           "read_moodle_file", "to_gift", "to_moodle_xml"]

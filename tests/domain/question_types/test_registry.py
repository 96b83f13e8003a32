"""The registry is the one place that names question types; everything else asks the type."""

from __future__ import annotations

import re

import pytest

from quiz import ROOT
from quiz.domain.question_types import KINDS, QUESTION_TYPES, SELF_REPORT, TESTED

PACKAGE = ROOT / "quiz" / "domain" / "question_types"


def test_the_plain_bank_types_list_every_registered_type():
    assert QUESTION_TYPES == tuple(kind.name for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_type_has_its_partials_and_a_role_calibration_knows(kind):
    for template in (kind.taker_template, kind.editor_template):
        assert any((folder / "templates" / template).is_file() for folder in (kind.folder, PACKAGE)), template
    assert kind.role in (SELF_REPORT, TESTED, None)


# The one other place that names types: the Moodle formats translate Moodle's question types to
# ours and back, so each mapping names both; a type it does not name is skipped or not exported.
TRANSLATORS = ROOT / "quiz" / "domain" / "bank" / "moodle"


def test_no_module_or_template_outside_the_type_package_names_a_type():
    names = re.compile(r"\b(" + "|".join(kind.name for kind in KINDS) + r")\b")
    found = [(path.relative_to(ROOT).as_posix(), line.strip())
             for path in sorted((ROOT / "quiz").rglob("*"))
             if path.suffix in (".py", ".html", ".js", ".css")
             and PACKAGE not in path.parents and TRANSLATORS not in path.parents
             for line in path.read_text(encoding="utf-8").splitlines()
             if names.search(line)]
    assert found == []

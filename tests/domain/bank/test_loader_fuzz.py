"""The loader against random YAML shapes (issue 29): any file gives a bank or `BankInvalid` with
file, line and a plain message - never another exception, which would be a 500 on the import
page and a traceback from `bank check`."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.domain import audio
from quiz.domain.bank.loader import BankInvalid, read_bank
from tests.apps import BANK_DIR

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
           | st.sampled_from(["technical", "skill-technical", "single_choice", "checklist", "ranking",
                              "self_rating", "rate_options", "listening", "pitch", "a", "b", ""]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8) | st.integers() | st.booleans(), inner, max_size=4),
                      max_leaves=15)
QUESTION_KEYS = st.sampled_from(["id", "type", "prompt", "label", "weight", "topics", "feedback", "rationale",
                                 "next_step", "resource", "reverse", "scale", "needs_experience", "retired",
                                 "options", "area", "stimulus", "key_rating", "points"])
OPTION = st.dictionaries(st.sampled_from(["id", "text", "points", "none", "feedback", "key_rating",
                                          "rationale", "x y"]), VALUES, max_size=6)
QUESTION = st.dictionaries(QUESTION_KEYS, VALUES | st.lists(OPTION, max_size=5), max_size=12)
AREA_FILE = st.fixed_dictionaries({"area": VALUES | st.just("technical"),
                                   "questions": VALUES | st.lists(QUESTION, max_size=4)})


def bank_with(files: dict[str, str]) -> Path:
    directory = Path(tempfile.mkdtemp()) / "questions"
    directory.mkdir()
    for name in ("catalog.yaml", "topics.yaml"):
        shutil.copy(BANK_DIR / name, directory / name)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def loads_or_says_why(directory: Path) -> None:
    try:
        read_bank(directory)
    except BankInvalid as invalid:
        assert invalid.errors
        for error in invalid.errors:
            assert error.path.startswith("questions") and error.message.strip()
            assert "Traceback" not in error.message and "pydantic" not in error.message.lower()
    finally:
        shutil.rmtree(directory.parent)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(AREA_FILE)
def test_any_shape_of_area_file(data):
    loads_or_says_why(bank_with({"technical.yaml": yaml.safe_dump(data, allow_unicode=True)}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES, st.sampled_from(["catalog.yaml", "topics.yaml", "technical.yaml"]))
def test_any_value_as_a_whole_file(data, name):
    loads_or_says_why(bank_with({name: yaml.safe_dump(data, allow_unicode=True)}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="{}[]:,-#&*!|>'\"% \n\tabq1.", max_size=80))
def test_any_text_as_a_file(text):
    loads_or_says_why(bank_with({"technical.yaml": "area: technical\nquestions:\n" + text}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(["id", "key", "title", "description", "weight", "area",
                                                 "detail", "resource", "author", "good_for", "extra"]),
                                VALUES, max_size=6), max_size=4),
       st.sampled_from(["areas", "resources", "next_steps"]))
def test_any_shape_of_catalog_entry(entries, kind):
    catalog = yaml.safe_load((BANK_DIR / "catalog.yaml").read_text())
    catalog[kind] = catalog[kind] + entries
    loads_or_says_why(bank_with({"catalog.yaml": yaml.safe_dump(catalog, allow_unicode=True)}))


def _stimulus_fields() -> list[str]:
    return sorted({"kind", *(spec.name for kind in audio.KINDS.values() for spec in kind.fields)})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_stimulus_fields()), VALUES | st.sampled_from(sorted(audio.KINDS)),
                       max_size=6),
       st.lists(OPTION, max_size=4))
def test_any_shape_of_listening_stimulus(stimulus, options):
    question = {"id": "tech-lis-x", "type": "listening", "prompt": "What do you hear?",
                "topics": ["skill-critical-listening"], "stimulus": stimulus, "options": options}
    data = {"area": "technical", "questions": [question]}
    loads_or_says_why(bank_with({"technical.yaml": yaml.safe_dump(data, allow_unicode=True)}))

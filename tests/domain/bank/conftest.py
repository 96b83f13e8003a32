from __future__ import annotations

import shutil

import pytest
import yaml

from tests.apps import BANK_DIR


@pytest.fixture
def bank_dir(tmp_path):
    """A copy of the catalog and topics, for a test to add one small question file to."""
    target = tmp_path / "questions"
    target.mkdir()
    for name in ("catalog.yaml", "topics.yaml"):
        shutil.copy(BANK_DIR / name, target / name)
    return target


@pytest.fixture
def technical_only(bank_dir, technical_yaml):
    """A bank whose catalog has one area, technical, with the questions of `technical_yaml`."""
    catalog = yaml.safe_load((bank_dir / "catalog.yaml").read_text())
    catalog["areas"] = [a for a in catalog["areas"] if a["key"] == "technical"]
    catalog["next_steps"] = [s for s in catalog["next_steps"] if s["area"] == "technical"]
    (bank_dir / "catalog.yaml").write_text(yaml.safe_dump(catalog))
    (bank_dir / "technical.yaml").write_text(technical_yaml)
    return bank_dir

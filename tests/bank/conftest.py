from __future__ import annotations

import shutil

import pytest

from tests.apps import BANK_DIR


@pytest.fixture
def bank_dir(tmp_path):
    """A copy of the catalog and topics, for a test to add one small question file to."""
    target = tmp_path / "questions"
    target.mkdir()
    for name in ("catalog.yaml", "topics.yaml"):
        shutil.copy(BANK_DIR / name, target / name)
    return target

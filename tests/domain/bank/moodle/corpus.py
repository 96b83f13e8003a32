"""Where the corpus of real Moodle XML and GIFT files is (../shared/corpus/moodle-formats, next
to the repository; MOODLE_CORPUS overrides), and its manifest's rows."""

from __future__ import annotations

import csv
import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[4]
CORPUS = Path(os.environ.get("MOODLE_CORPUS", REPOSITORY.parent / "shared" / "corpus" / "moodle-formats"))
FOLDERS = {"gift": "gift", "moodlexml": "moodlexml"}


def manifest() -> dict[str, str]:
    """File name -> its format as the manifest gives it ("gift" or "moodlexml")."""
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as rows:
        return {row["local_name"]: row["format"] for row in csv.DictReader(rows, delimiter="\t")}


def path(name: str, form: str) -> Path:
    return CORPUS / FOLDERS[form] / name

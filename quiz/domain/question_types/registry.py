"""Every question type by its name, filled once by the package (`quiz.domain.question_types`),
which imports each type: a `Question` finds its kind here without importing the types."""

from __future__ import annotations

from typing import Any

BY_NAME: dict[str, Any] = {}  # name -> QuestionType

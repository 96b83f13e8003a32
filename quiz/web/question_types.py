"""Serves each question type's own folder: its template partials and its script, as a
blueprint with no views (Flask's documented way to add a template and a static folder).
The shared partials live in the package's own templates/."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, url_for

from quiz.domain import question_types
from quiz.domain.question_types import KINDS, QuestionType


def blueprint_name(kind: QuestionType) -> str:
    return f"question_type_{kind.name}"


def init_app(app: Flask) -> None:
    shared = Path(question_types.__file__).parent / "templates"
    app.register_blueprint(Blueprint("question_types", __name__, template_folder=shared))
    for kind in KINDS:
        static = kind.folder / "static"
        app.register_blueprint(Blueprint(
            blueprint_name(kind), __name__, url_prefix=f"/question-types/{kind.name}",
            template_folder=kind.folder / "templates",
            static_folder=static if static.is_dir() else None))
    app.jinja_env.globals["question_type_script"] = script_url


def script_url(kind: QuestionType) -> str | None:
    """The address of a type's script, for the pages that show it; None when it has none."""
    return url_for(f"{blueprint_name(kind)}.static", filename=kind.script) if kind.script else None

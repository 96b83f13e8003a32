"""Blueprints stand on their own: none imports another's routes (only create_app wires them),
the report imports nothing of the taking or instructor packages, taking and groups do not
import each other, the statistics engine stands alone and the plain bank asks nothing of the
question types when it is imported."""

from __future__ import annotations

import ast
from pathlib import Path

import quiz

PACKAGE = Path(quiz.__file__).parent


def imported_modules(path: Path, module_level: bool = False) -> set[str]:
    """Every module a file imports, resolved to its dotted name within quiz; with
    `module_level`, only the imports run when the file is imported (not those in functions)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    tree = ast.parse(path.read_text())
    found = set()
    for node in (_module_level(tree) if module_level else ast.walk(tree)):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def _module_level(tree: ast.Module):
    """The statements run at import time: the module's own, and those inside its ifs and trys."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            pending += [*node.body, *node.orelse, *getattr(node, "handlers", []), *getattr(node, "finalbody", [])]
        elif isinstance(node, ast.ExceptHandler):
            pending += node.body


def imports_of_package(name: str, module_level: bool = False) -> dict[Path, set[str]]:
    return {path: imported_modules(path, module_level) for path in (PACKAGE / name).rglob("*.py")}


def test_imports_are_resolved_for_packages_and_modules_alike():
    assert "quiz.statistics.measurement" in imported_modules(PACKAGE / "statistics" / "norms.py")
    assert "quiz.statistics" in imported_modules(PACKAGE / "report" / "routes.py")
    assert "quiz.tokens" in imported_modules(PACKAGE / "taking" / "attempts.py")


def test_no_module_imports_another_packages_routes():
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "__init__.py":
            continue
        own = ".".join(path.relative_to(PACKAGE.parent).parts[:2])
        others = {m for m in imported_modules(path) if m.endswith(".routes") and not m.startswith(own)}
        assert not others, f"{path} imports {others}"


def test_the_report_imports_nothing_of_taking():
    for path in (PACKAGE / "report").rglob("*.py"):
        assert not {m for m in imported_modules(path) if m.startswith("quiz.taking")}, path


def test_the_report_imports_nothing_of_the_instructor_pages():
    for path, modules in imports_of_package("report").items():
        assert not {m for m in modules if m.startswith("quiz.instructor")}, path


def test_taking_and_groups_do_not_import_each_other():
    for own, other in (("taking", "quiz.groups"), ("groups", "quiz.taking")):
        for path, modules in imports_of_package(own).items():
            assert not {m for m in modules if m.startswith(other)}, path


def test_the_statistics_engine_imports_neither_flask_nor_the_rest_of_the_app():
    for path, modules in imports_of_package("statistics").items():
        outside = {m for m in modules if m.split(".")[0] in {"flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug"}
                   or (m.startswith("quiz") and not m.startswith("quiz.statistics"))}
        assert not outside, f"{path} imports {outside}"


def test_the_plain_bank_does_not_import_the_question_types_when_imported():
    modules = imported_modules(PACKAGE / "bank" / "plain.py", module_level=True)
    assert not {m for m in modules if m.startswith("quiz.question_types")}

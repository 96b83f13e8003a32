"""Blueprints stand on their own: none imports another's routes (only create_app wires them),
and the report imports nothing of the taking package."""

from __future__ import annotations

import ast
from pathlib import Path

import quiz

PACKAGE = Path(quiz.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, resolved to its dotted name within quiz."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


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

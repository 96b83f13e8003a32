"""The house rule, checked for every import of every module under quiz/ (function-level imports
included): three floors, and imports only go down.

    quiz/__init__.py, quiz/cli/    the entry points: may use everything
    quiz/web/<feature>/            the web features: the platform and the domain, never another feature
    quiz/platform/                 the platform: the domain, never the web
    quiz/domain/                   the domain: only itself, and nothing of Flask or SQLAlchemy

Within the domain the question types are the bottom: they import nothing else of the domain but
the shared caches and the audio they generate, which itself uses nothing but the caches. The statistics stand alone (and use the caches). And no circle anywhere.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

import quiz

PACKAGE = Path(quiz.__file__).parent
WEB_LIBRARIES = {"flask", "flask_sqlalchemy", "flask_wtf", "flask_login", "flask_migrate", "sqlalchemy",
                 "werkzeug", "wtforms", "alembic", "jinja2"}
# The one feature that uses another: joining a group shows the taker's start page with the group
# named on it (quiz/web/joining/routes.py), rather than a second copy of that page.
FEATURE_USES = {("joining", "taking")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (anywhere in it), resolved to a dotted name; `from x import y`
    counts as importing x.y when that is a module of quiz, else x."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


IMPORTS = {name: imported_modules(path) for name, path in MODULES.items()}


def floor(module: str) -> tuple[int, str]:
    """(height, room): entry points 3, a web feature 2, the platform 1, the domain 0."""
    parts = module.split(".")
    if module == "quiz" or parts[1] == "cli":
        return 3, "entry"
    if parts[1] == "web":
        return 2, parts[2] if len(parts) > 2 else "web"
    return {"platform": (1, "platform"), "domain": (0, "domain")}[parts[1]]


def ours(imported: str) -> str | None:
    """The quiz module an import names (a package's own module for `from package import name`)."""
    while imported and imported not in MODULES:
        imported = imported.rpartition(".")[0]
    return imported or None


def test_every_module_lives_on_a_floor():
    loose = [name for name in MODULES if name.count(".") == 1 and name.split(".")[1] not in
             {"cli", "web", "platform", "domain"}]
    assert loose == []


def wrong_imports(module: str, imports: set[str]) -> list[str]:
    height, room = floor(module)
    wrong = []
    for imported in imports:
        target = ours(imported) if imported.startswith("quiz") else None
        if target is None or target == module:
            continue
        target_height, target_room = floor(target)
        if target_height > height:
            wrong.append(f"{target} (up)")
        elif height == target_height == 2 and room not in ("web", target_room) and target_room != "web" \
                and (room, target_room) not in FEATURE_USES:
            wrong.append(f"{target} (another feature)")
    return wrong


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down(module):
    assert wrong_imports(module, IMPORTS[module]) == [], module


@pytest.mark.parametrize("module", sorted(m for m in MODULES if floor(m)[0] == 0))
def test_the_domain_imports_no_web_library(module):
    assert {m.split(".")[0] for m in IMPORTS[module]} & WEB_LIBRARIES == set(), module


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("quiz.domain.question_types")))
def test_question_types_are_the_bottom_of_the_domain(module):
    allowed = ("quiz.domain.question_types", "quiz.domain.caches", "quiz.domain.audio")
    outside = {m for m in IMPORTS[module] if m.startswith("quiz") and not m.startswith(allowed)}
    assert outside == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("quiz.domain.audio")))
def test_the_audio_stands_alone(module):
    allowed = ("quiz.domain.audio", "quiz.domain.caches")
    outside = {m for m in IMPORTS[module] if m.startswith("quiz") and not m.startswith(allowed)}
    assert outside == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("quiz.domain.statistics")))
def test_the_statistics_stand_alone(module):
    allowed = ("quiz.domain.statistics", "quiz.domain.caches")
    outside = {m for m in IMPORTS[module] if m.startswith("quiz") and not m.startswith(allowed)}
    assert outside == set()


def test_no_circle_of_imports():
    graph = defaultdict(set)
    for module, imported in IMPORTS.items():
        for name in imported:
            target = ours(name) if name.startswith("quiz") else None
            if target and target != module:
                graph[module].add(target)
    circles, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for following in sorted(graph[node]):
            if state.get(following) == "open":
                circles.append(path[path.index(following):] + [following])
            elif following not in state:
                visit(following, [*path, following])
        state[node] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_rule_catches_an_import_up_or_across():
    assert wrong_imports("quiz.platform.models", {"quiz.web.taking.routes"}) == ["quiz.web.taking.routes (up)"]
    assert wrong_imports("quiz.domain.scoring", {"quiz.platform.models"}) == ["quiz.platform.models (up)"]
    assert wrong_imports("quiz.web.groups.routes", {"quiz.web.instructor.forms"}) == \
        ["quiz.web.instructor.forms (another feature)"]
    assert wrong_imports("quiz.web.report.routes", {"quiz.domain.scoring", "quiz.platform.models", "flask"}) == []

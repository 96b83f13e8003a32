"""No code under quiz/ or devserver/ patches a library: none assigns to (or deletes, or
`setattr`s) an attribute of a module or class from outside these packages, wraps the methods
of its own subclass of one by `setattr`, or overrides a private method of a library class.
Libraries are used as their documentation says; their internals may change in any release.

Read from the source (AST), each name resolved through the file's imports. A third-party
name is one not under quiz/ or devserver/ (the standard library counts too)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("quiz", "devserver")
# Namespaces a library hands out for the app's own values: Flask's `g` is documented for them.
APP_NAMESPACES = {"flask.g"}
# Per-request settings a library documents as settable: Flask 3.1's Request.max_content_length and
# max_form_memory_size ("Changed in version 3.1: This can be set per-request"), used by
# quiz/platform/security.py to let a file import take a larger body than the site's limit.
DOCUMENTED_SETTINGS = {"flask.request.max_content_length", "flask.request.max_form_memory_size"}


def _imports(tree: ast.AST) -> dict[str, str]:
    """Each name a file's imports bind (anywhere in it) -> the dotted name it stands for; a
    relative import stands for one of ours."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:  # `import a.b` binds `a`
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = OURS[0] if node.level else node.module
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{module}.{alias.name}"
    return bound


def _dotted(node: ast.expr, imports: dict[str, str]) -> str | None:
    """`a.b.c` as the dotted name it stands for, when `a` was imported; else None."""
    if isinstance(node, ast.Name):
        return imports.get(node.id)
    if isinstance(node, ast.Attribute) and (base := _dotted(node.value, imports)):
        return f"{base}.{node.attr}"
    return None


def _third_party(dotted: str | None) -> bool:
    return dotted is not None and dotted.split(".")[0] not in OURS and dotted not in APP_NAMESPACES


def _library_object(dotted: str):
    """The object a dotted name stands for, imported; None if it cannot be."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for name in parts[split:]:
                found = getattr(found, name)
        except AttributeError:
            return None
        return found
    return None


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def patches(source: str) -> list[str]:
    """What the source does to libraries, one line per finding (empty if nothing)."""
    tree = ast.parse(source)
    imports = _imports(tree)
    found = []
    # Our own subclasses of library classes: setattr on one rewrites what the library gave it.
    library_subclasses = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                          and any(_third_party(_dotted(base, imports)) for base in node.bases)}

    def library_target(node: ast.expr) -> str | None:
        """The library module or class an assignment's target belongs to."""
        if isinstance(node, ast.Attribute):
            owner = _dotted(node.value, imports)
            name = f"{owner}.{node.attr}"
            return name if _third_party(owner) and name not in DOCUMENTED_SETTINGS else None
        if isinstance(node, ast.Subscript):  # module.__dict__[...] = or vars(module)[...] =
            holder = node.value
            if isinstance(holder, ast.Attribute) and holder.attr == "__dict__":
                owner = _dotted(holder.value, imports)
            elif isinstance(holder, ast.Call) and isinstance(holder.func, ast.Name) \
                    and holder.func.id == "vars" and holder.args:
                owner = _dotted(holder.args[0], imports)
            else:
                return None
            return f"{owner}.__dict__" if _third_party(owner) else None
        if isinstance(node, (ast.Tuple, ast.List)):
            return next((t for element in node.elts if (t := library_target(element))), None)
        return None

    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            if name := library_target(target):
                found.append(f"line {node.lineno}: assigns to {name}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("setattr", "delattr") and node.args):
            owner = node.args[0]
            if _third_party(dotted := _dotted(owner, imports)):
                found.append(f"line {node.lineno}: {node.func.id} on {dotted}")
            elif isinstance(owner, ast.Name) and owner.id in library_subclasses:
                found.append(f"line {node.lineno}: {node.func.id} on {owner.id}, a subclass of a library class")
        if isinstance(node, ast.ClassDef):
            bases = [dotted for base in node.bases if _third_party(dotted := _dotted(base, imports))]
            for method in node.body:
                if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or not _private(method.name):
                    continue
                for base in bases:
                    library_class = _library_object(base)
                    # A base that cannot be imported is assumed to have it: better a false alarm.
                    if library_class is None or hasattr(library_class, method.name):
                        found.append(f"line {method.lineno}: {node.name}.{method.name} overrides "
                                     f"a private method of {base}")
    return found


def _our_files() -> list[Path]:
    return sorted(path for package in OURS for path in (ROOT / package).rglob("*.py"))


def test_our_code_patches_no_library():
    assert _our_files()
    found = {str(path.relative_to(ROOT)): hits for path in _our_files() if (hits := patches(path.read_text()))}
    assert found == {}


# What the pieces removed in issue 20 did, as they did it.
@pytest.mark.parametrize("source", [
    # quiz/csrf_tokens.py: Flask-WTF's check replaced at run time
    "import flask_wtf.csrf\n\ndef init_app(app):\n    flask_wtf.csrf.validate_csrf = validate_csrf\n",
    "from flask_wtf import csrf\ncsrf.validate_csrf = lambda *args: None\n",
    "import flask_wtf.csrf as wtf_csrf\nsetattr(wtf_csrf, 'validate_csrf', print)\n",
    # quiz/cookie_session.py: the dict methods of a library session class wrapped by name
    "from flask.sessions import SecureCookieSession\n\nclass LazyCookieSession(SecureCookieSession):\n"
    "    pass\n\nfor _name in ('get', 'keys'):\n"
    "    setattr(LazyCookieSession, _name, _reading_first(getattr(SecureCookieSession, _name)))\n",
    "from flask.sessions import SecureCookieSession\nSecureCookieSession.get = lambda self, key: None\n",
    # quiz/auth/sessions.py: Flask-Login's private after-request hook overridden
    "from flask_login import LoginManager\n\nclass InstructorLoginManager(LoginManager):\n"
    "    def _update_remember_cookie(self, response):\n        return response\n",
    "import flask_login\n\nclass Manager(flask_login.LoginManager):\n"
    "    def _update_remember_cookie(self, response):\n        return response\n",
    # and the other ways to do the same
    "import time\ntime.time = lambda: 0\n",
    "import sqlalchemy.engine\nsqlalchemy.engine.Engine.connect, x = None, 1\n",
    "from flask import Flask\ndel Flask.make_response\n",
    "import jinja2\njinja2.__dict__['Template'] = None\n",
    "import jinja2\nvars(jinja2)['Template'] = None\n",
    "from sqlalchemy.orm import Session\nSession.execute += 1\n",
])
def test_each_way_of_patching_a_library_is_found(source):
    assert patches(source), source


@pytest.mark.parametrize("source", [
    "from flask import g\ng.attempt = 1\n",  # Flask's namespace for the app's own values
    "from werkzeug.middleware.proxy_fix import ProxyFix\n\ndef wire(app):\n"
    "    app.wsgi_app = ProxyFix(app.wsgi_app)\n",  # the app's own attribute, as documented
    "from .caches import LRUCache\nLRUCache.max_size = 3\n",  # one of ours
    "def store(row, name, value):\n    setattr(row, name, value)\n",  # an instance, not a library
    "from flask_login import LoginManager\n\nclass Manager(LoginManager):\n"
    "    def _own_helper(self):\n        pass\n\n    def __init__(self):\n        super().__init__()\n",
    "from flask_wtf import FlaskForm\n\nclass Form(FlaskForm):\n    def validate_name(self, field):\n        pass\n",
])
def test_using_a_library_as_documented_is_not_patching(source):
    assert patches(source) == []

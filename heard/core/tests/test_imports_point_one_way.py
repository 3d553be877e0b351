"""Dependencies between Heard's apps point one way (docs/architecture.md, "Import direction").

Every module of every app (tests and migrations aside) is read, imports inside functions included: an app may
import from its own layer and the layers above it, never below. `heard/core/testing.py` (the test builders) is
the one exception: it builds records of every app for tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

HEARD = Path(__file__).resolve().parents[2]

# From the bottom of the stack up, as in docs/architecture.md.
LAYERS: list[set[str]] = [
    {"lib"},
    {"core"},
    {"accounts", "partners"},
    {"engagement"},
    {"place"},
    {"privacy"},
    {"returns", "analysis"},
    {"reporting"},
    {"influence", "funding"},
    {"governance"},
    {"demo"},
]
EXEMPT = {HEARD / "core" / "testing.py"}


def _layer(app: str) -> int:
    for index, apps in enumerate(LAYERS):
        if app in apps:
            return index
    raise AssertionError(f"heard.{app} is in no layer: add it to LAYERS here and to docs/architecture.md")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found.update(name.split(".")[1] for name in names if name.startswith("heard.") and name.count(".") >= 1)
    return found


def _app_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(HEARD.glob("*/**/*.py")):
        parts = path.relative_to(HEARD).parts
        if "tests" in parts or "migrations" in parts or path in EXEMPT:
            continue
        modules.append((parts[0], path))
    return modules


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in HEARD.glob("*/__init__.py")}
    for app in apps:
        _layer(app)


def test_no_app_imports_from_a_layer_below_its_own():
    wrong = []
    for app, path in _app_modules():
        for other in _imports(path):
            if other in {"cli", "settings", "urls", "wsgi"} or other == app:
                continue
            if _layer(other) > _layer(app):
                wrong.append(f"{path.relative_to(HEARD.parent)} imports heard.{other}")
    assert not wrong, "Imports pointing up the stack (move the shared piece down instead):\n" + "\n".join(wrong)


def test_the_check_finds_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from heard.reporting.models import Report\n")
    assert _imports(module) == {"reporting"}
    assert _layer("reporting") > _layer("engagement")

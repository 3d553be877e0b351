"""Reading Heard's own code for the invariant tests: which views, commands and tasks write to the database, call
the audit trail, or look records up without a getter. Works on the source (ast), so nothing has to run."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import heard

ROOT = Path(heard.__file__).resolve().parent.parent

# Where requests, the command line and the worker come in: these call actions and getters, never the ORM's writes.
VIEW_FILES = ("heard/*/views.py", "heard/*/*_views.py", "heard/*/public.py")
ENTRY_FILES = (*VIEW_FILES, "heard/*/management/commands/*.py", "heard/*/tasks.py")

# Methods that write to the database when called on a model, a manager, a queryset or a related manager.
WRITE_METHODS = frozenset(
    {"save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
)
LOOKUP_FUNCTIONS = frozenset({"get_object_or_404", "get_list_or_404"})
_DICT_MAKERS = frozenset({"dict", "set", "Counter", "defaultdict", "OrderedDict"})


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the repository, e.g. heard/returns/views.py
    function: str  # the enclosing function, or "<module>"
    call: str  # what was called, e.g. "record.save" or "audit.record"
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.function, self.call)

    def __str__(self) -> str:
        call = self.call if self.call.startswith(("import ", "from ")) else f"{self.call}(...)"
        return f"{self.path}:{self.line} in {self.function}(): {call}"


def files(patterns: tuple[str, ...]) -> list[Path]:
    found = {path for pattern in patterns for path in ROOT.glob(pattern) if path.name != "__init__.py"}
    return sorted(found)


def _receiver_chain(node: ast.expr) -> Iterator[ast.expr]:
    """X in X.a.b(...).c: every expression the call's receiver is built from, outermost first."""
    while True:
        yield node
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return


def _through_manager(node: ast.expr) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "objects" for n in _receiver_chain(node))


def _is_local_dict(value: ast.expr | None, annotation: ast.expr | None = None) -> bool:
    """A dict or set (or Counter) by its annotation or by what made it: `{...}`, `dict(...)`, `Counter()`."""
    if annotation is not None and ast.unparse(annotation).split("[")[0].split(".")[-1] in _DICT_MAKERS:
        return True
    if isinstance(value, ast.Dict | ast.DictComp | ast.Set | ast.SetComp):
        return True
    return isinstance(value, ast.Call) and ast.unparse(value.func).split(".")[-1] in _DICT_MAKERS


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.stack: list[str] = []
        self.dicts: list[set[str]] = [set()]
        self.writes: list[Finding] = []
        self.audits: list[Finding] = []
        self.lookups: list[Finding] = []

    def _finding(self, node: ast.AST, call: str) -> Finding:
        return Finding(self.path, ".".join(self.stack) or "<module>", call, getattr(node, "lineno", 0))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.stack.append(node.name)
        names = {
            a.arg
            for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
            if _is_local_dict(None, a.annotation)
        }
        for child in ast.walk(node):
            if isinstance(child, ast.Assign) and _is_local_dict(child.value):
                names |= {t.id for t in child.targets if isinstance(t, ast.Name)}
            elif (
                isinstance(child, ast.AnnAssign)
                and isinstance(child.target, ast.Name)
                and _is_local_dict(child.value, child.annotation)
            ):
                names.add(child.target.id)
        self.dicts.append(names)
        self.generic_visit(node)
        self.dicts.pop()
        self.stack.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith("heard.core.audit"):
                self.audits.append(self._finding(node, f"import {alias.name}"))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module == "heard.core.audit" or (module == "heard.core" and any(a.name == "audit" for a in node.names)):
            self.audits.append(self._finding(node, f"from {module} import ..."))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = ast.unparse(func)
        if isinstance(func, ast.Name) and func.id in LOOKUP_FUNCTIONS:
            self.lookups.append(self._finding(node, name))
        if isinstance(func, ast.Attribute):
            if func.attr == "record" and isinstance(func.value, ast.Name) and func.value.id == "audit":
                self.audits.append(self._finding(node, name))
            elif func.attr in WRITE_METHODS and not self._harmless(func, node):
                self.writes.append(self._finding(node, name))
            elif func.attr == "get" and self._is_record_lookup(func, node):
                self.lookups.append(self._finding(node, name))
        self.generic_visit(node)

    def _harmless(self, func: ast.Attribute, node: ast.Call) -> bool:
        # form.save(commit=False) builds an unsaved instance for an action to save.
        if func.attr == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords
        ):
            return True
        # A dict or set made in the same function (a page's context, a form's initial values) is not a model.
        return func.attr == "update" and isinstance(func.value, ast.Name) and func.value.id in self.dicts[-1]

    @staticmethod
    def _is_record_lookup(func: ast.Attribute, node: ast.Call) -> bool:
        # Model.objects...get(...), or any .get(pk=...): dict.get and request.GET.get take no lookups.
        return _through_manager(func.value) or any(k.arg not in (None, "default") for k in node.keywords)


def scan(path: Path, source: str | None = None) -> _Scanner:
    relative = path.resolve().relative_to(ROOT).as_posix() if path.is_absolute() else path.as_posix()
    scanner = _Scanner(relative)
    scanner.visit(ast.parse(source if source is not None else path.read_text(encoding="utf-8")))
    return scanner

"""Every word Heard itself writes (its code's strings and its templates, the demo's texts included) avoids the
labels for people the partnership rejects ("vulnerable", "hard to reach", "service users"...): a person walking
through the demo found "hard to reach" in a recommendation. Residents' own words (data files) are theirs and are
not checked here."""

from __future__ import annotations

import ast

from heard.core.tests.codescan import ROOT
from heard.lib import plainwords

# These list the labels on purpose: the check itself, and the redaction's words that come before a name.
LISTS_THE_LABELS = {"heard/lib/plainwords.py", "heard/lib/redaction/names.py"}


def _labels_in_code() -> list[str]:
    found = []
    for path in sorted((ROOT / "heard").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative in LISTS_THE_LABELS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [f"{relative}:{node.lineno}: {f.text!r}" for f in plainwords._labels(node.value)]
    return found


def _labels_in_templates() -> list[str]:
    found = []
    for path in sorted((ROOT / "heard").rglob("templates/**/*.*")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative:
            continue
        found += [f"{relative}: {f.text!r}" for f in plainwords._labels(path.read_text(encoding="utf-8"))]
    return found


def test_heards_own_strings_use_no_label_for_people() -> None:
    assert _labels_in_code() == []


def test_heards_templates_use_no_label_for_people() -> None:
    assert _labels_in_templates() == []

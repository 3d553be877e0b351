"""Each decision record in docs/decisions/ has its own number, its title carries that number, and every link to a
decision record leads to one that exists."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DECISIONS = ROOT / "docs" / "decisions"
RECORD = re.compile(r"^(\d{4})-[a-z0-9-]+\.md$")
LINK = re.compile(r"\]\(((?:[^()\s]*/)?\d{4}-[a-z0-9-]+\.md)\)")


def duplicate_numbers(names: list[str]) -> dict[str, list[str]]:
    numbers = Counter(m.group(1) for name in names if (m := RECORD.match(name)))
    return {
        number: sorted(n for n in names if n.startswith(number + "-")) for number, count in numbers.items() if count > 1
    }


def test_every_decision_record_has_its_own_number() -> None:
    names = [path.name for path in DECISIONS.glob("*.md")]
    assert names, "no decision records found"
    assert [n for n in names if not RECORD.match(n)] == [], "name decision records NNNN-words.md"
    assert duplicate_numbers(names) == {}, "renumber one of each pair (the next free number) and its links"


def test_each_title_carries_its_files_number() -> None:
    for path in DECISIONS.glob("*.md"):
        title = path.read_text(encoding="utf-8").splitlines()[0]
        assert title.startswith(f"# {int(path.name[:4])}. "), f"{path.name}: its title is {title!r}"


def test_every_link_to_a_decision_record_leads_to_one() -> None:
    broken = [
        f"{path.relative_to(ROOT)}: {target}"
        for path in [ROOT / "README.md", ROOT / "CHANGELOG.md", *ROOT.glob("docs/**/*.md")]
        for target in LINK.findall(path.read_text(encoding="utf-8"))
        if not (path.parent / target).resolve().exists()
    ]
    assert broken == []


def test_two_records_with_one_number_are_found() -> None:
    names = ["0005-a.md", "0006-b.md", "0006-c.md", "0007-d.md"]
    assert duplicate_numbers(names) == {"0006": ["0006-b.md", "0006-c.md"]}

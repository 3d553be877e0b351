"""No module in heard/ runs past 500 lines (COMMON house rule): a longer one is split by what it does.

Migrations are generated and never edited, so they are left out. ALLOWED names any module that cannot be split yet,
each with its reason; keep it short, and remove an entry once its module is split.
"""

from __future__ import annotations

from pathlib import Path

HEARD = Path(__file__).resolve().parents[2]
LIMIT = 500

# path relative to heard/ -> why it may be longer for now
ALLOWED: dict[str, str] = {}


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for _line in f)


def long_modules(root: Path = HEARD, limit: int = LIMIT) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): count
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts and (count := _lines(path)) > limit
    }


def test_no_module_is_longer_than_500_lines() -> None:
    too_long = {path: count for path, count in long_modules().items() if path not in ALLOWED}
    assert not too_long, (
        f"Modules over {LIMIT} lines: {too_long}. Split each by what it does (check, plan, write), keeping its "
        "imports working, or add it to ALLOWED here with the reason it cannot be split yet."
    )


def test_every_allowed_module_is_still_long() -> None:
    lengths = long_modules()
    stale = [path for path in ALLOWED if path not in lengths]
    assert not stale, f"These modules are now {LIMIT} lines or fewer: remove them from ALLOWED: {stale}"


def test_a_module_over_the_limit_is_found(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "app" / "short.py").write_text("x = 1\n" * LIMIT)
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("x = 1\n" * (LIMIT + 1))
    assert long_modules(tmp_path) == {"app/long.py": LIMIT + 1}

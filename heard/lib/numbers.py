"""Small-number suppression, the project-wide rule for anything outside host staff.

A count of 1-4 people is shown as "<5"; 0 stays 0. Host staff see exact figures.
"""

from __future__ import annotations

SUPPRESSION_THRESHOLD = 5


def is_suppressed(count: int | None) -> bool:
    return count is not None and 0 < count < SUPPRESSION_THRESHOLD


def suppress(count: int | None, *, exact: bool = False) -> str:
    if count is None:
        return ""
    if not exact and is_suppressed(count):
        return f"<{SUPPRESSION_THRESHOLD}"
    return f"{count:,}"


def share(part: int, whole: int) -> int:
    """A whole-number percentage."""
    return round(100 * part / whole) if whole else 0

"""Reading ids from query strings and forms: a value that is not a plain id is treated as absent, never an error."""

from __future__ import annotations

# The largest id any database Heard runs on can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def as_id(value: object) -> int | None:
    """`value` as a record id when it is one (ASCII digits, 1 to MAX_ID), else None: "abc", "-1", "²", "1.5" and a
    forty-digit number are all None."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None

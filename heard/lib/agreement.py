"""Agreement between two coders: Cohen's kappa on yes/no decisions."""

from __future__ import annotations

from collections.abc import Sequence


def cohens_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa for two raters' binary decisions on the same items; None when it is undefined (no items,
    or both raters gave one answer throughout so chance agreement is total)."""
    if len(a) != len(b):
        raise ValueError("both coders must decide on the same items")
    n = len(a)
    if n == 0:
        return None
    agree = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    pa, pb = sum(a) / n, sum(b) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    if chance == 1:
        return None
    return (agree - chance) / (1 - chance)


def describe_kappa(kappa: float | None) -> str:
    """Landis and Koch's words for a kappa value."""
    if kappa is None:
        return "not enough to compare"
    for limit, words in ((0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= limit:
            return words
    return "almost perfect"

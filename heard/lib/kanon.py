"""k-anonymity for record-level exports: measure it, and generalise a table until it holds.

A table's quasi-identifiers are the columns someone could already know about a resident from elsewhere (their
community, age band, sex, ethnic group, where they live ...). A record is *k-anonymous* when at least k records
in the table, itself included, share every one of its quasi-identifier values: whoever knows those facts about a
person can narrow them down to no fewer than k records.

`generalise` does full-domain generalisation (Samarati 2001; LeFevre, DeWitt and Ramakrishnan's Incognito, 2005):
each quasi-identifier has a hierarchy of ever coarser codings (age band -> wider band -> any age), and one level
of it applies to the whole column, so a released table is consistent and reads the same for everyone. Instead of
searching the whole lattice of levels it walks it greedily from the top, as in top-down specialisation (Fung, Wang
and Yu 2005): every column starts at its coarsest, and at each step the column that gains the most detail (by its
`cost`) for the fewest records pushed into groups under k is made one level finer, as long as those records stay
few enough to withhold (at most `max_withheld` of them). It stops when no column can be made finer: the result is
a minimal generalisation in Samarati's sense (lowering any one column a level would break k beyond the
allowance). The records still in small groups are then withheld, and the caller says how many.

A record may carry a floor per hierarchy (it is never released finer than that, as when a partner's agreement
allows only the local authority, not the ward) and its own k (the larger of 5 and what its agreement asks).
Pure Python and numpy (to count groups), no Django: the sharing export (`heard.returns.reidentification`) builds
the hierarchies from Census categories.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

DEFAULT_K = 5


@dataclass(frozen=True)
class Hierarchy:
    """One quasi-identifier: `levels[0]` codes a raw value as released ungeneralised, each next level coarser, and
    the last one puts every record in one group. `cost` is how much detail its whole climb loses compared with the
    others: a column readers need most gets a higher cost, so it is made finer first."""

    name: str
    levels: Sequence[Callable[[Any], Hashable]]
    cost: float = 1.0  # how much readers lose when the column goes from as recorded to left out

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError(f"the hierarchy for {self.name} needs at least one level")

    @property
    def top(self) -> int:
        return len(self.levels) - 1


@dataclass(frozen=True)
class Measure:
    """How a table's records group on their quasi-identifiers."""

    records: int
    groups: int
    unique: int  # records alone in their group
    under_k: int  # records in a group smaller than their k
    smallest: int  # the smallest group's size (0 for no records)

    @property
    def unique_share(self) -> float:
        return self.unique / self.records if self.records else 0.0

    @property
    def under_k_share(self) -> float:
        return self.under_k / self.records if self.records else 0.0

    @property
    def k(self) -> int:
        """The k the table achieves: every record shares its values with at least k - 1 others."""
        return self.smallest


@dataclass
class Anonymised:
    """The result: the level chosen per hierarchy, which records are released and which withheld, the released
    records' generalised values, and the table measured before and after."""

    levels: dict[str, int]
    released: list[int]
    withheld: list[int]
    values: dict[int, dict[str, Hashable]]
    before: Measure
    after: Measure
    steps: list[str] = field(default_factory=list)


def _ks(k: int | Sequence[int], n: int) -> list[int]:
    ks = [k] * n if isinstance(k, int) else list(k)
    if len(ks) != n:
        raise ValueError("give one k per record")
    if any(x < 1 for x in ks):
        raise ValueError("k is at least 1")
    return ks


def measure(keys: Sequence[Hashable], k: int | Sequence[int] = DEFAULT_K) -> Measure:
    """Measures records given as their quasi-identifier tuples."""
    ks = _ks(k, len(keys))
    sizes = Counter(keys)
    return Measure(
        records=len(keys),
        groups=len(sizes),
        unique=sum(1 for key in keys if sizes[key] == 1),
        under_k=sum(1 for key, want in zip(keys, ks, strict=True) if sizes[key] < want),
        smallest=min(sizes.values(), default=0),
    )


class _Table:
    """Each record's coding at every level of every hierarchy (its floor applied), worked out once per level, as
    values and as small integers so that groups are counted with numpy."""

    def __init__(
        self,
        records: Sequence[Mapping[str, Any]],
        hierarchies: Sequence[Hierarchy],
        floors: Sequence[Mapping[str, int]],
    ) -> None:
        self.hierarchies = list(hierarchies)
        self.n = len(records)
        self.floors = [[min(max(f.get(h.name, 0), 0), h.top) if f else 0 for f in floors] for h in hierarchies]
        self.raw = [[r.get(h.name) for r in records] for h in hierarchies]
        self.values: dict[tuple[int, int], list[Hashable]] = {}
        self.codes: dict[tuple[int, int], NDArray[np.int64]] = {}

    def column(self, j: int, level: int) -> list[Hashable]:
        found = self.values.get((j, level))
        if found is None:
            levels, floors = self.hierarchies[j].levels, self.floors[j]
            done: dict[tuple[Hashable, int], Hashable] = {}  # each distinct value is coded once
            found = []
            for value, floor in zip(self.raw[j], floors, strict=True):
                key = (value, floor)
                if key not in done:
                    done[key] = levels[max(level, floor)](value)
                found.append(done[key])
            self.values[(j, level)] = found
        return found

    def coded(self, j: int, level: int) -> NDArray[np.int64]:
        found = self.codes.get((j, level))
        if found is None:
            numbers: dict[Hashable, int] = {}
            found = np.fromiter(
                (numbers.setdefault(v, len(numbers)) for v in self.column(j, level)), dtype=np.int64, count=self.n
            )
            self.codes[(j, level)] = found
        return found

    def groups(self, levels: Sequence[int]) -> NDArray[np.int64]:
        """A group number per record: equal when all the columns' codings at `levels` are equal."""
        ids = np.zeros(self.n, dtype=np.int64)
        bound = 1
        for j, level in enumerate(levels):
            codes = self.coded(j, level)
            width = int(codes.max()) + 1 if self.n else 1
            if width == 1:
                continue
            if bound * width >= 2**62:
                ids = np.unique(ids, return_inverse=True)[1].astype(np.int64).reshape(-1)
                bound = int(ids.max()) + 1
            ids = ids * width + codes
            bound *= width
        return ids

    def keys(self, levels: Sequence[int], rows: Sequence[int]) -> list[tuple[Hashable, ...]]:
        columns = [self.column(j, level) for j, level in enumerate(levels)]
        return [tuple(column[i] for column in columns) for i in rows]

    def sizes(self, levels: Sequence[int], rows: NDArray[np.int64] | None = None) -> NDArray[np.int64]:
        """Each record's group size (among `rows` only, when given)."""
        ids = self.groups(levels)
        if rows is not None:
            ids = ids[rows]
        if not len(ids):
            return np.zeros(0, dtype=np.int64)
        _unique, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
        return np.asarray(counts[inverse.reshape(-1)], dtype=np.int64)

    def under_k(self, levels: Sequence[int], ks: NDArray[np.int64]) -> int:
        return int((self.sizes(levels) < ks).sum())


def generalise(
    records: Sequence[Mapping[str, Any]],
    hierarchies: Sequence[Hierarchy],
    *,
    k: int | Sequence[int] = DEFAULT_K,
    floors: Sequence[Mapping[str, int]] | None = None,
    max_withheld: float = 0.05,
) -> Anonymised:
    """Generalises `records` (mappings from each hierarchy's name to a raw value) until every released record
    shares its generalised quasi-identifiers with at least its k records, withholding at most about
    `max_withheld` of them (more only when even the coarsest coding leaves groups under k)."""
    n = len(records)
    ks = _ks(k, n)
    names = [h.name for h in hierarchies]
    if len(set(names)) != len(names):
        raise ValueError("each hierarchy needs its own name")
    table = _Table(records, hierarchies, floors if floors is not None else [{}] * n)
    want = np.asarray(ks, dtype=np.int64)
    before = measure(table.keys([0] * len(hierarchies), range(n)), ks)
    allowed = math.floor(max_withheld * n)
    # Top-down: from every column at its coarsest, make a column one level finer as long as the records left in
    # groups under k stay within what may be withheld, the one that gains the most detail for the fewest records
    # pushed under k first; stop when no column can be made finer.
    levels = [h.top for h in hierarchies]
    current = table.under_k(levels, want)
    steps: list[str] = []
    while True:
        options = []
        for j, h in enumerate(hierarchies):
            if levels[j] == 0:
                continue
            trial = [*levels[:j], levels[j] - 1, *levels[j + 1 :]]
            left = table.under_k(trial, want)
            if left <= allowed:
                # Detail gained per record it pushes under k (Fung et al.'s information gain per anonymity lost).
                options.append((-h.cost / h.top / (1 + max(left - current, 0)), left, j))
        if not options:
            break
        _value, current, j = min(options)
        levels[j] -= 1
        steps.append(f"{hierarchies[j].name} to level {levels[j]} ({current} records in groups under k)")
    released = np.arange(n, dtype=np.int64)
    while True:
        keep = released[table.sizes(levels, released) >= want[released]]
        if len(keep) == len(released):
            break
        released = keep
    kept = [int(i) for i in released]
    withheld = sorted(set(range(n)) - set(kept))
    keys = table.keys(levels, kept)
    values = {i: dict(zip(names, key, strict=True)) for i, key in zip(kept, keys, strict=True)}
    return Anonymised(
        levels=dict(zip(names, levels, strict=True)),
        released=kept,
        withheld=withheld,
        values=values,
        before=before,
        after=measure(keys, [ks[i] for i in kept]),
        steps=steps,
    )


def rare_to_other(values: Sequence[Hashable], k: int, other: Hashable) -> Callable[[Any], Hashable]:
    """A coding that keeps values held by at least k of `values` and puts the rest under `other` (for
    "'Other' for rare ethnic groups and languages"). Blank values stay blank."""
    counts = Counter(values)
    return lambda value: value if (not value or counts[value] >= k) else other


def everything(_value: Any) -> Hashable:
    """The top of every hierarchy: one group."""
    return "*"

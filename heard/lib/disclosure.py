"""Protected counts: what anyone but host staff sees of a table of counts of people (decision record 0006).

A *protected* figure is one of:

- ``0``: nobody (zeros are shown);
- ``<5``: 1 to 4 people (primary suppression). In a line whose own total is "<5", every part shows "<5",
  zeros included, so which groups are empty does not pin the others down;
- a count of 5 or more **rounded to the nearest 5** (5, 10, 15, ...), so a population shown on two pages gives
  the same figure on both, and two populations a few people apart do not reveal how many apart they are;
- ``[c]``: withheld (secondary suppression, the symbol in the Government Statistical Service's guidance on
  symbols in tables), a figure of 5 or more hidden because together with the rest of the table it would let
  someone work out a "<5".

A table is a list of counts (its cells, totals included) and its *lines*: a line says that some cells add up to
another (a row and its total, a column and its total, groups and the people heard). :func:`protect` hides a
second cell in every line that has exactly one hidden cell, then checks what a reader can still work out from
the shown figures (interval arithmetic over each line, repeated until nothing changes) and hides one more cell
in a line while any hidden cell is pinned to one value. :func:`recoverable` is the stronger check used by the
tests: a linear programme per hidden cell (its least and greatest value given everything shown).

Pure Python, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from heard.lib.numbers import SUPPRESSION_THRESHOLD

ROUNDING_BASE: Final = 5
SMALL_TEXT: Final = f"<{SUPPRESSION_THRESHOLD}"
WITHHELD_TEXT: Final = "[c]"
INFINITY: Final = math.inf

Kind = Literal["exact", "zero", "small", "rounded", "withheld"]
Line = tuple[Sequence[int], int]  # (indices of the parts, index of the cell holding their total)
Bounds = tuple[float, float]


def round_to_base(count: int, base: int = ROUNDING_BASE) -> int:
    """The nearest multiple of `base` (halves up): 7 -> 5, 8 -> 10, 293 -> 295, 292 -> 290."""
    return base * ((count + base // 2) // base) if count > 0 else count


def protected_kind(count: int) -> Kind:
    if count == 0:
        return "zero"
    if 0 < count < SUPPRESSION_THRESHOLD:
        return "small"
    return "rounded"


@dataclass(frozen=True)
class Cell:
    """One figure as a person sees it. `value` is the true count: never show it unless `kind` is "exact"."""

    value: int
    kind: Kind

    @property
    def hidden(self) -> bool:
        return self.kind in ("small", "withheld")

    @property
    def shown(self) -> int | None:
        """The number shown (exact, or rounded), None when hidden."""
        if self.kind == "exact":
            return self.value
        if self.kind == "zero":
            return 0
        if self.kind == "rounded":
            return round_to_base(self.value)
        return None

    @property
    def text(self) -> str:
        if self.kind == "small":
            return SMALL_TEXT
        if self.kind == "withheld":
            return WITHHELD_TEXT
        return f"{self.shown:,}"

    def __str__(self) -> str:
        return self.text

    def share_of(self, whole: Cell) -> int | None:
        """A whole-number percentage worked out from the shown figures only; None when either is hidden."""
        if self.shown is None or whole.shown is None:
            return None
        return round(100 * self.shown / whole.shown) if whole.shown else 0


def figure(count: int, *, exact: bool) -> Cell:
    """A figure standing on its own (a headline number, a count in a sentence)."""
    return Cell(count, "exact") if exact else Cell(count, protected_kind(count))


def words(count: int, *, exact: bool) -> str:
    """A count for a sentence: "3" for host staff; "fewer than 5" or "about 295" for anyone else."""
    cell = figure(count, exact=exact)
    if cell.kind == "small":
        return f"fewer than {SUPPRESSION_THRESHOLD}"
    if cell.kind == "rounded" and cell.value != cell.shown:
        return f"about {cell.text}"
    return cell.text


def attacker_bounds(cells: Sequence[Cell], lines: Sequence[Line]) -> list[Bounds]:
    """What a reader knows of each true count from the shown figures alone."""
    small_totals = {total for parts, total in lines if cells[total].kind == "small"}
    in_small_line = {i for parts, total in lines if total in small_totals for i in parts}
    bounds: list[Bounds] = []
    for i, cell in enumerate(cells):
        if cell.kind in ("exact", "zero"):
            bounds.append((cell.value, cell.value))
        elif cell.kind == "small":
            bounds.append((0 if i in in_small_line else 1, SUPPRESSION_THRESHOLD - 1))
        elif cell.kind == "rounded":
            shown = round_to_base(cell.value)
            bounds.append((max(SUPPRESSION_THRESHOLD, shown - ROUNDING_BASE // 2), shown + ROUNDING_BASE // 2))
        else:
            bounds.append((SUPPRESSION_THRESHOLD, INFINITY))
    return bounds


def tighten(bounds: Sequence[Bounds], lines: Sequence[Line], *, rounds: int = 100) -> list[Bounds]:
    """Interval arithmetic over every line until nothing changes: each part lies between its total's bounds less
    the others' bounds; each total between the sums of its parts' bounds. Never tighter than the truth allows."""
    lo = [b[0] for b in bounds]
    hi = [b[1] for b in bounds]

    def others_hi(parts: Sequence[int], i: int) -> float:
        rest = [hi[j] for j in parts if j != i]
        return INFINITY if INFINITY in rest else sum(rest)

    for _ in range(rounds):
        changed = False
        for parts, total in lines:
            parts_hi = others_hi(parts, -1)
            new_lo, new_hi = max(lo[total], sum(lo[j] for j in parts)), min(hi[total], parts_hi)
            if (new_lo, new_hi) != (lo[total], hi[total]):
                lo[total], hi[total], changed = new_lo, new_hi, True
            for i in parts:
                rest_hi = others_hi(parts, i)
                rest_lo = sum(lo[j] for j in parts if j != i)
                new_lo = lo[i] if rest_hi == INFINITY else max(lo[i], lo[total] - rest_hi)
                new_hi = hi[i] if hi[total] == INFINITY else min(hi[i], hi[total] - rest_lo)
                if (new_lo, new_hi) != (lo[i], hi[i]):
                    lo[i], hi[i], changed = new_lo, new_hi, True
        if not changed:
            break
    return list(zip(lo, hi, strict=True))


def pinned(cells: Sequence[Cell], lines: Sequence[Line]) -> list[int]:
    """Hidden cells whose true value interval arithmetic pins to one number."""
    bounds = tighten(attacker_bounds(cells, lines), lines)
    return [i for i, cell in enumerate(cells) if cell.hidden and bounds[i][0] >= bounds[i][1]]


def _candidate(cells: Sequence[Cell], parts: Sequence[int], total: int) -> int | None:
    """The cell to withhold next in a line: the smallest shown count of 5 or more, a part before the total."""
    options = [(i == total, cells[i].value, i) for i in (*parts, total) if cells[i].kind == "rounded"]
    return min(options)[2] if options else None


def protect(values: Sequence[int], lines: Iterable[Line] = (), *, exact: bool = False) -> list[Cell]:
    """Every count of a table as a person sees it: exact for host staff; otherwise protected so that no hidden
    count can be worked out from the shown ones, the totals and the lines that add up."""
    if exact:
        return [Cell(v, "exact") for v in values]
    line_list = [(list(parts), total) for parts, total in lines]
    cells = [Cell(v, protected_kind(v)) for v in values]
    # A line whose total is "<5" shows all its parts as "<5" (nested lines too), zeros included, except a zero in a
    # line whose total is 0: every reader knows it is 0 from that line, and "<5" there would only mislead.
    known_zero = {i for parts, total in line_list if values[total] == 0 for i in (*parts, total)}
    changed = True
    while changed:
        changed = False
        for parts, total in line_list:
            if cells[total].kind == "small":
                for i in parts:
                    if cells[i].kind != "small" and i not in known_zero:
                        cells[i] = Cell(cells[i].value, "small")
                        changed = True
    for _ in range(10 * len(cells) + 10):
        # Complementary suppression: no line with exactly one hidden cell (its total and the rest would give it).
        added = False
        for parts, total in line_list:
            hidden = [i for i in (*parts, total) if cells[i].hidden]
            if len(hidden) == 1:
                choice = _candidate(cells, parts, total)
                if choice is not None:
                    cells[choice] = Cell(cells[choice].value, "withheld")
                    added = True
        if added:
            continue
        # Then what subtraction and comparison across lines still give away.
        for i in pinned(cells, line_list):
            for parts, total in line_list:
                if i == total or i in parts:
                    choice = _candidate(cells, parts, total)
                    if choice is not None:
                        cells[choice] = Cell(cells[choice].value, "withheld")
                        added = True
                        break
            if added:
                break
        if not added:
            break
    return cells


def protect_breakdown(parts: Sequence[int], total: int, *, exact: bool) -> tuple[list[Cell], Cell]:
    """Groups that add up to a total (people heard by community, say). The line holds only when they do."""
    values = [*parts, total]
    lines: list[Line] = [(range(len(parts)), len(parts))] if sum(parts) == total else []
    cells = protect(values, lines, exact=exact)
    return cells[:-1], cells[-1]


def protect_rows(
    rows: Sequence[Sequence[int]], totals: Sequence[int], *, exact: bool
) -> tuple[list[list[Cell]], list[Cell]]:
    """A table whose rows add up to their totals, and whose columns do not (a person can raise several themes)."""
    values: list[int] = []
    lines: list[Line] = []
    positions: list[list[int]] = []
    total_at: list[int] = []
    for row, total in zip(rows, totals, strict=True):
        start = len(values)
        values.extend(row)
        positions.append(list(range(start, start + len(row))))
        values.append(total)
        total_at.append(len(values) - 1)
        if sum(row) == total:
            lines.append((positions[-1], total_at[-1]))
    cells = protect(values, lines, exact=exact)
    return [[cells[i] for i in row] for row in positions], [cells[i] for i in total_at]


def grid_lines(n_rows: int, n_cols: int) -> tuple[int, list[Line]]:
    """Lines of an n_rows x n_cols table laid out row by row with a total column, then a total row (with the grand
    total last): every row, every column and the totals themselves add up. Returns (number of cells, lines)."""
    width = n_cols + 1

    def at(r: int, c: int) -> int:
        return r * width + c

    lines: list[Line] = []
    for r in range(n_rows + 1):
        lines.append(([at(r, c) for c in range(n_cols)], at(r, n_cols)))
    for c in range(n_cols + 1):
        lines.append(([at(r, c) for r in range(n_rows)], at(n_rows, c)))
    return (n_rows + 1) * width, lines


def protect_grid(matrix: Sequence[Sequence[int]], *, exact: bool) -> list[list[Cell]]:
    """A two-way table with row totals, column totals and a grand total (as the last row and column)."""
    n_rows, n_cols = len(matrix), len(matrix[0]) if matrix else 0
    values: list[int] = []
    for row in matrix:
        values.extend([*row, sum(row)])
    column_totals = [sum(row[c] for row in matrix) for c in range(n_cols)]
    values.extend([*column_totals, sum(column_totals)])
    _, lines = grid_lines(n_rows, n_cols)
    cells = protect(values, lines, exact=exact)
    width = n_cols + 1
    return [cells[r * width : (r + 1) * width] for r in range(n_rows + 1)]


def recoverable(cells: Sequence[Cell], lines: Sequence[Line]) -> list[int]:
    """Hidden cells a reader can work out exactly: for each, the least and greatest value it can take given every
    shown figure and every line (a linear programme, scipy's HiGHS); equal (to the whole number) means disclosed."""
    bounds = attacker_bounds(cells, lines)
    return recoverable_from_bounds(bounds, lines, [i for i, c in enumerate(cells) if c.hidden])


def recoverable_from_bounds(bounds: Sequence[Bounds], lines: Sequence[Line], hidden: Iterable[int]) -> list[int]:
    """As :func:`recoverable`, from what a reader knows of each cell (e.g. read off a page). Lines that share no
    cell with another are solved exactly by interval arithmetic (one equation between bounds); the rest by LP."""
    hidden = list(hidden)
    line_of: dict[int, list[int]] = {}
    for n, (parts, total) in enumerate(lines):
        for i in (*parts, total):
            line_of.setdefault(i, []).append(n)
    alone = [n for n, (parts, total) in enumerate(lines) if all(line_of[i] == [n] for i in (*parts, total))]
    alone_set = set(alone)
    found = []
    tightened = tighten(bounds, [lines[n] for n in alone])
    for i in hidden:
        if i not in line_of or all(n in alone_set for n in line_of[i]):
            low, high = tightened[i]
            if math.isfinite(low) and math.isfinite(high) and low >= high:
                found.append(i)
    shared = [lines[n] for n in range(len(lines)) if n not in alone_set]
    rest = [i for i in hidden if i in line_of and not all(n in alone_set for n in line_of[i])]
    if rest:
        found += _recoverable_by_lp(bounds, shared, rest)
    if len(tightened) and any(lo > hi for lo, hi in tightened):
        raise ValueError("The shown figures contradict each other.")
    return sorted(found)


def consistent(bounds: Sequence[Bounds], lines: Sequence[Line]) -> bool:
    """Whether some true counts fit every shown figure and line (a reader's lines may not all hold)."""
    try:
        _recoverable_by_lp(bounds, lines, [0] if bounds else [])
    except ValueError:
        return False
    return True


def _recoverable_by_lp(bounds: Sequence[Bounds], lines: Sequence[Line], hidden: Iterable[int]) -> list[int]:
    import numpy as np
    from scipy.optimize import linprog

    n = len(bounds)
    rows = []
    for parts, total in lines:
        row = np.zeros(n)
        for i in parts:
            row[i] += 1.0
        row[total] -= 1.0
        rows.append(row)
    a_eq = np.array(rows) if rows else None
    b_eq = np.zeros(len(rows)) if rows else None
    scipy_bounds = [(lo, None if hi == INFINITY else hi) for lo, hi in bounds]
    found = []
    for i in hidden:
        extremes = []
        for sign in (1.0, -1.0):
            c = np.zeros(n)
            c[i] = sign
            result = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=scipy_bounds, method="highs")
            if result.status == 3:  # unbounded: certainly not pinned
                extremes.append(-sign * INFINITY)
                continue
            if result.status != 0:
                raise ValueError(f"The shown figures contradict each other (cell {i}: {result.message}).")
            extremes.append(sign * result.fun)
        low, high = extremes[0], extremes[1]
        if math.isfinite(low) and math.isfinite(high) and math.ceil(low - 1e-6) >= math.floor(high + 1e-6):
            found.append(i)
    return found

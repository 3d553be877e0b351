"""Protected counts: no hidden cell can be worked out from the shown figures, totals and the lines that add up."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heard.lib.disclosure import (
    Cell,
    _recoverable_by_lp,
    attacker_bounds,
    figure,
    grid_lines,
    pinned,
    protect,
    protect_breakdown,
    protect_grid,
    protect_rows,
    recoverable,
    recoverable_from_bounds,
    round_to_base,
    words,
)

# Counts like a partnership's tables: many small and empty cells, some large.
counts = st.one_of(st.integers(0, 6), st.integers(0, 40), st.integers(0, 400))


def _flat(grid: list[list[Cell]]) -> list[Cell]:
    return [cell for row in grid for cell in row]


def test_small_counts_read_less_than_5_and_the_rest_are_rounded_to_the_nearest_5():
    assert [figure(n, exact=False).text for n in (0, 1, 4, 5, 7, 8, 293, 292, 1500)] == [
        "0",
        "<5",
        "<5",
        "5",
        "5",
        "10",
        "295",
        "290",
        "1,500",
    ]
    assert [figure(n, exact=True).text for n in (0, 1, 293)] == ["0", "1", "293"]
    assert round_to_base(12) == 10 and round_to_base(13) == 15


def test_a_sentence_never_carries_an_exact_small_number():
    assert words(1, exact=False) == "fewer than 5"
    assert words(293, exact=False) == "about 295"
    assert words(295, exact=False) == "295"
    assert words(1, exact=True) == "1"


def test_one_small_cell_in_a_row_takes_a_second_cell_with_it():
    cells, total = protect_breakdown([3, 40, 57], 100, exact=False)
    assert [c.text for c in cells] == ["<5", "[c]", "55"]
    assert total.text == "100"


def test_the_old_single_suppression_is_recovered_by_subtraction():
    """The check can fail: "<5" alone in a row with an exact total is worked out exactly."""
    values = [3, 40, 57, 100]
    lines = [([0, 1, 2], 3)]
    old = [Cell(3, "small"), Cell(40, "exact"), Cell(57, "exact"), Cell(100, "exact")]
    assert recoverable(old, lines) == [0]
    assert recoverable(protect(values, lines), lines) == []


def test_two_ones_in_a_row_are_not_pinned_by_their_small_sum():
    cells, total = protect_breakdown([1, 1, 30], 32, exact=False)
    flat = [*cells, total]
    assert recoverable(flat, [([0, 1, 2], 3)]) == []


def test_a_line_with_a_small_total_shows_every_part_as_less_than_5():
    cells, total = protect_breakdown([1, 1, 1, 1, 0], 4, exact=False)
    assert [c.text for c in cells] == ["<5"] * 5 and total.text == "<5"
    assert recoverable([*cells, total], [([0, 1, 2, 3, 4], 5)]) == []


def test_a_zero_that_another_line_shows_to_be_zero_stays_0():
    # Found by the property below: the first row's total of 0 gave away that its "<5"s were zeros.
    grid = protect_grid([[0, 0, 0, 0, 0], [0, 0, 0, 1, 4]], exact=False)
    assert [c.text for c in grid[0]] == ["0"] * 6
    _, lines = grid_lines(2, 5)
    assert recoverable(_flat(grid), lines) == []


def test_host_staff_see_every_count_exactly():
    grid = protect_grid([[1, 2], [3, 40]], exact=True)
    assert [[c.text for c in row] for row in grid] == [["1", "2", "3"], ["3", "40", "43"], ["4", "42", "46"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=6)
    )
)
def test_no_hidden_cell_of_a_two_way_table_can_be_worked_out(matrix):
    grid = protect_grid(matrix, exact=False)
    _, lines = grid_lines(len(matrix), len(matrix[0]))
    flat = _flat(grid)
    assert recoverable(flat, lines) == []
    for cell in flat:
        assert cell.kind != "small" or cell.value < 5
        assert cell.kind != "withheld" or cell.value >= 5


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(counts, min_size=1, max_size=8), min_size=1, max_size=8).flatmap(
        lambda rows: st.tuples(st.just(rows), st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    )
)
def test_no_hidden_cell_of_a_theme_table_can_be_worked_out(case):
    rows, adds_up = case
    width = max(len(r) for r in rows)
    rows = [[*r, *([0] * (width - len(r)))] for r in rows]
    totals = [sum(r) if ok else sum(r) + 3 for r, ok in zip(rows, adds_up, strict=True)]
    cells, row_totals = protect_rows(rows, totals, exact=False)
    flat: list[Cell] = []
    lines = []
    for row, total, ok in zip(cells, row_totals, adds_up, strict=True):
        start = len(flat)
        flat.extend(row)
        flat.append(total)
        if ok:
            lines.append((list(range(start, start + len(row))), len(flat) - 1))
    assert recoverable(flat, lines) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(counts, min_size=1, max_size=12))
def test_no_hidden_group_of_a_breakdown_can_be_worked_out_from_the_total(parts):
    cells, total = protect_breakdown(parts, sum(parts), exact=False)
    lines = [(list(range(len(parts))), len(parts))]
    assert recoverable([*cells, total], lines) == []
    # A line on its own is solved by interval arithmetic; the linear programme agrees, on the old display too.
    old = [Cell(n, "small" if 0 < n < 5 else "exact") for n in [*parts, sum(parts)]]
    hidden = [i for i, c in enumerate(old) if c.hidden]
    bounds = attacker_bounds(old, lines)
    assert recoverable_from_bounds(bounds, lines, hidden) == _recoverable_by_lp(bounds, lines, hidden)


@settings(max_examples=25, deadline=None)
@given(st.lists(counts, min_size=2, max_size=6), st.lists(counts, min_size=2, max_size=6))
def test_two_breakdowns_of_the_same_people_do_not_give_each_other_away(a, b):
    """The dashboard: by community and by partner, both adding up to the people heard."""
    shortfall = sum(a) - sum(b)
    if shortfall > 0:
        b = [*b[:-1], b[-1] + shortfall]
    else:
        a = [*a[:-1], a[-1] - shortfall]
    values = [*a, *b, sum(a)]
    total = len(values) - 1
    lines = [(list(range(len(a))), total), (list(range(len(a), len(a) + len(b))), total)]
    cells = protect(values, lines)
    assert recoverable(cells, lines) == []
    assert set(pinned(cells, lines)) <= set(recoverable(cells, lines))

"""The who-is-missing arithmetic, on numbers small enough to check by hand."""

from __future__ import annotations

import math

import pytest

from heard.place import representation as rep


def quadratic_wilson(x: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    # The Wilson bounds are the roots p of (x/n - p)^2 = z^2 p (1 - p) / n.
    phat = x / n
    a = 1 + z * z / n
    b = -(2 * phat + z * z / n)
    c = phat * phat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


@pytest.mark.parametrize(("x", "n"), [(10, 40), (1, 200), (37, 37), (120, 1500)])
def test_it_gives_the_wilson_interval(x, n):
    assert rep.wilson_interval(x, n) == pytest.approx(quadratic_wilson(x, n), abs=1e-12)


def test_it_gives_a_non_zero_upper_bound_when_nobody_was_heard():
    low, high = rep.wilson_interval(0, 10)
    assert low == 0
    assert high == pytest.approx(3.8414588 / (10 + 3.8414588), abs=1e-6)


def test_it_compares_shares_and_gives_the_participation_ratio_with_its_interval():
    comparison = rep.compare(
        "sex", {"female": 30, "male": 10, "prefer_not_to_say": 5}, {"female": 500, "male": 500}, not_stated=2
    )
    female, male = comparison.rows
    assert (female.label, male.label) == ("Female", "Male")
    assert comparison.heard_total == 40
    assert comparison.not_stated == 7
    assert female.share_heard == 0.75 and female.share_population == 0.5
    assert female.ratio == pytest.approx(1.5)
    assert male.ratio == pytest.approx(0.5)
    low, high = quadratic_wilson(10, 40)
    assert (male.ratio_low, male.ratio_high) == pytest.approx((low / 0.5, high / 0.5))
    assert comparison.score == pytest.approx((10 / 500) / (30 / 500))


def test_it_scores_zero_when_a_group_has_nobody_heard():
    comparison = rep.compare("ethnic_group_5", {"white": 10, "black": 5}, {"white": 100, "black": 50, "asian": 50})
    assert comparison.score == 0
    asian = next(row for row in comparison.rows if row.group == "asian")
    assert asian.heard == 0 and asian.ratio == 0 and asian.ratio_high is not None and asian.ratio_high > 0


def test_it_has_no_score_when_nobody_was_heard():
    comparison = rep.compare("sex", {}, {"female": 5, "male": 5})
    assert comparison.score is None
    assert comparison.rows[0].ratio is None


def test_it_uses_the_ons_labels_and_order():
    comparison = rep.compare("ethnic_group_5", {}, {"white": 1, "asian": 1, "black": 1})
    assert [row.label for row in comparison.rows] == [
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "White",
    ]


def test_it_describes_the_most_under_represented_group_in_plain_words():
    comparison = rep.compare(
        "ethnic_group", {"black_african": 6, "white_british": 194}, {"black_african": 29_478, "white_british": 229_669}
    )
    [(dimension, row)] = rep.most_under_represented([comparison])
    assert row.group == "black_african"
    assert rep.sentence(dimension, row, "Hackney") == (
        "Black African residents are 11% of Hackney but 3% of the people heard."
    )


def test_it_only_highlights_groups_clearly_under_represented():
    # 4 of 40 heard against a 12% share: the interval spans 1, so no claim is made.
    comparison = rep.compare("sex", {"female": 36, "male": 4}, {"female": 88, "male": 12})
    assert rep.most_under_represented([comparison]) == []


def test_it_shows_small_numbers_as_fewer_than_five_and_hides_a_second_cell():
    comparison = rep.suppress(
        rep.compare(
            "ethnic_group_5",
            {"white": 50, "black": 3, "asian": 12, "mixed": 0},
            {"white": 100, "black": 50, "asian": 50, "mixed": 10},
        )
    )
    public = {row["group"]: row for row in rep.as_rows(comparison, public=True)}
    assert public["black"]["heard"] == "<5"
    assert public["black"]["share_heard"] is None and public["black"]["participation_ratio"] is None
    assert public["asian"]["heard"] == "[c]"  # else 65 - 50 - 0 would reveal the black count
    assert public["mixed"]["heard"] == 0
    assert public["white"]["heard"] == 50
    exact = {row["group"]: row for row in rep.as_rows(comparison)}
    assert exact["black"]["heard"] == 3
    black = next(row for row in comparison.rows if row.group == "black")
    assert "fewer than 5 of the people heard" in rep.sentence("ethnic_group_5", black, "Hackney", public=True)


def test_the_public_form_works_shares_and_ratios_out_from_the_rounded_counts():
    """From exact counts, a ratio to two decimals beside the Census share would give a count back to one person."""
    comparison = rep.suppress(
        rep.compare(
            "ethnic_group_5",
            {"white": 52, "black": 3, "asian": 12, "mixed": 0},
            {"white": 100, "black": 50, "asian": 50, "mixed": 10},
        )
    )
    public = {row["group"]: row for row in rep.as_rows(comparison, public=True)}
    assert public["white"]["heard"] == 50
    assert public["white"]["share_heard"] == round(50 / 65, 2) != round(52 / 67, 2)
    assert public["asian"]["share_heard"] is None  # withheld


def test_the_public_score_is_0_when_a_group_has_nobody_even_beside_a_hidden_group():
    comparison = rep.suppress(
        rep.compare(
            "sex",
            {"female": 40, "male": 0},
            {"female": 50, "male": 50},
            not_stated=3,
        )
    )
    assert comparison.score == 0 and not comparison.score_hidden
    hidden = rep.suppress(
        rep.compare(
            "ethnic_group_5",
            {"white": 52, "black": 3, "asian": 12, "mixed": 7},
            {"white": 100, "black": 50, "asian": 50, "mixed": 10},
        )
    )
    assert hidden.score is None and hidden.score_hidden

"""The pure money rules: exact decimal arithmetic, splits that never lose a penny, the holdback between 10 and 15%."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heard.lib import money
from heard.lib.money import MoneyError

amounts = st.integers(min_value=0, max_value=9_999_999_999).map(lambda pennies: Decimal(pennies) / 100)
percents = st.integers(min_value=1000, max_value=1500).map(lambda basis: Decimal(basis) / 100)


@given(total=amounts, parts=st.integers(min_value=1, max_value=24))
def test_a_split_adds_up_to_the_total_to_the_penny(total: Decimal, parts: int) -> None:
    shares = money.split(total, parts)
    assert sum(shares, Decimal("0")) == total
    assert len(shares) == parts
    assert all(share == share.quantize(money.PENNY) for share in shares)
    assert max(shares) - min(shares) <= Decimal("0.01")


@given(total=amounts, percent=percents, payments=st.integers(min_value=1, max_value=12))
def test_a_schedule_and_its_holdback_add_up_to_the_allocation(total: Decimal, percent: Decimal, payments: int) -> None:
    advances, kept = money.schedule_amounts(total, percent, payments)
    assert sum(advances, Decimal("0")) + kept == total
    assert kept == (total * percent / 100).quantize(money.PENNY, rounding="ROUND_HALF_UP")
    assert kept >= 0 and all(a >= 0 for a in advances)


def test_a_hundred_pounds_in_three_gives_the_spare_penny_to_the_first() -> None:
    assert money.split(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_ten_percent_of_an_odd_amount_rounds_half_up() -> None:
    assert money.holdback(Decimal("1000.05"), Decimal("10")) == Decimal("100.01")
    assert money.schedule_amounts(Decimal("1000.05"), Decimal("10"), 2) == (
        [Decimal("450.02"), Decimal("450.02")],
        Decimal("100.01"),
    )


@pytest.mark.parametrize("percent", ["10", "12.5", "15", "15%"])
def test_a_holdback_between_ten_and_fifteen_percent_is_accepted(percent: str) -> None:
    assert Decimal("10") <= money.check_holdback_percent(percent) <= Decimal("15")


@pytest.mark.parametrize("percent", ["9.99", "15.01", "0", "20", "-10", "ten", "NaN", "Infinity"])
def test_a_holdback_outside_ten_to_fifteen_percent_is_refused_in_plain_words(percent: str) -> None:
    with pytest.raises(MoneyError, match=r"between 10% and 15%|not a percentage"):
        money.check_holdback_percent(percent)


@pytest.mark.parametrize("text", ["12.345", "-5", "1e3", "", "£", "12.3.4", "NaN"])
def test_an_amount_that_is_not_pounds_and_pence_is_refused(text: str) -> None:
    with pytest.raises(MoneyError):
        money.parse_pounds(text)


def test_typed_amounts_keep_their_pence() -> None:
    assert money.parse_pounds("£1,250.5") == Decimal("1250.50")
    assert str(money.parse_pounds("93000")) == "93000.00"


def test_a_fraction_of_a_penny_is_refused_rather_than_rounded_away() -> None:
    with pytest.raises(MoneyError, match="fraction of a penny"):
        money.pounds(Decimal("10.005"))


def test_monthly_dates_keep_to_the_end_of_a_short_month() -> None:
    assert money.schedule_dates(datetime.date(2026, 1, 31), 3, 1) == [
        datetime.date(2026, 1, 31),
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 31),
    ]
    assert money.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)

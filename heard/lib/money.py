"""Pure money rules: pounds and pence as Decimal with two places, splits that never lose a penny, the holdback.

No database here: `heard.funding` calls these and stores what they return.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
HOLDBACK_DEFAULT = Decimal("10")
HOLDBACK_MIN = Decimal("10")
HOLDBACK_MAX = Decimal("15")
LARGEST = Decimal("99999999.99")  # what a DecimalField(max_digits=10, decimal_places=2) holds


class MoneyError(ValueError):
    """A plain message a person can act on."""


def pounds(value: Decimal | int | str) -> Decimal:
    """`value` as pounds with exactly two places. Refuses fractions of a penny rather than rounding them away."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise MoneyError(f"'{value}' is not an amount of money: write it like 1250.00.") from None
    if not amount.is_finite():
        raise MoneyError(f"'{value}' is not an amount of money: write it like 1250.00.")
    if amount != amount.quantize(PENNY):
        raise MoneyError(f"{value} has a fraction of a penny: give pounds and pence, like 1250.50.")
    return amount.quantize(PENNY)


def parse_pounds(text: str) -> Decimal:
    """An amount a person typed: '£1,250.50', '1250.5' or '1250'. Refuses negatives and fractions of a penny."""
    cleaned = re.sub(r"[£,\s]", "", str(text))
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise MoneyError(f"'{text}' is not an amount in pounds: write it like 1250.50, with no minus sign.")
    amount = pounds(cleaned)
    if amount > LARGEST:
        raise MoneyError(f"£{amount:,} is more than Heard can hold (£{LARGEST:,}).")
    return amount


def split(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` amounts as equal as pennies allow, the spare pennies on the first ones (largest
    remainder with equal shares): they always add up to `total` exactly."""
    total = pounds(total)
    if parts < 1:
        raise MoneyError("A schedule needs at least one payment.")
    if total < 0:
        raise MoneyError("Cannot split a negative amount.")
    pennies = int(total * 100)
    share, spare = divmod(pennies, parts)
    return [Decimal(share + (1 if i < spare else 0)) / 100 for i in range(parts)]


def check_holdback_percent(percent: Decimal | int | str) -> Decimal:
    """The holdback percentage, between 10% and 15% as the partnership agreed; anything else is refused."""
    try:
        value = Decimal(str(percent).strip().rstrip("%"))
    except InvalidOperation:
        raise MoneyError(f"'{percent}' is not a percentage: give a number between 10 and 15.") from None
    if not value.is_finite() or not HOLDBACK_MIN <= value <= HOLDBACK_MAX:
        raise MoneyError(
            f"The holdback must be between {HOLDBACK_MIN}% and {HOLDBACK_MAX}% of each allocation (the "
            f"partnership's contingency); {percent}% is outside that."
        )
    if value != value.quantize(PENNY):
        raise MoneyError(f"Give the holdback to at most two decimal places, not {percent}%.")
    return value.quantize(PENNY)


def holdback(total: Decimal, percent: Decimal) -> Decimal:
    """The part of `total` held back: `percent` of it, rounded half up to the penny."""
    return (pounds(total) * check_holdback_percent(percent) / 100).quantize(PENNY, rounding=ROUND_HALF_UP)


def schedule_amounts(total: Decimal, percent: Decimal, payments: int) -> tuple[list[Decimal], Decimal]:
    """The amounts paid in advance (`payments` of them, the first the advance) and the holdback; they add up to
    `total` exactly."""
    kept = holdback(total, percent)
    return split(pounds(total) - kept, payments), kept


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 January + 1 = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def schedule_dates(first: datetime.date, payments: int, every_months: int) -> list[datetime.date]:
    return [add_months(first, i * every_months) for i in range(payments)]


def format_pounds(amount: Decimal) -> str:
    return f"£{pounds(amount):,}"

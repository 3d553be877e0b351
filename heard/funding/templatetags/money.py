"""`{{ amount|pounds }}`: £9,300.00, as finance teams write money."""

from __future__ import annotations

from decimal import Decimal

from django import template

from heard.lib.money import format_pounds

register = template.Library()


@register.filter
def pounds(value: Decimal | int | None) -> str:
    return "–" if value is None else format_pounds(Decimal(value))

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Expression, F, QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int | None = None) -> Page[Any]:
    """The page the request asks for (`?page=N`), the last page when N is past the end."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest, name: str = "page") -> str:
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()


INTEGER_KINDS = {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "ForeignKey", "PositiveIntegerField"}


class _After(Expression):
    """`(key1, key2, ...) > (value1, value2, ...)`: a row-value comparison that PostgreSQL and SQLite answer from an
    index on the same keys, so a page deep into a million rows costs what the first one does."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, keys: Sequence[Any], values: Sequence[Any], *, descending: bool = False) -> None:
        super().__init__()
        self.keys = list(keys)
        self.values = list(values)
        self.descending = descending

    def get_source_expressions(self) -> list[Any]:
        return self.keys

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.keys = list(exprs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        sqls: list[str] = []
        params: list[Any] = []
        for key in self.keys:
            sql, key_params = compiler.compile(key)
            sqls.append(sql)
            params.extend(key_params)
        marks = ", ".join(["%s"] * len(self.values))
        operator = "<" if self.descending else ">"
        return f"({', '.join(sqls)}) {operator} ({marks})", (*params, *self.values)


@dataclass
class KeysetPage:
    """One page of a keyset-paged list: its rows, the `after` token of the next page ("" on the last), and how
    many rows the list holds, counted up to `cap` (`more` when there are more than that)."""

    rows: list[Any]
    next_after: str
    is_first: bool
    count: int
    more: bool
    query: str = ""  # the request's other parameters, for the links

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _decode(value: Any, kind: str) -> Any:
    """A token's value as the key's column type, or ValueError (a token someone edited)."""
    if kind == "BooleanField" and isinstance(value, bool):
        return value
    if kind == "FloatField" and isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if kind in INTEGER_KINDS and isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**62:
        return value
    if kind == "DateField" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    raise ValueError(value)


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _parse_after(token: str, kinds: list[str]) -> list[Any] | None:
    try:
        values = json.loads(token)
        if not isinstance(values, list) or len(values) != len(kinds):
            return None
        return [_decode(v, kind) for v, kind in zip(values, kinds, strict=True)]
    except (ValueError, TypeError, RecursionError):
        return None


def keyset_page(
    request: HttpRequest,
    queryset: QuerySet[Any],
    keys: Sequence[Any],
    per_page: int | None = None,
    cap: int | None = 1000,
    *,
    descending: bool = False,
    count_with: Callable[[Callable[[], int]], int] | None = None,
) -> KeysetPage:
    """The rows after `?after=` in the order of `keys` (expressions, all ascending or all `descending`; the last
    one unique, e.g. the id), fetched by a bounded query: no OFFSET, so page 1,000 costs what page 1 does. The
    rows are counted up to `cap` (None: exactly, where that count is itself cheap). A token that is not one this
    list made shows the first page."""
    names = [f"_key{n}" for n in range(len(keys))]
    order = [f"-{name}" if descending else name for name in names]
    ordered = queryset.annotate(**dict(zip(names, keys, strict=True))).order_by(*order)
    token = request.GET.get("after", "")
    kinds = [ordered.query.annotations[name].output_field.get_internal_type() for name in names]
    after = _parse_after(token, kinds) if token else None
    if after is not None:
        ordered = ordered.filter(_After([F(name) for name in names], after, descending=descending))
    per_page = per_page or settings.PAGE_SIZE
    rows = list(ordered[: per_page + 1])
    next_after = ""
    if len(rows) > per_page:
        rows = rows[:per_page]
        next_after = json.dumps([_encode(getattr(rows[-1], name)) for name in names], separators=(",", ":"))

    def count() -> int:
        return queryset.order_by().count() if cap is None else queryset.order_by().values("pk")[: cap + 1].count()

    counted = count() if count_with is None else count_with(count)
    return KeysetPage(
        rows=rows,
        next_after=next_after,
        is_first=after is None,
        count=counted if cap is None else min(counted, cap),
        more=cap is not None and counted > cap,
        query=querystring_without_page(request, "after"),
    )

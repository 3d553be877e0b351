"""The response clock: working days in England and Wales (no Django here).

A response is due on the 20th working day after the day a recommendation was sent (that day not counted).
Working days are Monday to Friday except England and Wales bank holidays: those the `holidays` package knows
(United Kingdom, subdivision England, substitute days included) plus any `extra` days, such as one-off holidays
announced after the package was released (`heard holidays --update`).

`add_working_days` does not walk day by day: it jumps whole weeks, then moves on past the holidays it crossed
until none is left uncounted. The property test checks it against a plain day-by-day count.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import holidays

RESPONSE_WORKING_DAYS = 20


@lru_cache(maxsize=64)
def _package_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holidays(start: datetime.date, end: datetime.date, extra: Iterable[datetime.date] = ()) -> set[datetime.date]:
    """Bank holidays from `start` to `end` inclusive."""
    days: set[datetime.date] = set()
    for year in range(start.year, end.year + 1):
        days |= _package_holidays(year)
    days |= set(extra)
    return {d for d in days if start <= d <= end}


def is_working_day(day: datetime.date, extra: Iterable[datetime.date] = ()) -> bool:
    return day.weekday() < 5 and not bank_holidays(day, day, extra)


def _add_weekdays(start: datetime.date, n: int) -> datetime.date:
    """The nth weekday after `start` (start not counted), ignoring holidays."""
    weeks, rest = divmod(n, 5)
    day = start + datetime.timedelta(weeks=weeks)
    while rest:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    if day.weekday() >= 5:
        # start was a weekend day: whole weeks land on a weekend; step back to the Friday before
        day -= datetime.timedelta(days=day.weekday() - 4)
    return day


def add_working_days(start: datetime.date, n: int, extra: Iterable[datetime.date] = ()) -> datetime.date:
    """The nth working day after `start` (start itself not counted). n must be at least 1."""
    if n < 1:
        raise ValueError("n must be at least 1")
    extra = frozenset(extra)
    counted_from, left = start, n
    while True:
        candidate = _add_weekdays(counted_from, left)
        missed = sum(
            1 for d in bank_holidays(counted_from + datetime.timedelta(days=1), candidate, extra) if d.weekday() < 5
        )
        if not missed:
            return candidate
        counted_from, left = candidate, missed


def response_due(sent_on: datetime.date, extra: Iterable[datetime.date] = ()) -> datetime.date:
    return add_working_days(sent_on, RESPONSE_WORKING_DAYS, extra)


def working_days_between(start: datetime.date, end: datetime.date, extra: Iterable[datetime.date] = ()) -> int:
    """Working days after `start` up to and including `end` (0 if end is not after start)."""
    if end <= start:
        return 0
    holiday_set = bank_holidays(start, end, extra)
    count = 0
    day = start + datetime.timedelta(days=1)
    while day <= end:
        if day.weekday() < 5 and day not in holiday_set:
            count += 1
        day += datetime.timedelta(days=1)
    return count


@dataclass(frozen=True)
class ExtraDay:
    date: datetime.date
    title: str
    notes: str = ""


class BankHolidaysFileError(ValueError):
    """A bank-holidays file Heard cannot read: the message names the entry and what was wrong."""


def read_govuk_bank_holidays(text: str | bytes) -> list[ExtraDay]:
    """The England and Wales days of a GOV.UK bank-holidays JSON file
    ({"england-and-wales": {"events": [{"title", "date", "notes", "bunting"}]}})."""
    try:
        data: Any = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise BankHolidaysFileError(
            f"The file is not JSON ({error}). Use the file from https://www.gov.uk/bank-holidays.json."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("england-and-wales"), dict):
        raise BankHolidaysFileError(
            'The file has no "england-and-wales" division. Use the GOV.UK bank-holidays JSON format.'
        )
    events = data["england-and-wales"].get("events")
    if not isinstance(events, list):
        raise BankHolidaysFileError('"england-and-wales" has no "events" list.')
    days: list[ExtraDay] = []
    for number, event in enumerate(events, start=1):
        where = f"England and Wales event {number}"
        if not isinstance(event, dict):
            raise BankHolidaysFileError(f"{where} is not an object with a title and a date.")
        title = event.get("title")
        if not isinstance(title, str) or not title.strip():
            raise BankHolidaysFileError(f'{where} has no "title". Give each event a title.')
        where = f'{where} ("{title.strip()[:60]}")'
        raw = event.get("date")
        if not isinstance(raw, str):
            raise BankHolidaysFileError(f'{where} has no "date". Give it as YYYY-MM-DD, e.g. 2027-05-03.')
        try:
            date = datetime.date.fromisoformat(raw)
        except ValueError:
            raise BankHolidaysFileError(
                f'{where} has the date "{raw[:20]}", which is not a date. Write it as YYYY-MM-DD, e.g. 2027-05-03.'
            ) from None
        notes = event.get("notes", "")
        if not isinstance(notes, str):
            raise BankHolidaysFileError(f'{where} has "notes" that are not text.')
        days.append(ExtraDay(date=date, title=title.strip()[:200], notes=notes.strip()[:200]))
    return days

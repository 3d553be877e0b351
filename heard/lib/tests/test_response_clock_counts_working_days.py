"""The response clock against a plain day-by-day count, across weekends, bank holidays and year ends."""

from __future__ import annotations

import datetime

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heard.lib.workdays import (
    BankHolidaysFileError,
    add_working_days,
    read_govuk_bank_holidays,
    response_due,
    working_days_between,
)

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2036))


def _plain_count(start: datetime.date, n: int, extra: frozenset[datetime.date]) -> datetime.date:
    day, left = start, n
    while left:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in ENGLAND and day not in extra:
            left -= 1
    return day


days = st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2034, 12, 31))
# Starts in the last weeks of December and the first of January: the year ends and Christmas
year_ends = st.builds(
    lambda year, offset: datetime.date(year, 12, 10) + datetime.timedelta(days=offset),
    st.integers(2019, 2034),
    st.integers(0, 35),
)


@settings(max_examples=400, deadline=None)
@given(start=days | year_ends, n=st.integers(1, 70), extra=st.frozensets(days, max_size=6))
def test_the_nth_working_day_matches_a_day_by_day_count(
    start: datetime.date, n: int, extra: frozenset[datetime.date]
) -> None:
    assert add_working_days(start, n, extra) == _plain_count(start, n, extra)


@settings(max_examples=200, deadline=None)
@given(start=days | year_ends, n=st.integers(1, 40))
def test_counting_the_working_days_back_gives_n(start: datetime.date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


def test_a_response_is_due_on_the_20th_working_day_after_the_day_it_was_sent() -> None:
    # Sent Monday 14 December 2026: Christmas Day, Boxing Day (substitute Monday 28th) and New Year's Day are
    # not counted; the sent day is not counted either.
    assert response_due(datetime.date(2026, 12, 14)) == datetime.date(2027, 1, 14)
    # No holidays in the way: four weeks on
    assert response_due(datetime.date(2026, 2, 2)) == datetime.date(2026, 3, 2)


def test_a_holiday_added_later_moves_the_due_day() -> None:
    sent = datetime.date(2026, 2, 2)
    assert response_due(sent, extra=[datetime.date(2026, 2, 16)]) == datetime.date(2026, 3, 3)


def test_a_sent_day_at_the_weekend_counts_from_the_monday() -> None:
    assert add_working_days(datetime.date(2026, 2, 7), 1) == datetime.date(2026, 2, 9)
    assert add_working_days(datetime.date(2026, 2, 7), 5) == datetime.date(2026, 2, 13)


def test_it_reads_the_england_and_wales_days_of_a_govuk_file() -> None:
    text = (
        '{"england-and-wales": {"division": "england-and-wales", "events": ['
        '{"title": "Coronation", "date": "2027-06-07", "notes": "", "bunting": true}]},'
        ' "scotland": {"events": []}}'
    )
    [day] = read_govuk_bank_holidays(text)
    assert (day.date, day.title) == (datetime.date(2027, 6, 7), "Coronation")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json", "not JSON"),
        ('{"scotland": {"events": []}}', '"england-and-wales"'),
        ('{"england-and-wales": {"events": [{"date": "2027-06-07"}]}}', 'event 1 has no "title"'),
        (
            '{"england-and-wales": {"events": [{"title": "A", "date": "2027-06-07"},'
            ' {"title": "B", "date": "7/6/27"}]}}',
            'event 2 ("B") has the date "7/6/27", which is not a date',
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_entry_and_what_was_wrong(text: str, says: str) -> None:
    with pytest.raises(BankHolidaysFileError) as refused:
        read_govuk_bank_holidays(text)
    assert says in str(refused.value)

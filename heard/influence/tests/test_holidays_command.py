"""`heard holidays --update FILE` adds the days announced after the holidays package, and the clock counts them;
a bad file is refused naming the entry and adds nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from heard.influence.models import ExtraHoliday
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


def test_an_added_day_moves_the_due_day(tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_text(
        '{"england-and-wales": {"division": "england-and-wales", "events": ['
        '{"title": "Extra bank holiday", "date": "2026-11-16", "notes": "", "bunting": true}]}}'
    )
    call_command("holidays", "--update", str(path))
    assert ExtraHoliday.objects.get().date == datetime.date(2026, 11, 16)
    rec = make_recommendation(sent_on=datetime.date(2026, 11, 2))
    assert rec.due_on == datetime.date(2026, 12, 1)  # one day later than without it


def test_a_bad_file_is_refused_and_nothing_is_added(tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_text('{"england-and-wales": {"events": [{"title": "Good", "date": "2027-01-04"}, {"title": "Bad"}]}}')
    with pytest.raises(CommandError) as refused:
        call_command("holidays", "--update", str(path))
    assert 'event 2 ("Bad") has no "date"' in str(refused.value)
    assert not ExtraHoliday.objects.exists()

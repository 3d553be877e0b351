from __future__ import annotations

import pytest

from heard.core.models import AuditEvent
from heard.engagement.models import Experience
from heard.returns import importer
from heard.returns.importer import import_file
from heard.returns.models import ImportedRow
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr(importer, "INSERT_BATCH", 2)  # several insert batches
    return make_world()


def test_rows_inserted_in_batches_are_counted_as_added_once(world, tmp_path):
    rows = [{**GOOD_ROW, "rating": n % 5 + 1, "postcode": "N7 6PA"} for n in range(7)]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    plan, upload = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert upload is not None and plan.summary()["added"] == 7 and plan.summary()["unchanged"] == 0
    assert Experience.objects.count() == 7 == ImportedRow.objects.count()
    again, _ = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert again.summary()["added"] == 0 and again.summary()["unchanged"] == 7
    assert Experience.objects.count() == 7


def test_a_problem_in_the_last_row_writes_nothing(world, tmp_path):
    rows = [GOOD_ROW] * 6 + [{**GOOD_ROW, "age_band": "34"}]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    plan, upload = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert upload is None and not plan.ok
    assert not Experience.objects.exists() and not ImportedRow.objects.exists() and not AuditEvent.objects.exists()

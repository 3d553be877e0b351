"""An export reads its rows as plain values a chunk at a time: no model instance per record or answer, the same
few partners, communities and activities shared by every row, and queries that grow with the chunks, not the
rows (so 1,000,000 rows stream in flat memory)."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_init

from heard.core.testing import make_experience
from heard.engagement.models import Activity, Answer, Experience
from heard.partners.models import Community, Organisation
from heard.returns import exporting
from heard.returns.tests.builders import make_world


@pytest.fixture
def world(db):
    world = make_world()
    for n in range(25):
        record = make_experience(project=world.project, partner=world.partner if n % 2 else world.other_partner)
        Answer.objects.create(experience=record, question=world.questions["story"], text=f"Story {n}")
        Answer.objects.create(experience=record, question=world.questions["booked"], text="online")
    return world


class _Counted:
    def __init__(self) -> None:
        self.made: dict[str, int] = {}

    def __call__(self, sender: type, **kwargs: object) -> None:
        self.made[sender.__name__] = self.made.get(sender.__name__, 0) + 1


def _export(world, *, chunk: int, monkeypatch) -> tuple[list[list[object]], dict[str, int]]:
    monkeypatch.setattr(exporting, "CHUNK", chunk)
    counted = _Counted()
    post_init.connect(counted, weak=False)
    try:
        columns = exporting.export_columns(world.project)
        experiences = Experience.objects.filter(project=world.project)
        rows = list(exporting.export_rows(experiences, columns))
    finally:
        post_init.disconnect(counted)
    return rows, counted.made


def test_an_export_makes_no_model_instance_per_record_or_answer(world, monkeypatch):
    rows, made = _export(world, chunk=10, monkeypatch=monkeypatch)
    assert len(rows) == 25
    assert made.get(Experience.__name__, 0) == 0
    assert made.get(Answer.__name__, 0) == 0
    # Each partner is read once for the whole export, not once a row.
    assert made.get(Organisation.__name__, 0) <= 2
    assert made.get(Community.__name__, 0) <= Community.objects.count()
    assert made.get(Activity.__name__, 0) <= Activity.objects.count()


def test_an_exports_queries_grow_with_its_chunks_not_its_rows(world, monkeypatch, django_assert_max_num_queries):
    columns = exporting.export_columns(world.project)
    experiences = Experience.objects.filter(project=world.project)
    monkeypatch.setattr(exporting, "CHUNK", 5)
    # 5 chunks of records and their answers, one more empty page, partners and communities read once or twice.
    with django_assert_max_num_queries(5 * 2 + 1 + 6):
        rows = list(exporting.export_rows(experiences, columns))
    assert len(rows) == 25


def test_records_come_out_in_id_order_whether_given_as_a_queryset_or_as_ids(world, monkeypatch):
    monkeypatch.setattr(exporting, "CHUNK", 4)
    columns = exporting.export_columns(world.project)
    experiences = Experience.objects.filter(project=world.project)
    ids = sorted(experiences.values_list("pk", flat=True))
    by_queryset = [row[0] for row in exporting.export_rows(experiences, columns)]
    by_ids = [row[0] for row in exporting.export_rows(list(reversed(ids)), columns)]
    assert by_queryset == by_ids == [f"R-{pk:05d}" for pk in ids]

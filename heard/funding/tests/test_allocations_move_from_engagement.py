"""The migration that moves ProjectPartner.allocation into funding keeps every value, and gives each its schedule:
the advance and a 10% holdback, withheld, adding up to the allocation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from heard.analysis import summary

# partners before the register's fields, which came later: the old Organisation model must match its table.
BEFORE = [("engagement", "0004_fewer_indexes"), ("funding", "0001_money"), ("partners", "0001_initial")]
AFTER = [
    ("engagement", "0005_allocation_moves_to_funding"),
    ("funding", "0002_allocations_from_project_partners"),
    ("partners", "0001_initial"),
]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_existing_allocations_keep_their_values_and_get_a_schedule() -> None:
    # `heard migrate` drops the theme summary's triggers before migrating and puts them back after
    # (heard.analysis.receivers); the executor alone sends no such signal, so this test does both itself. Without
    # it SQLite refuses to rebuild the answer tables and the worker's database is left half migrated.
    summary.remove_triggers(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("partners", "Organisation").objects.create(name="Circle", slug="circle")
    other = old.get_model("partners", "Organisation").objects.create(name="Club", slug="club")
    project = old.get_model("engagement", "Project").objects.create(
        name="Voices", slug="voices", starts_on=datetime.date(2026, 1, 12)
    )
    roles = old.get_model("engagement", "ProjectPartner").objects
    roles.create(project=project, organisation=organisation, allocation=Decimal("9600.05"))
    roles.create(project=project, organisation=other, allocation=None)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    allocation = new.get_model("funding", "Allocation").objects.get()
    assert (allocation.organisation.slug, allocation.amount) == ("circle", Decimal("9600.05"))
    lines = sorted(allocation.payments.values_list("kind", "amount", "status", "due_on"))
    assert lines == [
        ("advance", Decimal("8640.04"), "scheduled", datetime.date(2026, 1, 12)),
        ("holdback", Decimal("960.01"), "withheld", datetime.date(2026, 1, 12)),
    ]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    summary.install_triggers(connection)
    summary.rebuild_all(connection)

"""On SQLite an import's one transaction holds the database's only write lock. The file is read and checked
before that transaction begins, so while a big file is being read everyone else can still write (sign in, save
a record); the lock is held only while the checked rows are written."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from heard.core.testing import database_on_a_file
from heard.engagement.models import Experience
from heard.returns import planning, rowcheck
from heard.returns.importer import import_file
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL does not lock the whole database"),
]


def _can_write(path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_others_can_write_while_an_import_reads_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(planning, "CHUNK", 2)
    with database_on_a_file(tmp_path / "heard.sqlite3") as path:
        world = make_world()
        rows = fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "rating": n % 5 + 1} for n in range(6)])
        seen: list[bool] = []
        read_rows = rowcheck.RowReader.read_rows

        def read_and_look(self, chunk, plan):
            seen.append(_can_write(path))
            return read_rows(self, chunk, plan)

        monkeypatch.setattr(rowcheck.RowReader, "read_rows", read_and_look)
        plan, upload = import_file(rows, project=world.project, partner=world.partner, actor=None)
        assert upload is not None and plan.summary()["added"] == 6 == Experience.objects.count()
        assert seen == [True, True, True]

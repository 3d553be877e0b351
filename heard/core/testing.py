"""Tiny keyword-only builders for tests: each makes one record with sensible defaults.

Named personas: a host admin, a host staff member, a partner member, a steering-group member, an outsider.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connection

from heard.accounts.models import Role, User
from heard.engagement.models import Activity, Experience, Method, Project, ProjectPartner, Question
from heard.partners.models import Community, Organisation, OrganisationKind, Policy, PolicyKind

_counter = itertools.count(1)

PASSWORD = "correct horse battery staple"  # noqa: S105 (test accounts only)


def make_organisation(*, name: str = "", kind: str = OrganisationKind.PARTNER, **fields: Any) -> Organisation:
    n = next(_counter)
    name = name or f"Organisation {n}"
    fields.setdefault("slug", f"org-{n}")
    return Organisation.objects.create(name=name, kind=kind, **fields)


def make_community(*, name: str = "", **fields: Any) -> Community:
    n = next(_counter)
    return Community.objects.create(name=name or f"Community {n}", slug=fields.pop("slug", f"community-{n}"), **fields)


PDF_BYTES = b"%PDF-1.4\n% a tiny stand-in for a policy document\n%%EOF\n"


def make_policy(
    *,
    organisation: Organisation,
    kind: str = PolicyKind.SAFEGUARDING,
    issued_on: datetime.date = datetime.date(2025, 1, 1),
    expires_on: datetime.date = datetime.date(2027, 1, 1),
    **fields: Any,
) -> Policy:
    from django.core.files.base import ContentFile

    policy = Policy(
        organisation=organisation,
        kind=kind,
        issued_on=issued_on,
        expires_on=expires_on,
        file_name=f"{kind}.pdf",
        **fields,
    )
    policy.file.save(f"{kind}.pdf", ContentFile(PDF_BYTES), save=False)
    policy.save()
    return policy


def make_user(*, role: str = Role.HOST_STAFF, organisation: Organisation | None = None, **fields: Any) -> User:
    n = next(_counter)
    fields.setdefault("username", f"user{n}")
    fields.setdefault("email", f"user{n}@example.org")
    if role == Role.PARTNER_MEMBER and organisation is None:
        organisation = make_organisation()
    user = User(role=role, organisation=organisation, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_project(
    *,
    name: str = "",
    partners: list[Organisation] | None = None,
    communities: list[Community] | None = None,
    **fields: Any,
) -> Project:
    n = next(_counter)
    fields.setdefault("slug", f"project-{n}")
    fields.setdefault("starts_on", datetime.date(2026, 1, 1))
    fields.setdefault("area_codes", ["E09000019", "E09000012"])
    fields.setdefault("languages", ["en", "so", "tr"])
    project = Project.objects.create(name=name or f"Project {n}", **fields)
    for partner in partners or []:
        ProjectPartner.objects.create(project=project, organisation=partner)
    if communities:
        project.communities.set(communities)
    return project


def make_activity(*, project: Project, partner: Organisation, **fields: Any) -> Activity:
    fields.setdefault("title", f"Activity {next(_counter)}")
    fields.setdefault("method", Method.FOCUS_GROUP)
    fields.setdefault("held_on", datetime.date(2026, 3, 1))
    return Activity.objects.create(project=project, partner=partner, **fields)


def make_experience(*, project: Project, partner: Organisation, **fields: Any) -> Experience:
    fields.setdefault("collected_on", datetime.date(2026, 3, 1))
    fields.setdefault("consent_store", True)
    fields.setdefault("consent_method", "verbal")
    return Experience.objects.create(project=project, partner=partner, **fields)


def make_question(*, project: Project, **fields: Any) -> Question:
    n = next(_counter)
    fields.setdefault("code", f"q{n}")
    fields.setdefault("kind", "free_text")
    fields.setdefault("text", f"Question {n}")
    fields.setdefault("position", n)
    return Question.objects.create(project=project, **fields)


@contextlib.contextmanager
def database_on_a_file(path: Path, *, busy_seconds: float | None = None) -> Iterator[Path]:
    """Moves the test database (SQLite in memory) to a file for the block, with the production settings (WAL, a
    busy timeout, immediate transactions; `busy_seconds` shortens the timeout), so that another connection can
    hold SQLite's write lock as a running import or task would. Needs `transaction=True` tests."""
    connection.ensure_connection()
    memory = connection.connection
    params = connection.settings_dict
    saved_name, saved_options = params["NAME"], dict(params.get("OPTIONS", {}))
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    params["NAME"] = str(path)
    if busy_seconds is not None:
        options = params["OPTIONS"] = dict(saved_options)
        options["timeout"] = busy_seconds
        options["init_command"] = re.sub(
            r"busy_timeout=\d+", f"busy_timeout={int(busy_seconds * 1000)}", options.get("init_command", "")
        )
    connection.connection = None  # the in-memory database stays open in `memory` until the block ends
    try:
        yield path
    finally:
        connection.close()
        params["NAME"], params["OPTIONS"] = saved_name, saved_options
        connection.connection = memory


class WriteLock:
    """Holds SQLite's write lock on `path` from another connection (as an import's transaction does) until
    `release()`, or for `seconds` when given."""

    def __init__(self, path: Path, seconds: float | None = None) -> None:
        self.holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.holder.execute("BEGIN IMMEDIATE")
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.release) if seconds is not None else None
        if self.timer is not None:
            self.timer.start()

    def release(self) -> None:
        with self.lock:
            if self.holder.in_transaction:
                self.holder.execute("ROLLBACK")

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.release()
        self.holder.close()

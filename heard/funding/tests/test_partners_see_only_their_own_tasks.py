"""Who does what: host staff see the matrix of every task; each partner sees its own tasks and only those."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.funding.models import PartnershipTask, TaskKind, TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    host = make_organisation(name="Healthwatch", kind="host", slug="host")
    ours = make_organisation(name="Ours", slug="ours")
    theirs = make_organisation(name="Theirs", slug="theirs")
    project = make_project(slug="voices", partners=[ours, theirs])
    ours_member = make_user(role=Role.PARTNER_MEMBER, organisation=ours)
    tasks = {
        "ours": PartnershipTask.objects.create(
            project=project, title="Our focus groups", kind=TaskKind.ENGAGEMENT, owner_organisation=ours
        ),
        "person": PartnershipTask.objects.create(
            project=project, title="Our coordinator answers queries", kind=TaskKind.QUERIES, owner_person=ours_member
        ),
        "theirs": PartnershipTask.objects.create(
            project=project, title="Their survey", kind=TaskKind.SURVEYS, owner_organisation=theirs
        ),
        "host": PartnershipTask.objects.create(
            project=project,
            title="Present to commissioners",
            kind=TaskKind.PRESENTING,
            owner_organisation=host,
            due_on=datetime.date(2020, 1, 1),
        ),
    }
    return project, ours, ours_member, tasks


def test_a_partner_sees_its_own_tasks_and_no_one_elses(client, world):
    project, _, member, tasks = world
    client.force_login(member)
    for url in ("/funding/tasks/", f"/funding/projects/{project.slug}/tasks/"):
        page = client.get(url).content.decode()
        assert "Our focus groups" in page and "Our coordinator answers queries" in page
        assert "Their survey" not in page and "Present to commissioners" not in page
    assert client.get(f"/funding/tasks/{tasks['theirs'].pk}/").status_code == 404
    assert client.get(f"/funding/tasks/{tasks['host'].pk}/").status_code == 404


def test_host_staff_see_the_matrix_of_tasks_by_organisation(client, world):
    project, *_ = world
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(f"/funding/projects/{project.slug}/tasks/").content.decode()
    for title in ("Our focus groups", "Their survey", "Present to commissioners", "Our coordinator answers queries"):
        assert title in page
    header = page.split("<thead")[1].split("</thead>")[0]
    assert header.index("Healthwatch") < header.index("Ours") < header.index("Theirs")
    assert "Overdue" in page


def test_the_owning_partner_changes_the_status_only_and_it_is_audited(client, world):
    _, _, member, tasks = world
    client.force_login(member)
    response = client.post(f"/funding/tasks/{tasks['ours'].pk}/", {"status": "done", "title": "Renamed"})
    assert response.status_code == 302
    task = PartnershipTask.objects.get(pk=tasks["ours"].pk)
    assert task.status == TaskStatus.DONE and task.title == "Our focus groups"
    assert AuditEvent.objects.for_target(task).get().verb == AuditVerb.CHANGED


def test_host_staff_add_a_task_which_needs_an_owner(client, world):
    project, ours, *_ = world
    client.force_login(make_user(role=Role.HOST_STAFF))
    data = {"title": "Brief partners", "kind": "briefing", "status": "not_started"}
    response = client.post(f"/funding/projects/{project.slug}/tasks/new/", data)
    assert "Choose the organisation or the person responsible" in response.content.decode()
    response = client.post(f"/funding/projects/{project.slug}/tasks/new/", data | {"owner_organisation": ours.pk})
    assert response.status_code == 302
    assert PartnershipTask.objects.filter(title="Brief partners", owner_organisation=ours).exists()


def test_a_partner_cannot_add_tasks(client, world):
    project, _, member, _ = world
    client.force_login(member)
    assert client.get(f"/funding/projects/{project.slug}/tasks/new/").status_code == 403

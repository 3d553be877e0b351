"""A partner's first page says what to do next, not only a one-row table: each of their projects, the next return
they owe (from their "hearing from residents" and survey tasks) and buttons to add a story, upload a return and
share the residents' form link. Host staff keep the plain list."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.engagement.nextsteps import next_deadlines
from heard.funding.models import PartnershipTask, TaskKind, TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return make_organisation(name="Somali Welfare Trust", slug="swt")


@pytest.fixture
def project(partner):
    project = make_project(name="GP access", slug="gp-access", partners=[partner])
    for title, kind, due, status in [
        ("Hear from residents: first 50", TaskKind.ENGAGEMENT, datetime.date(2099, 3, 1), TaskStatus.IN_PROGRESS),
        ("Run the survey at drop-ins", TaskKind.SURVEYS, datetime.date(2099, 1, 15), TaskStatus.NOT_STARTED),
        ("Already sent", TaskKind.ENGAGEMENT, datetime.date(2098, 12, 1), TaskStatus.DONE),
        ("Write the report", TaskKind.REPORTING, datetime.date(2098, 11, 1), TaskStatus.NOT_STARTED),
    ]:
        PartnershipTask.objects.create(
            project=project, title=title, kind=kind, owner_organisation=partner, due_on=due, status=status
        )
    return project


def test_a_partner_sees_each_project_with_its_next_return_and_what_to_do(client, partner, project):
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    page = client.get("/", follow=True).content.decode()
    assert "What to do next" in page
    steps = page.split("What to do next")[1].split("All your projects")[0]
    assert "GP access" in steps
    assert "Next return due <strong>15 January 2099</strong>: Run the survey at drop-ins." in steps
    assert f'href="/projects/{project.slug}/records/new/">Add a story</a>' in steps
    assert f'href="/returns/{project.slug}/">Upload a return</a>' in steps
    assert f'href="/projects/{project.slug}/links/">Share the residents\' form link</a>' in steps


def test_a_return_not_yet_dated_says_so(client, partner):
    make_project(name="Dental access", slug="dental", partners=[partner])
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    page = client.get("/projects/").content.decode()
    assert "No return date set yet" in page


def test_another_partners_deadline_is_not_theirs(partner, project):
    other = make_organisation(name="Turkish Women's Group", slug="twg")
    PartnershipTask.objects.create(
        project=project,
        title="Theirs",
        kind=TaskKind.ENGAGEMENT,
        owner_organisation=other,
        due_on=datetime.date(2098, 1, 1),
    )
    assert next_deadlines(partner, [project])[project.pk].what == "Run the survey at drop-ins"


def test_host_staff_keep_the_list_of_projects(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/projects/").content.decode()
    assert "What to do next" not in page and "GP access" in page

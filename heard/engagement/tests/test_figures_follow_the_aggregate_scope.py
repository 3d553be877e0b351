"""One rule for every count: host staff see every record exactly; steering-group members every record, protected;
partner members their own organisation's records, protected."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.engagement.scope import aggregate_scope


@pytest.fixture
def project(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    community = make_community(name="Somali-speaking residents")
    project = make_project(slug="voices", partners=[ours, theirs], communities=[community])
    question = make_question(project=project, code="wait", text="How long did you wait?")
    for n in range(23):
        record = make_experience(project=project, partner=ours, community=community, consent_quote=n < 12)
        Answer.objects.create(experience=record, question=question, text="Long")
    for _ in range(7):
        make_experience(project=project, partner=theirs, community=community)
    make_experience(project=project, partner=theirs, consent_method="")  # says nothing of how consent was given
    return {"project": project, "ours": ours, "theirs": theirs}


def test_each_role_counts_the_records_the_rule_gives_it(project):
    p = project["project"]
    assert aggregate_scope(make_user(role=Role.HOST_STAFF), p).experiences.count() == 31
    assert aggregate_scope(make_user(role=Role.HOST_STAFF), p).exact
    steering = aggregate_scope(make_user(role=Role.STEERING_MEMBER), p)
    assert steering.experiences.count() == 31 and not steering.exact
    partner = aggregate_scope(make_user(role=Role.PARTNER_MEMBER, organisation=project["ours"]), p)
    assert partner.experiences.count() == 23 and not partner.exact and partner.own_organisation_only
    assert partner.answers().count() == 23
    stranger = aggregate_scope(make_user(role=Role.PARTNER_MEMBER, organisation=None), p)
    assert stranger.experiences.count() == 0


def test_host_staff_see_exact_figures_and_sentences(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/projects/voices/").content.decode()
    assert '<span class="heard-stat__number">31</span>' in page
    assert "1 record does not say how consent was given." in page


def test_steering_members_see_no_exact_small_number_in_a_sentence(client, project):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get("/projects/voices/").content.decode()
    assert '<span class="heard-stat__number">30</span>' in page  # 31, rounded to the nearest 5
    assert "Fewer than 5 records do not say how consent was given." in page
    assert "1 record" not in page and "1 records" not in page


def test_the_report_page_counts_only_a_partners_own_records(client, project):
    from heard.engagement.models import Project
    from heard.reporting import actions

    actions.start_report(actor=make_user(role=Role.HOST_STAFF), project=Project.objects.get(slug="voices"))
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=project["ours"]))
    page = client.get("/report/voices/draft/").content.decode()
    assert "we heard from about 25 residents" in page  # 23 of ours, rounded; not the project's 30
    assert "Theirs" not in page


def test_a_partners_dashboard_counts_its_own_records_only(client, project):
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=project["ours"]))
    page = client.get("/projects/voices/").content.decode()
    assert '<span class="heard-stat__number">25</span>' in page
    assert "Theirs" not in page
    assert "your organisation&#x27;s records only" in page or "your organisation's records only" in page


def test_the_question_list_shows_answer_counts_protected(client, project):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get("/projects/voices/questions/").content.decode()
    assert ">25</td>" in page and ">23</td>" not in page
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert ">23</td>" in client.get("/projects/voices/questions/").content.decode()


def test_the_organisation_list_counts_by_the_same_rule(client, project):
    def residents_heard(page: str, name: str) -> str:
        row = page.split(f">{name}</a>")[1].split("</tr>")[0]
        return row.rsplit('numeric">', 1)[1].split("</td>")[0]

    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=project["ours"]))
    page = client.get("/partners/").content.decode()
    assert residents_heard(page, "Ours") == "25" and residents_heard(page, "Theirs") == "–"
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get("/partners/").content.decode()
    assert residents_heard(page, "Ours") == "25" and residents_heard(page, "Theirs") == "10"
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert residents_heard(client.get("/partners/").content.decode(), "Theirs") == "8"

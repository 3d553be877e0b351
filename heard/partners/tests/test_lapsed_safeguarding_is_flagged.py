from __future__ import annotations

import datetime

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_policy, make_user
from heard.partners.models import Assessment, PolicyKind

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)
NEXT_YEAR = datetime.date.today() + datetime.timedelta(days=365)
FLAG = "Safeguarding policy lapsed"


def _partners():
    lapsed = make_organisation(name="Lapsed Group")
    make_policy(organisation=lapsed, kind=PolicyKind.SAFEGUARDING, expires_on=YESTERDAY)
    make_policy(organisation=lapsed, kind=PolicyKind.EDI, expires_on=NEXT_YEAR)
    renewed = make_organisation(name="Renewed Group")
    make_policy(organisation=renewed, expires_on=YESTERDAY, issued_on=datetime.date(2024, 1, 1))
    make_policy(organisation=renewed, expires_on=NEXT_YEAR, issued_on=datetime.date(2025, 6, 1))
    Assessment.objects.create(organisation=lapsed)
    Assessment.objects.create(organisation=renewed)
    return lapsed, renewed


def test_the_partner_page_flags_a_lapsed_safeguarding_policy_but_not_a_renewed_one(client, db):
    lapsed, renewed = _partners()
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert FLAG in client.get(lapsed.get_absolute_url()).content.decode()
    assert FLAG not in client.get(renewed.get_absolute_url()).content.decode()


def test_the_partner_itself_sees_the_flag_on_its_page(client, db):
    lapsed, _ = _partners()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=lapsed))
    assert FLAG in client.get(lapsed.get_absolute_url()).content.decode()


def test_selection_flags_the_lapsed_candidate_only(client, db):
    _partners()
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/partners/selection/").content.decode()
    rows = {row.split("</th>")[0]: row for row in page.split('<tr class="govuk-table__row">') if "Group" in row}
    assert [FLAG in row for name, row in sorted(rows.items())] == [True, False]


def test_the_scoring_page_warns_about_the_lapsed_policy(client, db):
    lapsed, _ = _partners()
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert "Safeguarding policy has lapsed" in client.get(f"/partners/{lapsed.slug}/score/").content.decode()


def test_the_projects_dashboard_and_the_partners_list_flag_it_for_host_staff(client, db):
    _lapsed, _renewed = _partners()
    client.force_login(make_user(role=Role.HOST_STAFF))
    dashboard = client.get("/projects/").content.decode()
    assert FLAG in dashboard and "Lapsed Group" in dashboard and "Renewed Group" not in dashboard
    listing = client.get("/partners/").content.decode()
    assert listing.count(FLAG) == 1


def test_the_allocations_list_flags_the_lapsed_partner(client, db):
    from heard.core.testing import make_project
    from heard.funding.actions import award_allocation

    lapsed, renewed = _partners()
    project = make_project(slug="voices", partners=[lapsed, renewed])
    for partner in (lapsed, renewed):
        award_allocation(
            actor=None, project=project, organisation=partner, amount="1000", first_payment_on=datetime.date(2026, 2, 1)
        )
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/funding/projects/voices/").content.decode()
    assert page.count(FLAG) == 1
    assert page.index("Lapsed Group") < page.index(FLAG) < page.index("Renewed Group")

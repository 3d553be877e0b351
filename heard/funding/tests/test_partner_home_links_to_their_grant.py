"""A partner's first page links straight to their grant in each project that has one (found on the last walk: the
grant was three clicks away, through the project's page); a project without a grant for them shows no link, and
another partner's grant is never theirs."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.funding import actions

pytestmark = pytest.mark.django_db


def test_a_partner_sees_a_link_to_their_grant_on_their_first_page(client):
    partner = make_organisation(name="Somali Welfare Trust", slug="swt")
    other = make_organisation(name="Turkish Women's Group", slug="twg")
    funded = make_project(name="GP access", slug="gp-access", partners=[partner, other])
    make_project(name="Dental access", slug="dental", partners=[partner])
    ours = actions.award_allocation(
        actor=None, project=funded, organisation=partner, amount="9300", first_payment_on=datetime.date(2026, 2, 1)
    )
    theirs = actions.award_allocation(
        actor=None, project=funded, organisation=other, amount="500", first_payment_on=datetime.date(2026, 2, 1)
    )
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    page = client.get("/projects/").content.decode()
    steps = page.split("What to do next")[1].split("All your projects")[0]
    sections = {name: next(s for s in steps.split("<section")[1:] if name in s) for name in ("GP", "Dental")}
    gp, dental = sections["GP"], sections["Dental"]
    assert f'href="/funding/allocations/{ours.pk}/">Your grant: £9,300.00</a>' in gp
    assert f"/funding/allocations/{theirs.pk}/" not in steps
    assert "Your grant" not in dental
    assert client.get(f"/funding/allocations/{ours.pk}/").status_code == 200

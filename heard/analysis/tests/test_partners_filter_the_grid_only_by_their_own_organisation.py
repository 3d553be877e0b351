"""A partner's coding grid offers only its own organisation in the partner filter; host staff see every partner."""

from __future__ import annotations

import re

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user


def _partner_options(page: str) -> list[str]:
    select = re.search(r'<select[^>]*id="f-partner".*?</select>', page, re.S).group(0)  # type: ignore[union-attr]
    return re.findall(r'<option value="([^"]+)"', select)


def test_a_partner_filters_only_by_its_own_organisation(client, db):
    ours = make_organisation(name="Deaf Voices", slug="deaf-voices")
    theirs = make_organisation(name="Carers Together", slug="carers-together")
    project = make_project(slug="voices", partners=[ours, theirs])
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=ours))
    page = client.get(f"/analysis/projects/{project.slug}/coding/").content.decode()
    assert _partner_options(page) == ["deaf-voices"]
    assert "Carers Together" not in page

    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(f"/analysis/projects/{project.slug}/coding/").content.decode()
    assert sorted(_partner_options(page)) == ["carers-together", "deaf-voices"]

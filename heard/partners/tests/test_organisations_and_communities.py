from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_organisation, make_user
from heard.partners.models import Community, Contact, Organisation


def test_host_staff_add_a_partner_and_it_is_audited(client, db):
    staff = make_user(role=Role.HOST_STAFF)
    client.force_login(staff)
    response = client.post(
        "/partners/new/", {"name": "Deaf Voices", "kind": "partner", "sector": "community", "postcode": "n1 9ag"}
    )
    org = Organisation.objects.get(name="Deaf Voices")
    assert response["Location"] == f"/partners/{org.slug}/"
    assert org.postcode == "N1 9AG"
    assert AuditEvent.objects.for_target(org).get().actor == staff


def test_a_partner_member_edits_their_own_details_but_not_their_kind(client, db):
    org = make_organisation(name="Ours", description="Old")
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=org))
    client.post(f"/partners/{org.slug}/edit/", {"description": "New", "kind": "commissioner"})
    org.refresh_from_db()
    assert org.description == "New"
    assert org.kind == "partner"


def test_contacts_are_only_shown_to_the_host_and_the_organisation_itself(client, db):
    org = make_organisation(name="Ours")
    Contact.objects.create(organisation=org, name="Hodan Farah", phone="020 7946 0000")
    client.force_login(make_user(role=Role.PARTNER_MEMBER))  # a member of another partner
    assert "Hodan Farah" not in client.get(f"/partners/{org.slug}/").content.decode()
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert "Hodan Farah" in client.get(f"/partners/{org.slug}/").content.decode()


def test_host_staff_add_a_community_in_its_own_words(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    client.post("/partners/communities/new/", {"name": "Deaf BSL users", "languages": ["bfi"]})
    community = Community.objects.get()
    assert (community.slug, community.languages) == ("deaf-bsl-users", ["bfi"])
    assert "Deaf BSL users" in client.get("/partners/communities/").content.decode()


@pytest.mark.parametrize("role", [Role.PARTNER_MEMBER, Role.STEERING_MEMBER])
def test_only_host_staff_add_communities(client, db, role):
    client.force_login(make_user(role=role))
    assert client.post("/partners/communities/new/", {"name": "X"}).status_code == 403


def test_the_stakeholder_list_shows_who_is_not_yet_connected(client, db):
    make_organisation(name="Partner already in", connected=True)
    make_organisation(name="Mosque we should meet", kind="stakeholder", connected=False)
    client.force_login(make_user(role=Role.HOST_STAFF))
    html = client.get("/partners/?connected=no").content.decode()
    assert "Mosque we should meet" in html and "Not yet connected" in html
    assert "Partner already in" not in html

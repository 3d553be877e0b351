from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import PDF_BYTES, make_organisation, make_policy, make_user
from heard.partners.models import Policy, PolicyTemplate


def _post_policy(client, organisation, upload, **fields):
    data = {"kind": "safeguarding", "issued_on": "2026-01-01", "expires_on": "2027-01-01", "upload": upload}
    data.update(fields)
    return client.post(f"/partners/{organisation.slug}/policies/new/", data)


def test_a_partner_uploads_its_policy_and_host_staff_mark_it_checked(client, db):
    organisation = make_organisation(name="Ours")
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=organisation))
    response = _post_policy(client, organisation, SimpleUploadedFile("Safeguarding 2026.pdf", PDF_BYTES))
    assert response.status_code == 302
    policy = Policy.objects.get()
    assert policy.file_name == "Safeguarding 2026.pdf" and policy.expires_on == datetime.date(2027, 1, 1)
    assert client.post(f"/partners/policies/{policy.pk}/check/").status_code == 403

    staff = make_user(role=Role.HOST_STAFF)
    client.force_login(staff)
    client.post(f"/partners/policies/{policy.pk}/check/")
    policy.refresh_from_db()
    assert policy.checked_by == staff and policy.checked_on == datetime.date.today()
    assert AuditEvent.objects.filter(verb=AuditVerb.REVIEWED).count() == 1


def test_a_file_that_is_not_a_document_is_refused_with_what_to_do(client, db):
    organisation = make_organisation()
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = _post_policy(client, organisation, SimpleUploadedFile("policy.exe", b"MZ\x90\x00"))
    assert "is not a PDF (.pdf), Word (.docx or .doc) or OpenDocument (.odt) file" in response.content.decode()
    response = _post_policy(client, organisation, SimpleUploadedFile("policy.pdf", b"<html>not a pdf</html>"))
    assert "does not look like a .pdf file inside" in response.content.decode()
    response = _post_policy(client, organisation, SimpleUploadedFile("policy.pdf", PDF_BYTES), expires_on="2025-01-01")
    assert "must be after the date it was issued" in response.content.decode()
    assert not Policy.objects.exists()


def test_another_partner_can_neither_see_nor_download_a_partners_policies(client, db):
    ours = make_organisation(name="Ours")
    policy = make_policy(organisation=ours)
    client.force_login(make_user(role=Role.PARTNER_MEMBER))  # a member of another partner
    assert client.get(f"/partners/policies/{policy.pk}/").status_code == 404
    assert "Add a policy" not in client.get(ours.get_absolute_url()).content.decode()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=ours))
    response = client.get(f"/partners/policies/{policy.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_host_staff_share_a_template_every_partner_can_download(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post(
        "/partners/policy-templates/new/",
        {
            "title": "Model safeguarding policy",
            "kind": "safeguarding",
            "upload": SimpleUploadedFile("m.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    template = PolicyTemplate.objects.get()
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert "Model safeguarding policy" in client.get("/partners/policy-templates/").content.decode()
    assert b"".join(client.get(f"/partners/policy-templates/{template.pk}/").streaming_content) == PDF_BYTES
    assert client.get("/partners/policy-templates/new/").status_code == 403


def test_a_centre_is_added_with_a_checked_postcode(client, db):
    organisation = make_organisation()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=organisation))
    response = client.post(f"/partners/{organisation.slug}/centres/new/", {"name": "Hall", "postcode": "nonsense"})
    assert "Enter a full UK postcode" in response.content.decode()
    client.post(f"/partners/{organisation.slug}/centres/new/", {"name": "Hall", "postcode": "n1 9ag"})
    assert list(organisation.centres.values_list("postcode", flat=True)) == ["N1 9AG"]

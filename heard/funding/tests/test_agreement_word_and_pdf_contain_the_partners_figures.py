"""A partner's agreement, made from the host's template, in Word and PDF with its own figures in it."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pypdfium2
import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.engagement.models import ProjectPartner
from heard.funding.actions import award_allocation
from heard.funding.models import Agreement, Allocation, PartnershipTask, TaskKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    make_organisation(name="Healthwatch Islington", kind="host", slug="host")
    partner = make_organisation(name="Anatolia Community Centre", slug="anatolia", charity_number="1123456")
    other = make_organisation(name="Other Group", slug="other")
    project = make_project(name="Diverse Voices", slug="voices", partners=[partner, other])
    ProjectPartner.objects.filter(project=project, organisation=partner).update(target_people=300)
    award_allocation(
        actor=None, project=project, organisation=partner, amount="12345.67", first_payment_on=date(2026, 2, 1)
    )
    PartnershipTask.objects.create(
        project=project,
        title="Run four Turkish-language focus groups",
        kind=TaskKind.ENGAGEMENT,
        owner_organisation=partner,
    )
    PartnershipTask.objects.create(project=project, title="Write the report", owner_organisation=other)
    return project, partner


def _make(client, project, partner) -> Agreement:
    response = client.post(f"/funding/projects/{project.slug}/agreements/{partner.slug}/new/")
    assert response.status_code == 302
    return Agreement.objects.filter(organisation=partner).order_by("-version")[0]


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_word_file_and_the_pdf_hold_the_partners_name_allocation_holdback_and_tasks(client, world):
    project, partner = world
    client.force_login(make_user(role=Role.HOST_STAFF))
    agreement = _make(client, project, partner)
    assert agreement.figures == {"allocation": "12345.67", "holdback_percent": "10", "holdback": "1234.57"}

    word = client.get(f"/funding/agreements/{agreement.pk}/word/")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(f"/funding/agreements/{agreement.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    for text in (_docx_text(word.content), " ".join(_pdf_text(pdf.content).split())):
        assert "Anatolia Community Centre" in text
        assert "registered charity 1123456" in text
        assert "£12,345.67" in text  # the allocation
        assert "10% of the allocation (£1,234.57)" in text  # the holdback
        assert "£11,111.10" in text  # the advance: allocation less holdback
        assert "Run four Turkish-language focus groups" in text
        assert "Write the report" not in text  # another partner's task
        assert "{{" not in text


def test_each_agreement_made_is_a_new_version_and_earlier_ones_keep_their_words(client, world):
    project, partner = world
    client.force_login(make_user(role=Role.HOST_STAFF))
    first = _make(client, project, partner)
    Allocation.objects.filter(project=project, organisation=partner).update(amount=Decimal("15000"))
    second = _make(client, project, partner)
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert "£12,345.67" in first.body and "£15,000.00" in second.body
    assert AuditEvent.objects.filter(verb=AuditVerb.CREATED, target_type="funding.agreement").count() == 2


def test_a_signed_copy_is_attached_and_only_the_partner_and_the_host_can_open_it(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from heard.core.testing import PDF_BYTES

    project, partner = world
    client.force_login(make_user(role=Role.HOST_STAFF))
    agreement = _make(client, project, partner)
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    response = client.post(
        agreement.get_absolute_url(),
        {"upload": SimpleUploadedFile("signed.pdf", PDF_BYTES), "signed_on": "2026-02-01"},
    )
    assert response.status_code == 302
    copy = agreement.signed_copies.get()
    assert b"".join(client.get(f"/funding/signed-copies/{copy.pk}/").streaming_content) == PDF_BYTES
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation()))
    assert client.get(agreement.get_absolute_url()).status_code == 404
    assert client.get(f"/funding/signed-copies/{copy.pk}/").status_code == 404
    assert client.get(f"/funding/agreements/{agreement.pk}/pdf/").status_code == 404

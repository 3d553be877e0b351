"""A column mapping belongs to one organisation: a partner's is private to it (no other partner can list, use or
overwrite it), the host's is shared with every partner."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from heard.core.models import AuditEvent, AuditVerb
from heard.engagement.models import Answer
from heard.returns.models import ColumnMapping, ReturnUpload, UploadStatus
from heard.returns.tests.builders import make_world

OWN_SHEET = (
    "When,How old,What happened,OK to keep,Interviewer notes\n"
    "14/03/2026,25-34,Waited three weeks for the GP,Yes,met at the library\n"
)
A_CHOOSES = {
    "When": "collected_on",
    "How old": "age_band",
    "What happened": "story",
    "OK to keep": "consent_store",
    "Interviewer notes": "",
}


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def _upload(client, world, tmp_path, text=OWN_SHEET, **extra):
    path = tmp_path / "our-own-survey.csv"
    path.write_text(text, encoding="utf-8")
    with path.open("rb") as handle:
        response = client.post(f"/returns/{world.project.slug}/upload/", {"file": handle, **extra})
    return response, ReturnUpload.objects.order_by("pk").last()


def _map(client, upload, choices, name):
    data = {f"column-{i}": choices[h] for i, h in enumerate(upload.unmapped)}
    return client.post(f"/returns/uploads/{upload.pk}/mapping/", {**data, "name": name})


def test_another_partner_using_the_same_name_cannot_overwrite_a_partners_mapping(client, world, tmp_path):
    client.force_login(world.partner_user)
    _, first = _upload(client, world, tmp_path)
    _map(client, first, A_CHOOSES, "own-survey")
    mine = ColumnMapping.objects.get(organisation=world.partner)
    assert mine.mapping["What happened"] == "story"

    # Partner B names its mapping the same and leaves "What happened" out.
    client.force_login(world.other_user)
    _, theirs = _upload(client, world, tmp_path)
    _map(client, theirs, {**A_CHOOSES, "What happened": ""}, "own-survey")
    mine.refresh_from_db()
    assert mine.mapping["What happened"] == "story"
    assert ColumnMapping.objects.get(organisation=world.other_partner).mapping["What happened"] == ""
    assert ColumnMapping.objects.filter(name="own-survey").count() == 2

    # A's next file with A's mapping keeps the column B left out.
    client.force_login(world.partner_user)
    _, again = _upload(client, world, tmp_path, mapping=mine.pk)
    assert again.status == UploadStatus.READY, again.problems
    client.post(f"/returns/uploads/{again.pk}/confirm/")
    assert Answer.objects.filter(experience__partner=world.partner, question__code="story").count() == 1


def test_a_partner_neither_sees_nor_uses_another_partners_mapping(client, world, tmp_path):
    theirs = ColumnMapping.objects.create(organisation=world.other_partner, name="twg-secret-survey", mapping={})
    shared = ColumnMapping.objects.create(organisation=None, name="kobo-standard", mapping={})
    client.force_login(world.partner_user)
    page = client.get(f"/returns/{world.project.slug}/").content.decode()
    assert "kobo-standard" in page
    assert "twg-secret-survey" not in page

    response, upload = _upload(client, world, tmp_path, mapping=theirs.pk)
    assert response.status_code == 400 and upload is None
    assert "Select a valid choice" in response.content.decode()
    response, upload = _upload(client, world, tmp_path, mapping=shared.pk)
    assert response.status_code == 302 and upload.mapping == shared


def test_staff_cannot_give_one_partners_return_another_partners_mapping(client, world, tmp_path):
    theirs = ColumnMapping.objects.create(organisation=world.other_partner, name="twg-survey", mapping={})
    client.force_login(world.staff)
    response, upload = _upload(client, world, tmp_path, partner=world.partner.pk, mapping=theirs.pk)
    assert response.status_code == 400 and upload is None
    assert "one of this partner&#x27;s own" in response.content.decode()


def test_a_partner_cannot_change_the_hosts_shared_mapping(client, world, tmp_path):
    shared = ColumnMapping.objects.create(organisation=None, name="own-survey", mapping={"When": "collected_on"})
    client.force_login(world.partner_user)
    _, upload = _upload(client, world, tmp_path, mapping=shared.pk)
    _map(client, upload, {**A_CHOOSES, "When": "collected_on"}, "own-survey")
    shared.refresh_from_db()
    assert shared.mapping == {"When": "collected_on"}
    upload.refresh_from_db()
    assert upload.mapping.organisation == world.partner and upload.status == UploadStatus.READY


def test_staff_may_share_a_mapping_with_every_partner(client, world, tmp_path):
    client.force_login(world.staff)
    _, upload = _upload(client, world, tmp_path, partner=world.partner.pk)
    data = {f"column-{i}": A_CHOOSES[h] for i, h in enumerate(upload.unmapped)}
    client.post(f"/returns/uploads/{upload.pk}/mapping/", {**data, "name": "kobo-gp", "shared": "1"})
    mapping = ColumnMapping.objects.get(name="kobo-gp")
    assert mapping.organisation is None
    assert AuditEvent.objects.filter(verb=AuditVerb.CREATED, target_type="returns.columnmapping").count() == 1


def test_a_partner_cannot_share_a_mapping(client, world, tmp_path):
    client.force_login(world.partner_user)
    _, upload = _upload(client, world, tmp_path)
    data = {f"column-{i}": A_CHOOSES[h] for i, h in enumerate(upload.unmapped)}
    client.post(f"/returns/uploads/{upload.pk}/mapping/", {**data, "name": "kobo-gp", "shared": "1"})
    assert ColumnMapping.objects.get(name="kobo-gp").organisation == world.partner


def test_the_import_command_finds_the_partners_own_mapping_then_the_hosts(world, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(OWN_SHEET, encoding="utf-8")
    ColumnMapping.objects.create(organisation=None, name="own", mapping={"When": "collected_on"})
    ColumnMapping.objects.create(organisation=world.partner, name="own", mapping=A_CHOOSES)
    ColumnMapping.objects.create(organisation=world.other_partner, name="twg-only", mapping=A_CHOOSES)
    args = ["import", str(path), "--project", world.project.slug, "--partner", world.partner.slug, "--dry-run"]
    call_command(*args, "--mapping", "own")  # the partner's own mapping maps every column: no error
    with pytest.raises(CommandError, match="No column mapping called 'twg-only'") as error:
        call_command(*args, "--mapping", "twg-only")
    assert "twg-only" not in str(error.value).split("may use:")[1]


def test_the_migration_gives_each_mapping_to_the_partner_that_used_it(world):
    migration = importlib.import_module("heard.returns.migrations.0003_column_mappings_belong_to_an_organisation")
    one = ColumnMapping.objects.create(name="used-by-one", mapping={"a": "b"})
    both = ColumnMapping.objects.create(name="used-by-both", mapping={"c": "d"})
    unused = ColumnMapping.objects.create(name="made-on-the-command-line")
    by_staff = ColumnMapping.objects.create(name="made-by-staff")
    for mapping, partner in [(one, world.partner), (both, world.partner), (both, world.other_partner)]:
        ReturnUpload.objects.create(project=world.project, partner=partner, file_name="x.csv", mapping=mapping)
    ReturnUpload.objects.create(project=world.project, partner=world.partner, file_name="x.csv", mapping=by_staff)
    AuditEvent.objects.create(
        actor=world.staff, verb=AuditVerb.CREATED, target_type="returns.columnmapping", target_id=str(by_staff.pk)
    )

    migration.assign_owners(apps, None)

    owners = {m.pk: m.organisation_id for m in ColumnMapping.objects.all()}
    assert owners[one.pk] == world.partner.pk
    assert owners[both.pk] == world.partner.pk
    assert owners[unused.pk] is None and owners[by_staff.pk] is None
    copy = ColumnMapping.objects.get(name="used-by-both", organisation=world.other_partner)
    assert copy.mapping == {"c": "d"}
    assert set(ReturnUpload.objects.filter(partner=world.other_partner).values_list("mapping", flat=True)) == {copy.pk}

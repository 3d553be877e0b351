"""Exports to anyone outside the host carry only what each partner's data-sharing agreement allows."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.privacy.models import DataSharingAgreement, PlaceDetail, SharingScope

WORDS = "Dr Okafor kept me waiting, ring me on 07700 900123"


@pytest.fixture
def world(db):
    full, partial, none = (
        make_organisation(name=n, slug=s) for n, s in [("Full", "full"), ("Partial", "partial"), ("None", "none")]
    )
    project = make_project(slug="p", partners=[full, partial, none])
    story = make_question(project=project, code="story", text="Story")
    today = datetime.date.today()
    DataSharingAgreement.objects.create(
        organisation=full,
        starts_on=today,
        scope=SharingScope.REDACTED_TEXT,
        place_detail=PlaceDetail.POSTCODE_DISTRICT,
    )
    DataSharingAgreement.objects.create(organisation=partial, starts_on=today, scope=SharingScope.DEMOGRAPHICS)
    for partner in (full, partial, none):
        for quote in (True, False, False, False, False):  # 5 alike per partner: nobody singled out
            record = make_experience(
                project=project,
                partner=partner,
                consent_quote=quote,
                postcode="N7 6PA",
                source_file="secret-file.xlsx",
                ethnic_group="black_african",
            )
            Answer.objects.create(experience=record, question=story, text=WORDS, translated_by="Amina Yusuf")
    return project


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_only_what_each_agreement_allows_leaves_the_host(client, world):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get("/returns/p/shared.csv")
    rows = _rows(b"".join(response.streaming_content).decode())
    assert sorted(r["Partner"] for r in rows) == ["Full"] * 5 + ["Partial"] * 5  # no agreement: left out
    full = [r for r in rows if r["Partner"] == "Full"]
    assert sorted(r["Story"] for r in full) == [""] * 4 + ["Dr [name] kept me waiting, ring me on [phone]"]
    assert {r["Postcode district"] for r in full} == {"N7"}
    partial = [r for r in rows if r["Partner"] == "Partial"]
    assert {r["Story"] for r in partial} == {""}
    assert {r["Postcode district"] for r in partial} == {""}
    everything = str(rows)
    for secret in ("Okafor", "07700", "secret-file", "Amina Yusuf", "N7 6PA"):
        assert secret not in everything


def test_the_command_line_offers_the_same_export(world, tmp_path):
    out = tmp_path / "shared.csv"
    call_command("export", "--project", "p", "--for-sharing", "--output", str(out), stderr=io.StringIO())
    rows = _rows(out.read_text(encoding="utf-8"))
    assert len(rows) == 10
    assert "Okafor" not in out.read_text(encoding="utf-8")


def test_only_host_staff_export_for_sharing(client, world):
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/returns/p/shared.csv").status_code == 403

"""An export for sharing passes a re-identification check before it leaves: every released combination of what
someone could know about a resident holds at least k residents (5, or the agreement's figure); details are
generalised until it does, the rest withheld and counted; wards and postcodes only where the agreement allows."""

from __future__ import annotations

import datetime
import io
import random
from collections import Counter
from typing import Any

import openpyxl
import pytest

from heard.accounts.models import Role
from heard.core.testing import make_community, make_experience, make_organisation, make_project, make_user
from heard.lib import census
from heard.privacy.forms import AgreementForm
from heard.privacy.models import DataSharingAgreement, PlaceDetail, SharingScope
from heard.returns.sharing import SharedExport, sharing_export

TODAY = datetime.date(2026, 6, 1)
WARDS = [
    ("E05013700", "N7 6PA", "E09000019"),
    ("E05013701", "N19 5QR", "E09000019"),
    ("E05009367", "E8 1DY", "E09000012"),
]
QI_KEYS = {
    "partner",
    "community",
    "activity",
    "collected_on",
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "disability",
    "main_language",
    "english_proficiency",
    "postcode_district",
    "ward_code",
    "local_authority",
}


def _codes(choices: census.Choices) -> list[str]:
    return [code for code, _label in choices] + [""]


def _world(seed: int, *, n: int = 120, k_second: int = 5, place: str = PlaceDetail.WARD) -> dict[str, Any]:
    rng = random.Random(seed)
    first, second = make_organisation(name="First"), make_organisation(name="Second")
    communities = [make_community(name=f"Community {i}") for i in range(3)]
    project = make_project(slug=f"p{seed}", partners=[first, second], communities=communities)
    start = datetime.date(2020, 1, 1)
    DataSharingAgreement.objects.create(
        organisation=first, starts_on=start, scope=SharingScope.DEMOGRAPHICS, place_detail=place
    )
    DataSharingAgreement.objects.create(
        organisation=second, starts_on=start, scope=SharingScope.DEMOGRAPHICS, min_group_size=k_second
    )
    for _ in range(n):
        ward, postcode, lad = rng.choice(WARDS)
        make_experience(
            project=project,
            partner=rng.choice([first, second]),
            community=rng.choice(communities),
            collected_on=datetime.date(2026, rng.randint(1, 5), rng.randint(1, 28)),
            age_band=rng.choice(_codes(census.AGE_BANDS)),
            sex=rng.choice(_codes(census.SEXES)),
            gender_identity=rng.choice(["same_as_sex"] * 8 + _codes(census.GENDER_IDENTITIES)),
            ethnic_group=rng.choice(_codes(census.ETHNIC_GROUPS_19)),
            disability=rng.choice(_codes(census.DISABILITY)),
            main_language=rng.choice(["en", "so", "tr", "bn", "ar", "pl", "ti", ""]),
            english_proficiency=rng.choice(_codes(census.ENGLISH_PROFICIENCY)),
            postcode=postcode,
            ward_code=ward,
            lad_code=lad,
        )
    return {"project": project, "first": first, "second": second}


def _released(project) -> tuple[list[str], list[list[Any]], SharedExport]:
    shared = sharing_export(project, today=TODAY)
    return [c.key for c in shared.columns], list(shared.rows), shared


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_released_combination_holds_fewer_than_k_people(db, seed):
    world = _world(seed, k_second=8)
    keys, rows, shared = _released(world["project"])
    qi = [i for i, key in enumerate(keys) if key in QI_KEYS]
    partner = keys.index("partner") if "partner" in keys else None
    groups = Counter(tuple(row[i] for i in qi) for row in rows)
    for row in rows:
        want = 8 if partner is not None and row[partner] == "Second" else 5
        assert groups[tuple(row[i] for i in qi)] >= want
    assert shared.check.result.before.unique > 0  # the raw records did single people out
    assert len(rows) + shared.check.withheld == 120
    assert shared.check.withheld <= 6  # at most 5% withheld, the rest generalised


def test_wards_and_postcodes_go_only_where_the_agreement_allows(db):
    world = _world(4, place=PlaceDetail.LOCAL_AUTHORITY)
    keys, rows, _shared = _released(world["project"])
    assert "postcode_district" not in keys and "ward_code" not in keys
    if "local_authority" in keys:
        assert {row[keys.index("local_authority")] for row in rows} <= {"Islington", "Hackney", ""}


def test_what_was_withheld_is_said_on_the_page_and_in_the_notes_sheet(client, db):
    world = _world(5, n=40)
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/returns/p5/shared/").content.decode()
    shared = sharing_export(world["project"], today=datetime.date.today())
    assert f"Withheld: {shared.check.withheld}" in page
    assert "Before release, Heard checked" in page
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/returns/p5/shared.xlsx").streaming_content)))
    notes = [row[0] for row in book["Notes"].values]
    assert any(str(line).startswith(f"Withheld: {shared.check.withheld}") for line in notes)
    assert book["Residents"].max_row - 1 == shared.count


def test_only_host_staff_see_the_sharing_page(client, db):
    _world(6, n=5)
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/returns/p6/shared/").status_code in (403, 404)


def test_an_agreement_cannot_ask_for_groups_smaller_than_five(db):
    form = AgreementForm(
        {
            "organisation": make_organisation().pk,
            "starts_on": "2026-01-01",
            "scope": SharingScope.DEMOGRAPHICS,
            "place_detail": PlaceDetail.WARD,
            "min_group_size": 3,
        }
    )
    assert not form.is_valid() and "min_group_size" in form.errors

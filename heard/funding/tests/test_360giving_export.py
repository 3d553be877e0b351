"""Grants to partners in the 360Giving Data Standard: the JSON package validates against the standard's schema
(shipped in tests/data with its licence and provenance, no network), the spreadsheet has the standard's titles."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.funding import actions, threesixty
from heard.funding.models import Allocation
from heard.partners.models import OrganisationKind

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


# jsonschema checks "date-time" only with an optional library; the standard's dates are "YYYY-MM-DD or a full
# date-time" (oneOf), which needs a real check to tell the two apart, as 360Giving's own validator does.
FORMATS = jsonschema.FormatChecker()
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(RFC3339.match(value))


FORMATS.checks("date-time")(_date_time)


def validator() -> jsonschema.Draft202012Validator:
    package = json.loads((DATA / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    grant = json.loads((DATA / "360-giving-schema.json").read_text(encoding="utf-8"))
    # The files say draft 2020-12 with http:, which the library does not know by that name: it is read as 2020-12.
    # The package refers to the grant schema by its published address; the shipped copy answers for it.
    grant_url = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resources(
        [(grant_url, DRAFT202012.create_resource(grant)), (grant["$id"], DRAFT202012.create_resource(grant))]
    )
    return jsonschema.Draft202012Validator(package, registry=registry, format_checker=FORMATS)


@pytest.fixture
def allocations(settings):
    settings.HEARD_360GIVING_PREFIX = "360G-islingtonhw-"
    make_organisation(name="Healthwatch Islington", slug="hwi", kind=OrganisationKind.HOST)
    circle = make_organisation(name="=Somali Women's Circle", slug="circle", postcode="N7 6PA")
    club = make_organisation(name="Turkish Elders Club", slug="elders")
    project = make_project(slug="voices", name="Voices", partners=[circle, club], ends_on=datetime.date(2026, 12, 31))
    for organisation, amount in ((circle, "11625.00"), (club, "9300.50")):
        actions.award_allocation(
            actor=None,
            project=project,
            organisation=organisation,
            amount=amount,
            first_payment_on=datetime.date(2026, 2, 1),
        )
    return Allocation.objects.all()


def test_the_json_package_validates_against_the_360giving_schema(allocations) -> None:
    package = threesixty.package(allocations)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(package)]
    assert errors == []
    assert [g["id"] for g in package["grants"]] == ["360G-islingtonhw-voices-circle", "360G-islingtonhw-voices-elders"]
    assert [g["amountAwarded"] for g in package["grants"]] == [11625, 9300.5]
    assert package["grants"][0]["fundingOrganization"] == [
        {"id": "360G-islingtonhw-org-hwi", "name": "Healthwatch Islington"}
    ]


def test_the_check_would_catch_a_grant_the_standard_refuses(allocations) -> None:
    package = threesixty.package(allocations)
    del package["grants"][0]["recipientOrganization"]
    package["grants"][1]["currency"] = "pounds"
    assert len(list(validator().iter_errors(package))) >= 2


def test_a_partner_with_a_charity_or_company_number_gets_the_standard_org_id(allocations) -> None:
    circle, elders = [a.organisation for a in allocations.order_by("organisation__slug")]
    circle.charity_number = "1123456"  # the partner register's field, when it has one
    elders.company_number = "07654321"
    assert threesixty.org_id(circle) == "GB-CHC-1123456"
    assert threesixty.org_id(elders) == "GB-COH-07654321"
    assert threesixty.org_id(make_organisation(slug="new-group")) == "360G-islingtonhw-org-new-group"


def _csv(content: bytes) -> list[dict[str, Any]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_spreadsheets_use_the_standards_column_titles_and_neutralise_formulas(client, allocations) -> None:
    client.force_login(make_user(role=Role.HOST_STAFF))
    rows = _csv(client.get("/funding/grants-360giving.csv").content)
    assert list(rows[0])[:6] == ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date"]
    assert rows[0]["Recipient Org:Name"] == "'=Somali Women's Circle"
    assert rows[0]["Recipient Org:Postal Code"] == "N7 6PA"
    assert rows[1]["Amount Awarded"] == "9300.5"
    book = load_workbook(io.BytesIO(client.get("/funding/grants-360giving.xlsx").content))
    sheet = book["grants"]
    assert sheet["A1"].value == "Identifier" and sheet["E3"].value == 9300.5


def test_only_host_staff_can_download_the_grants(client, allocations) -> None:
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=allocations.first().organisation))
    assert client.get("/funding/grants-360giving.json").status_code == 403


def test_the_json_download_is_the_package(client, allocations) -> None:
    client.force_login(make_user(role=Role.HOST_STAFF))
    package = json.loads(client.get("/funding/grants-360giving.json").content)
    assert list(validator().iter_errors(package)) == []
    assert len(package["grants"]) == 2

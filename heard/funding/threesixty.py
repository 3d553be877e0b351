"""Grants to partners in the 360Giving Data Standard: a JSON package and a spreadsheet with the standard's column
titles (https://standard.threesixtygiving.org). Each allocation is one grant from the host to a partner.

Identifiers: grants are `<HEARD_360GIVING_PREFIX><project>-<partner>`; a partner is `GB-CHC-<number>` when its
charity number is known, `GB-COH-<number>` for a company number, else `<prefix>org-<slug>`. Recompense to residents
is never a grant here: it would be a grant to individuals, and no export identifies a resident.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from heard.funding.models import Allocation
from heard.partners.models import Organisation

STANDARD_VERSION = "1.4"
# (column title, path in a grant); the spreadsheet uses the standard's titles so 360Giving's tools read it as is.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", "startDate")),
    ("Planned Dates:End Date", ("plannedDates", "endDate")),
    ("Recipient Org:Identifier", ("recipientOrganization", "id")),
    ("Recipient Org:Name", ("recipientOrganization", "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", "companyNumber")),
    ("Recipient Org:Postal Code", ("recipientOrganization", "postalCode")),
    ("Funding Org:Identifier", ("fundingOrganization", "id")),
    ("Funding Org:Name", ("fundingOrganization", "name")),
    ("Grant Programme:Title", ("grantProgramme", "title")),
    ("Last Modified", ("dateModified",)),
]


def prefix() -> str:
    return str(getattr(settings, "HEARD_360GIVING_PREFIX", "360G-heard-"))


def _number(organisation: Organisation, name: str) -> str:
    # Charity and company numbers belong to the partner register; until it has them, there are none to give.
    return str(getattr(organisation, name, "") or "").strip().replace(" ", "")


def org_id(organisation: Organisation) -> str:
    if charity := _number(organisation, "charity_number"):
        return f"GB-CHC-{charity}"
    if company := _number(organisation, "company_number"):
        return f"GB-COH-{company}"
    return f"{prefix()}org-{organisation.slug}"


def _organisation(organisation: Organisation) -> dict[str, Any]:
    found: dict[str, Any] = {"id": org_id(organisation), "name": organisation.name}
    if charity := _number(organisation, "charity_number"):
        found["charityNumber"] = charity
    if company := _number(organisation, "company_number"):
        found["companyNumber"] = company
    if organisation.postcode:
        found["postalCode"] = organisation.postcode
    return found


def _plain_number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def grant(allocation: Allocation, host: Organisation | None, modified: datetime.datetime) -> dict[str, Any]:
    project = allocation.project
    awarded = allocation.awarded_on or project.starts_on or modified.date()
    funder = _organisation(host) if host else {"id": f"{prefix()}host", "name": "The host"}
    funder.pop("postalCode", None)
    found: dict[str, Any] = {
        "id": f"{prefix()}{project.slug}-{allocation.organisation.slug}",
        "title": f"{project.name}: {allocation.organisation.name}",
        "description": (
            f"{allocation.organisation.name}'s part in {project.name}: hearing from residents and communities "
            "for the local Healthwatch partnership, paid in advance with a holdback released on delivery."
        ),
        "currency": "GBP",
        "amountAwarded": _plain_number(allocation.amount),
        "awardDate": awarded.isoformat(),
        "recipientOrganization": [_organisation(allocation.organisation)],
        "fundingOrganization": [funder],
        "grantProgramme": [{"title": project.name}],
        "dateModified": modified.isoformat(timespec="seconds"),
    }
    if project.starts_on and project.ends_on:
        found["plannedDates"] = [{"startDate": project.starts_on.isoformat(), "endDate": project.ends_on.isoformat()}]
    return found


def grants(allocations: QuerySet[Allocation]) -> list[dict[str, Any]]:
    host = Organisation.objects.host()
    modified = timezone.now().replace(microsecond=0)
    chosen = allocations.filter(amount__gt=0).select_related("project", "organisation")
    return [grant(a, host, modified) for a in chosen.order_by("project__slug", "organisation__slug")]


def package(allocations: QuerySet[Allocation]) -> dict[str, Any]:
    return {"version": STANDARD_VERSION, "grants": grants(allocations)}


def _value(grant: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = grant.get(path[0], "")
    if len(path) > 1:
        value = value[0].get(path[1], "") if value else ""
    return value


def rows(allocations: QuerySet[Allocation]) -> tuple[list[str], list[list[Any]]]:
    """The spreadsheet: one row per grant, the standard's column titles."""
    titles = [title for title, _ in COLUMNS]
    return titles, [[_value(g, path) for _, path in COLUMNS] for g in grants(allocations)]

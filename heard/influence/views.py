from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heard.engagement.access import current_project


def stage(request: HttpRequest) -> HttpResponse:
    from heard.partners.models import Organisation, OrganisationKind

    commissioners = Organisation.objects.filter(kind__in=[OrganisationKind.COMMISSIONER, OrganisationKind.PROVIDER])
    return render(
        request,
        "influence/stage.html",
        {"project": current_project(request), "commissioners": commissioners, "section": "influence"},
    )

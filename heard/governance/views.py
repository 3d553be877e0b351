from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heard.engagement.access import current_project


def stage(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/stage.html", {"project": current_project(request), "section": "learn"})

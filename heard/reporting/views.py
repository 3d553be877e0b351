from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heard.accounts.models import User
from heard.engagement import stats
from heard.engagement.access import current_project
from heard.engagement.scope import aggregate_scope


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def stage(request: HttpRequest) -> HttpResponse:
    """Report: one section per community, with how many were heard and how many consented to be quoted: the same
    protected figures as the project's dashboard."""
    user = _user(request)
    project = current_project(request)
    sections = []
    scope = None
    if project:
        scope = aggregate_scope(user, project)
        dashboard = stats.project_dashboard(scope)
        rows = {row.slug: row for row in dashboard.by_community if row.slug}
        partners: dict[int, set[str]] = {}
        for community_id, name in (
            scope.experiences.exclude(community=None).values_list("community_id", "partner__name").distinct()
        ):
            partners.setdefault(community_id, set()).add(name)
        for community in project.communities.all():
            row = rows.get(community.slug)
            sections.append(
                {
                    "community": community,
                    "heard": row.figure if row else None,
                    "quotable": row.quotable if row else None,
                    "partners": sorted(partners.get(community.pk, set())),
                }
            )
    return render(
        request,
        "reporting/stage.html",
        {"project": project, "sections": sections, "exact": user.is_host, "scope": scope, "section": "report"},
    )

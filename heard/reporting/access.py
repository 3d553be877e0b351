"""Getters for `reporting`'s records: every request fetches them here (404 outside a person's scope).

Who may do what: host staff edit and publish; partner members (of the project) and steering-group members read
the draft (through their own aggregate scope and quotable answers); anyone reads a published version.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.engagement.access import projects_for_user
from heard.reporting.models import (
    ChosenQuote,
    PublishedReport,
    Report,
    ReportRecommendation,
    ReportSection,
    SectionVersion,
)


def can_edit_reports(user: User) -> bool:
    return user.is_host


def _check(user: User, write: bool) -> None:
    if write and not can_edit_reports(user):
        raise PermissionDenied


def get_report_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Report:
    """The report of the project `slug`: 404 when the person cannot see the project or it has no report yet."""
    user = signed_in_user(request)
    try:
        report = Report.objects.select_related("project").get(project__in=projects_for_user(user), project__slug=slug)
    except Report.DoesNotExist:
        raise Http404("No report for this project yet") from None
    _check(user, write)
    return report


def get_section_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> ReportSection:
    user = signed_in_user(request)
    try:
        section = ReportSection.objects.select_related("report__project", "community").get(
            pk=pk, report__project__in=projects_for_user(user)
        )
    except ReportSection.DoesNotExist:
        raise Http404("No such section") from None
    _check(user, write)
    return section


def get_version_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> SectionVersion:
    user = signed_in_user(request)
    try:
        version = SectionVersion.objects.select_related("section__report__project").get(
            pk=pk, section__report__project__in=projects_for_user(user)
        )
    except SectionVersion.DoesNotExist:
        raise Http404("No such version") from None
    _check(user, write)
    return version


def get_quote_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> ChosenQuote:
    user = signed_in_user(request)
    if not can_edit_reports(user):
        raise Http404("No such quote")  # chosen quotes are only ever handled by host staff
    return get_or_404(ChosenQuote.objects.select_related("section__report__project"), "No such quote", pk=pk)


def get_recommendation_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> ReportRecommendation:
    user = signed_in_user(request)
    try:
        recommendation = ReportRecommendation.objects.select_related("report__project", "addressed_to").get(
            pk=pk, report__project__in=projects_for_user(user)
        )
    except ReportRecommendation.DoesNotExist:
        raise Http404("No such recommendation") from None
    _check(user, write)
    return recommendation


def get_published(slug: str) -> PublishedReport:
    """A published version, for anyone (it is public): 404 for a slug that is not one."""
    return get_or_404(PublishedReport.objects.select_related("report__project"), "No such published report", slug=slug)

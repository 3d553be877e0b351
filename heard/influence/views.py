"""The host's pages: the list of recommendations (the Influence stage), one recommendation with its timeline,
making, editing and sending one, links, the bulk update and the board pack. The addressee's pages are in
`public.py`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.params import as_id
from heard.engagement.access import get_project_for_user, projects_for_user
from heard.influence import actions, bulk, listing
from heard.influence.access import (
    get_link_for_user,
    get_recommendation_for_user,
    get_source_for_user,
    recommendations_for_user,
)
from heard.influence.forms import BulkUpdateForm, RecommendationForm, RegulatorForm
from heard.influence.models import RecommendationStatus
from heard.partners.models import Organisation
from heard.reporting.models import Report, ReportRecommendation

BULK_SUFFIXES = (".xlsx", ".csv")
MAX_BULK_BYTES = 5 * 1024 * 1024


def _host_only(user: User) -> None:
    if not user.is_host:
        raise PermissionDenied("Only the host's staff do this.")


def stage(request: HttpRequest) -> HttpResponse:
    """Influence: the host-wide list, filtered by project, status (or overdue) and organisation."""
    user = signed_in_user(request)
    project = get_project_for_user(request, request.GET["project"]) if request.GET.get("project") else None
    status = request.GET.get("status", "")
    organisation_id = as_id(request.GET.get("organisation"))
    every = recommendations_for_user(user)
    recommendations = listing.filtered(
        every, project_id=project.pk if project else None, status=status, organisation_id=organisation_id
    ).order_by("-sent_on", "-id")
    sources: list[ReportRecommendation] = []
    if user.is_host:
        sources = list(
            ReportRecommendation.objects.filter(tracked=None)
            .select_related("report__project", "addressed_to")
            .order_by("report__project__name", "position")[:50]
        )
    return render(
        request,
        "influence/stage.html",
        {
            "recommendations": recommendations[:500],
            "projects": projects_for_user(user).order_by("name"),
            "organisations": Organisation.objects.filter(pk__in=every.values("organisation_id")).order_by("name"),
            "statuses": [*RecommendationStatus.choices, (listing.OVERDUE, "Overdue")],
            "chosen": {"project": project.slug if project else "", "status": status, "organisation": organisation_id},
            "overdue_count": every.filter(listing.overdue_q()).count(),
            "sources": sources,
            "can_edit": user.is_host,
            "section": "influence",
        },
    )


def recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rec = get_recommendation_for_user(request, pk)
    context: dict[str, Any] = {
        "rec": rec,
        "timeline": rec.timeline.select_related("actor"),
        "responses": rec.responses.all(),
        "commitments": rec.commitments.all(),
        "evidence": rec.evidence.all(),
        "themes": rec.themes.all(),
        "communities": rec.communities.all(),
        "can_edit": user.is_host,
        "section": "influence",
    }
    if user.is_host:
        context["links"] = rec.links.select_related("addressee")
        context["regulator_form"] = RegulatorForm()
    return render(request, "influence/recommendation.html", context)


def create(request: HttpRequest) -> HttpResponse:
    """A new recommendation: from one of the report's (`?source=ID`), or from findings (`?project=SLUG`)."""
    user = signed_in_user(request)
    _host_only(user)
    source_id = as_id(request.GET.get("source") or request.POST.get("source"))
    if source_id:
        source = get_source_for_user(request, source_id)
        if request.method == "POST":
            rec = actions.make_from_report(actor=user, source=source)
            messages.success(request, "Made a draft from the report's recommendation. Check it, then send it.")
            return redirect(rec)
        return render(request, "influence/from_source.html", {"source": source, "section": "influence"})
    slug = request.GET.get("project") or request.POST.get("project")
    project = get_project_for_user(request, slug) if slug else None
    if project is None:
        return render(
            request,
            "influence/choose_project.html",
            {"projects": projects_for_user(user).order_by("name"), "section": "influence"},
        )
    findings = _findings(project)
    initial: dict[str, Any] = {}
    finding = as_id(request.GET.get("finding"))
    if finding and finding <= len(findings):
        initial["text"] = findings[finding - 1]
    form = RecommendationForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        rec = actions.make_recommendation(
            actor=user,
            project=project,
            fields={name: form.cleaned_data[name] for name in actions.EDITABLE if name != "organisation_id"}
            | {"organisation_id": form.cleaned_data["organisation"].pk},
            themes=form.cleaned_data["themes"],
            communities=form.cleaned_data["communities"],
        )
        messages.success(request, "Recommendation saved as a draft.")
        return redirect(rec)
    return render(
        request,
        "influence/form.html",
        {"form": form, "project": project, "findings": findings, "section": "influence"},
    )


def _findings(project: Any) -> list[str]:
    report = Report.objects.filter(project=project).first()
    published = report.latest_published if report else None
    return [str(f) for f in (published.findings if published else [])][:50]


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rec = get_recommendation_for_user(request, pk, write=True)
    form = RecommendationForm(request.POST or None, instance=rec, project=rec.project)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in actions.EDITABLE if name != "organisation_id"}
        fields["organisation_id"] = form.cleaned_data["organisation"].pk
        rec.refresh_from_db()  # the form changed the instance; the action records before and after
        actions.edit_recommendation(
            actor=user,
            rec=rec,
            fields=fields,
            themes=form.cleaned_data["themes"],
            communities=form.cleaned_data["communities"],
        )
        messages.success(request, "Changes saved.")
        return redirect(rec)
    return render(
        request, "influence/form.html", {"form": form, "rec": rec, "project": rec.project, "section": "influence"}
    )


@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, write=True)
    try:
        actions.send_recommendation(actor=signed_in_user(request), rec=rec)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Sent to {rec.addressee_name or rec.addressee_email}. A response is due by {rec.due_on:%-d %B %Y}.",
        )
    return redirect(rec)


@require_POST
def new_link(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, write=True)
    try:
        actions.send_new_link(actor=signed_in_user(request), rec=rec)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "A new link was sent; the old one no longer works.")
    return redirect(rec)


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_link_for_user(request, pk)
    actions.revoke_link(actor=signed_in_user(request), link=link)
    messages.success(request, "The link no longer works.")
    return redirect(link.recommendation)


@require_POST
def regulator(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, write=True)
    form = RegulatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the day it was escalated and to whom, and why.")
        return redirect(rec)
    actions.record_regulator_escalation(
        actor=signed_in_user(request), rec=rec, on=form.cleaned_data["on"], note=form.cleaned_data["note"]
    )
    messages.success(request, "Escalation to the regulator recorded.")
    return redirect(rec)


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list for a bulk update, as .xlsx or .csv (host staff)."""
    user = signed_in_user(request)
    _host_only(user)
    if fmt not in ("xlsx", "csv"):
        raise Http404("Export as .xlsx or .csv")
    recommendations = recommendations_for_user(user).order_by("id")
    if fmt == "xlsx":
        response = HttpResponse(
            bulk.xlsx_bytes(recommendations),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(bulk.csv_text(recommendations), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recommendations.{fmt}"'
    return response


def bulk_update(request: HttpRequest) -> HttpResponse:
    """Reads an edited export back: every row checked, all or nothing."""
    user = signed_in_user(request)
    _host_only(user)
    form = BulkUpdateForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in BULK_SUFFIXES:
            problems = [
                f"{upload.name}: send the .xlsx or .csv you exported, not a '{suffix or 'file with no extension'}'."
            ]
        elif upload.size > MAX_BULK_BYTES:
            problems = [f"{upload.name}: the file is larger than 5 MB; the list is much smaller. Export it again."]
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                checked = bulk.check(path, recommendations_for_user(user))
            problems = [p.replace(path.name, upload.name or path.name) for p in checked.problems]
            if not problems:
                name = upload.name or "upload"
                changed = actions.apply_spreadsheet(actor=user, changes=checked.changes, file_name=name)
                messages.success(request, f"{len(checked.changes)} row(s) read; {changed} recommendation(s) changed.")
                return redirect("influence:stage")
    return render(
        request,
        "influence/bulk.html",
        {"form": form, "problems": problems, "section": "influence"},
        status=400 if problems else 200,
    )


def _board_pack(request: HttpRequest) -> Any:
    from heard.engagement.scope import aggregate_scope
    from heard.influence import boardpack
    from heard.influence.listing import Scopes

    user = signed_in_user(request)
    host = Organisation.objects.host()
    scopes = Scopes(lambda project: aggregate_scope(user, project))
    return boardpack.build(recommendations_for_user(user), scopes=scopes, host=host.name if host else "")


def board_pack(request: HttpRequest) -> HttpResponse:
    """The board pack as a web page (print it, or take the PDF or the HTML file)."""
    from django.utils.safestring import mark_safe

    from heard.lib.documents.html import render_fragment

    article = mark_safe(render_fragment(_board_pack(request)))  # noqa: S308 (the renderer escapes every text)
    return render(request, "influence/board_pack.html", {"article": article, "section": "influence"})


def board_pack_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The board pack as a PDF or one self-contained HTML file, the same renderers as the report."""
    from heard.lib.documents import html, pdf

    doc = _board_pack(request)
    if fmt == "pdf":
        response = HttpResponse(pdf.render_pdf(doc), content_type="application/pdf")
    elif fmt == "html":
        response = HttpResponse(html.render_html(doc), content_type="text/html; charset=utf-8")
    else:
        raise Http404("The board pack comes as .pdf or .html")
    response["Content-Disposition"] = f'attachment; filename="board-pack.{fmt}"'
    return response

"""Staff and partner pages for residents' verdicts: the results (through the aggregate scope), the links and QR
codes, entering a resident's answers on their behalf, and the Excel route."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.params import as_id
from heard.engagement.access import can_record_in_project, get_project_for_user
from heard.engagement.models import Project
from heard.engagement.scope import aggregate_scope
from heard.influence import actions
from heard.influence.models.verdicts import QUESTIONS, Verdict, VerdictChannel
from heard.influence.verdict_forms import PartnerVerdictForm
from heard.influence.verdict_import import HEADINGS, MAX_PROBLEMS_SHOWN, check_sheet, template_xlsx
from heard.influence.verdict_results import by_community, by_recommendation, sent_recommendations
from heard.partners.models import Organisation

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _recording(request: HttpRequest, slug: str) -> tuple[User, Project]:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not can_record_in_project(user, project):
        raise PermissionDenied
    return user, project


def _partners(user: User, project: Project) -> list[Organisation]:
    partners = Organisation.objects.filter(project_roles__project=project).order_by("name")
    if not user.is_host:
        partners = partners.filter(pk=user.organisation_id or 0)
    return list(partners)


def verdicts(request: HttpRequest, slug: str) -> HttpResponse:
    """The residents' verdicts so far, per community, with the links and QR codes to collect more."""
    import segno

    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    recording = can_record_in_project(user, project)
    scope = aggregate_scope(user, project)
    partners = _partners(user, project) if recording else []
    if request.method == "POST":
        if not recording:
            raise PermissionDenied
        partner = next((p for p in partners if p.pk == as_id(request.POST.get("partner"))), None)
        if partner is None and len(partners) == 1:
            partner = partners[0]
        if partner is None:
            messages.error(request, "Choose the partner whose residents will use the link.")
        else:
            community = project.communities.filter(pk=as_id(request.POST.get("community")) or 0).first()
            recommendation = (
                sent_recommendations(project).filter(pk=as_id(request.POST.get("recommendation")) or 0).first()
            )
            actions.make_verdict_link(
                actor=user, project=project, partner=partner, community=community, recommendation=recommendation
            )
            messages.success(request, "Link made. Print the QR code or share the address.")
        return redirect("influence:verdicts", slug=slug)
    links = []
    if recording:
        shown = project.verdict_links.filter(is_active=True).select_related("partner", "community", "recommendation")
        if not user.is_host:
            shown = shown.filter(partner_id=user.organisation_id or 0)
        for link in shown:
            url = settings.SITE_URL.rstrip("/") + link.get_absolute_url()
            links.append({"link": link, "url": url, "qr": segno.make(url).svg_data_uri(scale=4)})
    return render(
        request,
        "influence/verdicts.html",
        {
            "project": project,
            "results": by_community(scope),
            "by_recommendation": by_recommendation(scope),
            "recommendations": sent_recommendations(project) if recording else [],
            "questions": QUESTIONS,
            "recording": recording,
            "links": links,
            "partners": partners,
            "communities": project.communities.order_by("name"),
            "headings": HEADINGS,
            "section": "influence",
        },
    )


def verdict_enter(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner entering one resident's verdict on their behalf (from paper, a call or a group session)."""
    user, project = _recording(request, slug)
    partners = _partners(user, project)
    communities = list(project.communities.order_by("name"))
    recommendations = list(sent_recommendations(project))
    choices = {
        "partners": [(p.pk, p.name) for p in partners],
        "communities": [(c.pk, c.name) for c in communities],
        "recommendations": [(r.pk, r.title) for r in recommendations],
    }
    if request.method == "POST":
        form = PartnerVerdictForm(request.POST, **choices)
        if form.is_valid():
            data = form.cleaned_data
            verdict = Verdict(
                project=project,
                partner=next(p for p in partners if str(p.pk) == data["partner"]),
                community=next((c for c in communities if str(c.pk) == data["community"]), None),
                recommendation=next((r for r in recommendations if str(r.pk) == data["recommendation"]), None),
                channel=VerdictChannel.PARTNER,
                language="en",
                given_on=data["given_on"],
                **form.answers(),
            )
            actions.record_verdict(actor=user, verdict=verdict)
            messages.success(request, "Verdict saved. Enter the next one, or go back to the results.")
            return redirect("influence:verdict-enter", slug=slug)
    else:
        form = PartnerVerdictForm(**choices)
    return render(request, "influence/verdict_enter.html", {"project": project, "form": form, "section": "influence"})


def verdict_template(request: HttpRequest, slug: str) -> HttpResponse:
    """The sheet to fill in: the headings, and lists of the answers and the project's communities."""
    _, project = _recording(request, slug)
    response = HttpResponse(
        template_xlsx(project), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="verdicts-{project.slug}.xlsx"'
    return response


@require_POST
def verdict_import(request: HttpRequest, slug: str) -> HttpResponse:
    """A sheet of verdicts, checked and imported all or nothing; every problem named by row and column."""
    user, project = _recording(request, slug)
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "400.html", {"message": "Choose a spreadsheet of verdicts to import."}, status=400)
    partners = _partners(user, project)
    partner = next((p for p in partners if p.pk == as_id(request.POST.get("partner"))), None)
    if partner is None and len(partners) == 1:
        partner = partners[0]
    if partner is None:
        return render(request, "400.html", {"message": "Choose the partner who collected these verdicts."}, status=400)
    name = Path(upload.name or "verdicts.xlsx").name
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        problems = [f"{name}: the file is larger than 5 MB. Split it into smaller sheets."]
        return _problems(request, project, name, problems)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower())
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        found, issues = check_sheet(path, project=project, partner=partner, file_name=name)
    if issues:
        return _problems(request, project, name, [str(p) for p in issues])
    count = actions.import_verdicts(actor=user, project=project, partner=partner, verdicts=found, file_name=name)
    messages.success(request, f"{count} verdict{'s' if count != 1 else ''} imported from {name}.")
    return redirect("influence:verdicts", slug=slug)


def _problems(request: HttpRequest, project: Project, name: str, problems: list[str]) -> HttpResponse:
    return render(
        request,
        "influence/verdict_problems.html",
        {
            "project": project,
            "file_name": name,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "more": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "total": len(problems),
            "section": "influence",
        },
        status=400,
    )

"""The Report stage page, the draft as a page, its downloads, and publishing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import current_project, get_project_for_user
from heard.reporting import actions, snapshot
from heard.reporting import render as outputs
from heard.reporting.access import can_edit_reports, get_report_for_user
from heard.reporting.assemble import build_report
from heard.reporting.checks import plain_language_findings
from heard.reporting.evidence import audience_for, gather, overview
from heard.reporting.models import Report


def _download_links(base: str) -> list[tuple[str, str]]:
    return [
        (f"{base}html/", "Web page (HTML, one file)"),
        (f"{base}pdf/", "PDF"),
        (f"{base}docx/", "Word (.docx), to keep editing"),
        (f"{base}easy-read/", "Easy Read (PDF)"),
        (f"{base}plain/", "Summary in plain words (PDF)"),
    ]


def stage(request: HttpRequest) -> HttpResponse:
    """Report: the project's report, its status, sections, plain-language notes, links and files. It never gathers
    the evidence (the draft, the editor and the files do), so it opens at once for a project of any size."""
    user = signed_in_user(request)
    project = current_project(request)
    context: dict[str, Any] = {"project": project, "section": "report", "can_edit": can_edit_reports(user)}
    report = Report.objects.filter(project=project).first() if project else None
    if project is not None and report is not None:
        seen = overview(report, audience_for(user, project))
        context.update(
            report=report,
            sections=seen.sections,
            quote_counts=seen.quote_counts,
            withdrawn=seen.withdrawn if user.is_host else 0,
            language=plain_language_findings(seen.sections) if can_edit_reports(user) else [],
            published=list(report.published_versions.order_by("-number")[:10]),
            downloads=_download_links(f"/report/{project.slug}/download/"),
            scope=seen.audience.scope,
            recommendations=seen.recommendations,
        )
    return render(request, "reporting/stage.html", context)


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not can_edit_reports(user):
        raise PermissionDenied
    actions.start_report(actor=user, project=project)
    messages.success(request, "The report is started: a section for each part and each community.")
    return redirect(f"/report/?project={project.slug}")


def draft(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft as the person may read it: host staff exact with provenance; everyone else protected."""
    user = signed_in_user(request)
    report = get_report_for_user(request, slug)
    doc = build_report(gather(report, audience_for(user, report.project)))
    return render(
        request,
        "reporting/draft.html",
        {"report": report, "project": report.project, "doc": snapshot.to_json(doc), "section": "report"},
    )


def _file(content: outputs.Output) -> HttpResponse:
    response = HttpResponse(content.content, content_type=content.content_type)
    response["Content-Disposition"] = f'attachment; filename="{content.filename}"'
    return response


def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """One file of the draft, for the person asking (their counts and quotes)."""
    user = signed_in_user(request)
    report = get_report_for_user(request, slug)
    if fmt not in outputs.FORMATS:
        raise Http404("No such format: choose HTML, PDF, Word, Easy Read or plain.")
    docs = outputs.documents_for(report, audience_for(user, report.project))
    return _file(outputs.output(docs, fmt, f"{report.project.slug}-report-draft"))


def publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Check, then publish: the plain-language findings first, then what the public version will say."""
    user = signed_in_user(request)
    report = get_report_for_user(request, slug, write=True)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Tick the box to say the report has been checked before publishing.")
            return redirect("reporting:publish", slug=slug)
        documents, found = outputs.public_snapshot(report)
        published = actions.publish(actor=user, report=report, documents=documents, findings=found)
        messages.success(request, f"Published as version {published.number}. Its link will never change.")
        return redirect(published.get_absolute_url())
    documents, found = outputs.public_snapshot(report)
    evidence = gather(report, audience_for(user, report.project))
    return render(
        request,
        "reporting/publish.html",
        {
            "report": report,
            "project": report.project,
            "findings": found,
            "language": plain_language_findings(evidence.sections),
            "withdrawn": evidence.withdrawn,
            "doc": documents["report"],
            "section": "report",
        },
    )

"""Theory-of-change pages: the current version for a project, any version (diagram, elements, indicators with
their values through the reader's aggregate scope), and changes, imports and exports."""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import current_project, get_project_for_user
from heard.engagement.scope import aggregate_scope
from heard.governance import access, change_actions, diagram, indicators, toc_files, trend_charts
from heard.governance.forms import ApprovalForm, ElementForm, ImportForm, IndicatorForm, StartVersionForm
from heard.governance.models import ChangeElement, ElementKind, TheoryOfChange
from heard.lib.tabular import TabularError


def current(request: HttpRequest) -> HttpResponse:
    project = current_project(request)
    user = signed_in_user(request)
    toc = indicators.current_toc(project) if project else None
    if toc is not None:
        return redirect("governance:toc", pk=toc.pk)
    form = StartVersionForm() if project and access.may_change(user) else None
    return render(
        request,
        "governance/toc_none.html",
        {"section": "learn", "project": project, "form": form, "import_form": ImportForm() if form else None},
    )


def _values(request: HttpRequest, toc: TheoryOfChange) -> list[indicators.IndicatorValue]:
    return indicators.project_values(toc, aggregate_scope(signed_in_user(request), toc.project))


def _indicator_form(element: ChangeElement, editable: bool, data: QueryDict | None = None) -> IndicatorForm | None:
    """One form per outcome, each with its own prefix so that no two fields on the page share an id."""
    if not editable or element.kind != ElementKind.OUTCOME:
        return None
    return IndicatorForm(data, prefix=f"outcome-{element.pk}")


def version(request: HttpRequest, pk: int) -> HttpResponse:
    toc = access.get_toc_for_user(request, pk)
    user = signed_in_user(request)
    values = _values(request, toc)
    by_outcome: dict[int, list[indicators.IndicatorValue]] = {}
    for value in values:
        by_outcome.setdefault(value.indicator.outcome_id, []).append(value)
    elements = list(toc.elements.all())
    editable = toc.is_draft and access.may_change(user)
    groups = [
        (label, [(e, by_outcome.get(e.pk, []), _indicator_form(e, editable)) for e in elements if e.kind == kind])
        for kind, label in ElementKind.choices
    ]
    trends = []
    for value in values if user.is_host else []:
        snapshots = indicators.trend(toc.project, value.metric.key)
        if snapshots:
            trends.append((value, snapshots, trend_charts.indicator_chart(value.metric, value.target, snapshots)))
    return render(
        request,
        "governance/toc.html",
        {
            "section": "learn",
            "toc": toc,
            "project": toc.project,
            "diagram": mark_safe(diagram.svg(toc)),  # noqa: S308 (built from escaped text)
            "groups": groups,
            "versions": access.tocs_for_user(user).filter(project=toc.project).order_by("-number"),
            "trends": trends,
            "note": aggregate_scope(user, toc.project).note,
            "editable": editable,
            "may_change": access.may_change(user),
            "element_form": ElementForm() if editable else None,
            "approval_form": ApprovalForm() if editable else None,
            "start_form": StartVersionForm(initial={"bold_challenge": toc.bold_challenge})
            if access.may_change(user)
            else None,
        },
    )


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    if not access.may_change(signed_in_user(request)):
        return render(request, "403.html", status=403)
    form = StartVersionForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", {"message": "Write the bold challenge to start a version."}, status=400)
    toc = change_actions.start_version(actor=signed_in_user(request), project=project, **form.cleaned_data)
    return redirect("governance:toc", pk=toc.pk)


@require_POST
def add_element(request: HttpRequest, pk: int) -> HttpResponse:
    toc = access.get_toc_for_user(request, pk, write=True)
    form = ElementForm(request.POST)
    if not toc.is_draft:
        return render(request, "400.html", {"message": "This version is approved: start a new one."}, status=400)
    if not form.is_valid():
        return render(request, "400.html", {"message": "Choose a type and write the statement."}, status=400)
    change_actions.add_element(actor=signed_in_user(request), toc=toc, **form.cleaned_data)
    return redirect("governance:toc", pk=toc.pk)


@require_POST
def add_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = access.get_outcome_for_user(request, pk, write=True)
    form = _indicator_form(outcome, outcome.toc.is_draft, request.POST)
    if form is None:
        return render(request, "400.html", {"message": "Indicators go on outcomes of a draft version."}, status=400)
    if not form.is_valid():
        return render(request, "400.html", {"message": "Choose an indicator; the target is a number."}, status=400)
    change_actions.add_indicator(actor=signed_in_user(request), outcome=outcome, **form.cleaned_data)
    return redirect("governance:toc", pk=outcome.toc_id)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    toc = access.get_toc_for_user(request, pk, write=True)
    form = ApprovalForm(request.POST)
    if not toc.is_draft:
        return render(request, "400.html", {"message": "This version is approved already."}, status=400)
    if not form.is_valid():
        return render(request, "400.html", {"message": "Say who approved it and when (YYYY-MM-DD)."}, status=400)
    change_actions.approve_version(actor=signed_in_user(request), toc=toc, **form.cleaned_data)
    return redirect("governance:toc", pk=toc.pk)


def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    toc = access.get_toc_for_user(request, pk)
    response = HttpResponse(
        toc_files.export_xlsx(toc, _values(request, toc)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="theory-of-change-{toc.project.slug}-v{toc.number}.xlsx"'
    return response


def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    toc = access.get_toc_for_user(request, pk)
    try:
        renderer = importlib.import_module("heard.lib.documents.pdf")
    except ImportError:
        raise Http404("PDFs are not available yet") from None
    pdf = renderer.render_pdf(toc_files.document(toc, _values(request, toc)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="theory-of-change-{toc.project.slug}-v{toc.number}.pdf"'
    return response


@require_POST
def import_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    if not access.may_change(signed_in_user(request)):
        return render(request, "403.html", status=403)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "400.html", {"message": "Choose a .xlsx file to import."}, status=400)
    upload = form.cleaned_data["file"]
    name = Path(upload.name or "upload.xlsx").name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name if name.lower().endswith(".xlsx") else name + ".xlsx")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            bold_challenge, elements = toc_files.read_xlsx(path)
        except (TabularError, toc_files.ImportProblems) as problem:
            problems = getattr(problem, "problems", [str(problem)])
            return render(
                request,
                "governance/toc_import_problems.html",
                {"section": "learn", "project": project, "problems": problems},
                status=400,
            )
    toc = change_actions.import_version(
        actor=signed_in_user(request), project=project, bold_challenge=bold_challenge, elements=elements, file_name=name
    )
    messages.success(request, f"Imported as version {toc.number} (a draft).")
    return redirect("governance:toc", pk=toc.pk)

"""Returns pages: the template download, the upload form, the preview (problems, additions, changes, removals)
with a Confirm button, progress for big files, and export downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.engagement.access import can_record_in_project, experiences_for_user, get_project_for_user
from heard.engagement.models import Project
from heard.lib import census
from heard.lib.storedfiles import local_path
from heard.lib.tabular import TabularError
from heard.partners.models import Organisation
from heard.returns import actions, progress, tasks
from heard.returns.access import get_upload_for_user, uploads_for_user
from heard.returns.exporting import ExportError, csv_chunks, export_columns, export_rows, json_chunks, write_xlsx
from heard.returns.forms import UploadForm
from heard.returns.highlight import highlighted_copy
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.rowpreview import preview_rows
from heard.returns.template import write_template

# Files smaller than this are imported while the person waits (once checked); bigger ones in the background.
# Every file is checked in the background: the web process never parses an uploaded file before a worker has
# read it within limits (heard/lib/tabular.py `vet`).
SYNC_BYTES = 1024 * 1024


def _own_partner(user: User, project: Project) -> Organisation | None:
    """A partner member's own organisation (when it is in the project); None for host staff."""
    if user.is_host:
        return None
    if user.organisation is not None and project.project_partners.filter(organisation=user.organisation).exists():
        return user.organisation
    raise PermissionDenied


def _writable_project(request: HttpRequest, slug: str) -> Project:
    project = get_project_for_user(request, slug)
    if not can_record_in_project(signed_in_user(request), project):
        raise PermissionDenied
    return project


def project_returns(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = _writable_project(request, slug)
    partner = _own_partner(user, project)
    uploads = uploads_for_user(user).filter(project=project)
    return render(
        request,
        "returns/project_returns.html",
        {
            "project": project,
            "partner": partner,
            "partners": Organisation.objects.filter(project_roles__project=project).order_by("name"),
            "form": UploadForm(user=user, project=project, partner=partner),
            "uploads": uploads[:50],
            "languages": [(c, census.label(census.LANGUAGES, c)) for c in project.languages],
            "section": "hear",
        },
    )


def download_template(request: HttpRequest, slug: str) -> HttpResponseBase:
    user = signed_in_user(request)
    project = _writable_project(request, slug)
    partner = _own_partner(user, project)
    if partner is None:
        partner = Organisation.objects.filter(
            project_roles__project=project, slug=request.GET.get("partner", "")
        ).first()
        if partner is None:
            messages.error(request, "Choose a partner to download their template")
            return redirect("returns:project-returns", slug=project.slug)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    write_template(project, partner, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{project.slug}-{partner.slug}-return.xlsx")


@require_POST
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = _writable_project(request, slug)
    partner = _own_partner(user, project)
    form = UploadForm(request.POST, request.FILES, user=user, project=project, partner=partner)
    if not form.is_valid():
        return render(
            request,
            "returns/project_returns.html",
            {
                "project": project,
                "partner": partner,
                "partners": Organisation.objects.filter(project_roles__project=project).order_by("name"),
                "form": form,
                "uploads": uploads_for_user(user).none(),
                "section": "hear",
            },
            status=400,
        )
    file = form.cleaned_data["file"]
    record = actions.receive_upload(
        actor=user,
        project=project,
        partner=partner or form.cleaned_data["partner"],
        file=file,
        mapping=form.cleaned_data.get("mapping"),
    )
    tasks.check_upload.enqueue(record.pk)
    return redirect("returns:preview", pk=record.pk)


def _import(request: HttpRequest, record: ReturnUpload) -> None:
    """Imports a small file now, or queues a big one for the worker."""
    if record.file.size < SYNC_BYTES:
        if actions.import_upload(record, actor=signed_in_user(request)):
            messages.success(request, f"{record.file_name} imported")
        else:
            messages.error(request, "The file changed since you checked it: look at the new preview first")
    else:
        actions.queue_import(actor=signed_in_user(request), upload=record)
        tasks.import_upload.enqueue(record.pk, signed_in_user(request).pk)


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    record = progress.show(get_upload_for_user(request, pk))
    targets: list[tuple[str, str]] = []
    if record.unmapped and record.file:
        from heard.returns.columns import return_columns

        targets = [(c.code, c.label) for c in return_columns(record.project, record.partner)]
    return render(
        request,
        "returns/preview.html",
        {
            "upload": record,
            "project": record.project,
            "summary": record.summary,
            "section": "hear",
            "targets": targets,
            "nothing_to_change": _nothing_to_change(record),
            "rows": preview_rows(record, signed_in_user(request)),
        },
    )


def upload_progress(request: HttpRequest, pk: int) -> HttpResponse:
    record = progress.show(get_upload_for_user(request, pk))
    response = render(request, "returns/_progress.html", {"upload": record})
    if not record.is_running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_upload_for_user(request, pk, write=True)
    if record.status != UploadStatus.READY:
        messages.error(request, NOT_READY.get(record.status, NOT_READY[UploadStatus.PROBLEMS]))
        return redirect("returns:preview", pk=record.pk)
    if _nothing_to_change(record):
        messages.info(request, "Nothing to change: every row of this file is already in Heard")
        return redirect("returns:preview", pk=record.pk)
    _import(request, record)
    return redirect("returns:preview", pk=record.pk)


def _nothing_to_change(record: ReturnUpload) -> bool:
    """A checked file whose every row Heard already holds as it is (a file uploaded again unchanged)."""
    summary = record.summary or {}
    return "added" in summary and not any(summary.get(key) for key in ("added", "changed", "removed", "new_activities"))


NOT_READY: dict[str, str] = {
    UploadStatus.PROBLEMS: "This file cannot be imported yet: fix the problems and upload it again",
    UploadStatus.FAILED: "Work on this file stopped before it finished, so nothing was saved: choose “Try again”",
    UploadStatus.IMPORTED: "This file has already been imported",
    UploadStatus.UPLOADED: "This file is still being checked",
    UploadStatus.CHECKING: "This file is still being checked",
    UploadStatus.IMPORTING: "This file is already being imported",
}


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Try again" on a failed upload: import it again if its check was clean, else check it again."""
    record = get_upload_for_user(request, pk, write=True)
    if not actions.retry_upload(record, actor=signed_in_user(request)):
        messages.error(request, "This file cannot be tried again: upload it again")
    elif record.status == UploadStatus.READY:
        _import(request, record)
    else:
        tasks.check_upload.enqueue(record.pk)
    return redirect("returns:preview", pk=record.pk)


def problems_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    record = get_upload_for_user(request, pk)
    if not record.problems or not record.file:
        raise Http404("No problems to show")
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    try:
        with local_path(record.file) as path:
            highlighted_copy(path, record.problems, handle, sheet=record.sheet or None)
    except TabularError as error:
        handle.close()
        messages.error(request, str(error).replace(Path(record.file.name or "").name, record.file_name))
        return redirect("returns:preview", pk=record.pk)
    handle.seek(0)
    stem = Path(record.file_name).stem
    return FileResponse(handle, as_attachment=True, filename=f"{stem}-problems.xlsx")


def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if fmt not in ("csv", "json", "xlsx"):
        raise Http404("No such format")
    if not user.can_see_individual_records:
        raise PermissionDenied
    language = request.GET.get("language", "")
    if language not in dict(census.LANGUAGES):
        language = ""
    experiences = experiences_for_user(user).filter(project=project)
    columns = export_columns(project, language)
    rows = export_rows(experiences, columns)
    actions.note_export(
        actor=user,
        project=project,
        organisation=None if user.is_host else user.organisation,
        summary=f"Exported as {fmt}",
    )
    name = f"{project.slug}-records.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(columns, rows, bom=True), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(json_chunks(columns, rows), content_type="application/json")
    else:
        handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        try:
            write_xlsx(columns, rows, handle.name)
        except ExportError as error:
            handle.close()
            messages.error(request, str(error))
            return redirect("returns:project-returns", slug=project.slug)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=name)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def map_columns(request: HttpRequest, pk: int) -> HttpResponse:
    """The column-mapping step for a file that is not a Heard template: the person says what each column Heard
    could not recognise is (or that it should be left out), names the mapping so it is remembered for the next
    file, and the file is checked again."""
    from django.utils.text import slugify

    from heard.returns.columns import return_columns

    user = signed_in_user(request)
    record = get_upload_for_user(request, pk, write=True)
    if not record.file:
        raise PermissionDenied
    valid = {c.code for c in return_columns(record.project, record.partner)}
    chosen: dict[str, str] = {}
    missing = []
    for index, header in enumerate(record.unmapped):
        value = request.POST.get(f"column-{index}", None)
        if value is None or (value and value not in valid):
            missing.append(header)
        else:
            chosen[header] = value  # "" means: leave this column out on purpose
    name = slugify(request.POST.get("name", ""))[:80]
    if missing or not name:
        messages.error(request, "Say what every column is (or leave it out), and give the mapping a name.")
        return redirect("returns:preview", pk=record.pk)
    shared = user.is_host and request.POST.get("shared") == "1"
    actions.save_column_mapping(actor=user, upload=record, name=name, chosen=chosen, shared=shared)
    tasks.check_upload.enqueue(record.pk)
    return redirect("returns:preview", pk=record.pk)


def _sharing_project(request: HttpRequest, slug: str) -> Project:
    if not signed_in_user(request).is_host:
        raise PermissionDenied
    return get_project_for_user(request, slug)


def shared_export_page(request: HttpRequest, slug: str) -> HttpResponse:
    """What an export for sharing will carry, after the re-identification check, with its downloads."""
    from django.utils import timezone

    from heard.returns.sharing import check_export

    project = _sharing_project(request, slug)
    check = check_export(project, today=timezone.localdate())
    return render(
        request,
        "returns/shared_export.html",
        {"project": project, "check": check, "notes": check.notes(), "section": "partners"},
    )


def shared_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """A project's records for sharing outside the host, as each partner's agreement allows (host staff only)."""
    from django.utils import timezone

    from heard.returns.sharing import sharing_export

    user = signed_in_user(request)
    project = _sharing_project(request, slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    shared = sharing_export(project, today=timezone.localdate())
    actions.note_export(
        actor=user,
        project=project,
        summary=f"Exported {shared.count} records for sharing outside the host ({fmt}); "
        f"{shared.check.withheld} withheld by the re-identification check",
    )
    filename = f"{project.slug}-for-sharing.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_chunks(shared.columns, shared.rows, bom=True), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    write_xlsx(shared.columns, shared.rows, handle.name, notes=shared.notes)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename)

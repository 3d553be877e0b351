"""Partnership agreements: the host's template, each partner's versions, Word and PDF, and signed copies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import get_project_for_user
from heard.funding import actions, agreements
from heard.funding.access import (
    agreements_for_user,
    get_agreement_for_user,
    get_partner_in_project,
    get_signed_copy_for_user,
)
from heard.funding.models import Agreement, AgreementTemplate
from heard.funding.partnership_forms import AgreementTemplateForm, SignedCopyForm
from heard.lib.documents.docx import render_docx
from heard.lib.documents.html import render_fragment
from heard.lib.documents.model import Document
from heard.lib.documents.pdf import render_pdf
from heard.partners.models import Organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def current_template() -> AgreementTemplate:
    """The host's template, or (until they first save one) Heard's starting words, unsaved."""
    template = AgreementTemplate.objects.order_by("pk").first()
    return template or AgreementTemplate(name="Partnership agreement", body=agreements.DEFAULT_TEMPLATE)


def agreement_template(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    template = current_template()
    form = AgreementTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        actions.save_agreement_template(actor=user, template=form.save(commit=False))
        messages.success(request, "The agreement template is saved. New versions of agreements use it.")
        return redirect("funding:agreement-template")
    context = {"form": form, "placeholders": agreements.PLACEHOLDERS, "section": "projects"}
    return render(request, "funding/agreement_template.html", context)


def project_agreements(request: HttpRequest, slug: str) -> HttpResponse:
    """Host staff: every partner's agreement versions, and a button to make a new one. A partner: its own."""
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    made = agreements_for_user(user).filter(project=project).prefetch_related("signed_copies")
    partners = Organisation.objects.filter(project_roles__project=project).order_by("name")
    if not user.is_host:
        own = user.organisation_id if user.is_partner_member else None
        partners = partners.filter(pk=own) if own is not None else partners.none()
    rows = [{"organisation": o, "versions": [a for a in made if a.organisation_id == o.pk]} for o in partners]
    return render(request, "funding/project_agreements.html", {"project": project, "rows": rows, "section": "projects"})


@require_POST
def agreement_make(request: HttpRequest, slug: str, organisation: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    partner = get_partner_in_project(project, organisation)
    template = current_template()
    if template.pk is None:
        template = actions.save_agreement_template(actor=user, template=template)
    agreement = actions.make_agreement(actor=user, project=project, organisation=partner, template=template)
    messages.success(request, f"Version {agreement.version} of {partner.name}'s agreement made.")
    return redirect(agreement)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    agreement = get_agreement_for_user(request, pk)
    form = SignedCopyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        actions.attach_signed_copy(
            actor=user,
            agreement=agreement,
            upload=form.cleaned_data["upload"],
            signed_on=form.cleaned_data["signed_on"],
        )
        messages.success(request, "Signed copy attached.")
        return redirect(agreement)
    # the renderer escapes every word of the text; it is safe to put on the page as it is
    html = render_fragment(_document_for(agreement))
    context = {
        "agreement": agreement,
        "document": html,
        "copies": agreement.signed_copies.all(),
        "form": form,
        "section": "projects",
    }
    return render(request, "funding/agreement_detail.html", context)


def _subtitle(agreement: Agreement) -> str:
    return f"{agreement.project.name}: {agreement.organisation.name} (version {agreement.version})"


def _document_for(agreement: Agreement) -> Document:
    host = Organisation.objects.host()
    return agreements.document(
        agreement.title,
        _subtitle(agreement),
        agreement.body,
        author=host.name if host else "",
        footer=f"{agreement.organisation.name}: version {agreement.version}, made {agreement.created_at:%-d %B %Y}",
    )


def _filename(agreement: Agreement, suffix: str) -> str:
    return f"agreement-{agreement.project.slug}-{agreement.organisation.slug}-v{agreement.version}.{suffix}"


def agreement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request, pk)
    response = HttpResponse(render_docx(_document_for(agreement)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(agreement, "docx")}"'
    return response


def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request, pk)
    response = HttpResponse(render_pdf(_document_for(agreement)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(agreement, "pdf")}"'
    return response


def signed_copy_download(request: HttpRequest, pk: int) -> FileResponse:
    copy = get_signed_copy_for_user(request, pk)
    try:
        handle = copy.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is no longer stored") from None
    return FileResponse(handle, as_attachment=True, filename=copy.file_name)

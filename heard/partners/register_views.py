"""The partner register's pages: centres, policies (upload, download, check) and the host's policy templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.partners import actions
from heard.partners.access import (
    get_organisation_for_user,
    get_policy_for_user,
    get_policy_template_for_user,
    policy_templates_for_user,
)
from heard.partners.register_forms import CentreForm, PolicyForm, PolicyTemplateForm


def _download(file: FieldFile, name: str) -> FileResponse:
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is no longer stored") from None
    return FileResponse(handle, as_attachment=True, filename=name)


def centre_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    organisation = get_organisation_for_user(request, slug, write=True)
    form = CentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        centre = form.save(commit=False)
        centre.organisation = organisation
        actions.add_centre(actor=user, centre=centre)
        messages.success(request, f"{centre.name} added. It shows on the map of each project {organisation} is in.")
        return redirect(organisation)
    context = {"form": form, "organisation": organisation, "title": "Add a centre", "section": "partners"}
    return render(request, "partners/register_form.html", context)


def policy_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    organisation = get_organisation_for_user(request, slug, write=True)
    form = PolicyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        policy = form.save(commit=False)
        policy.organisation = organisation
        actions.upload_policy(actor=user, policy=policy, upload=form.cleaned_data["upload"])
        messages.success(request, f"{policy.get_kind_display()} policy added.")
        return redirect(organisation)
    context = {
        "form": form,
        "organisation": organisation,
        "title": "Add a policy",
        "upload": True,
        "section": "partners",
    }
    return render(request, "partners/register_form.html", context)


def policy_download(request: HttpRequest, pk: int) -> FileResponse:
    policy = get_policy_for_user(request, pk)
    return _download(policy.file, policy.file_name)


@require_POST
def policy_check(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    policy = get_policy_for_user(request, pk, write=True)
    actions.check_policy(actor=user, policy=policy)
    messages.success(request, f"{policy.get_kind_display()} policy marked as checked.")
    return redirect(policy.organisation)


def policy_template_list(request: HttpRequest) -> HttpResponse:
    templates = policy_templates_for_user(signed_in_user(request))
    return render(request, "partners/policy_templates.html", {"templates": templates, "section": "partners"})


def policy_template_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    form = PolicyTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        template = actions.share_policy_template(
            actor=user, template=form.save(commit=False), upload=form.cleaned_data["upload"]
        )
        messages.success(request, f"{template.title} shared with every partner.")
        return redirect("partners:policy-templates")
    context = {"form": form, "title": "Share a policy template", "upload": True, "section": "partners"}
    return render(request, "partners/register_form.html", context)


def policy_template_download(request: HttpRequest, pk: int) -> FileResponse:
    template = get_policy_template_for_user(request, pk)
    return _download(template.file, template.file_name)

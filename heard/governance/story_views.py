"""The story of change (a timeline of learning entries, and its public version) and Common Standards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import current_project
from heard.governance import access, actions
from heard.governance.forms import LearningEntryForm, StandardsForm
from heard.governance.models import STANDARDS, StandardsAssessment


def story(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    project = current_project(request)
    form = None
    if access.may_change(user):
        form = LearningEntryForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            entry = form.save(commit=False)
            entry.project = project
            actions.save_learning_entry(actor=user, entry=entry)
            messages.success(request, f"“{entry.title}” added to the story of change.")
            return redirect("governance:story")
    elif request.method == "POST":
        return render(request, "403.html", status=403)
    return render(
        request,
        "governance/story.html",
        {
            "section": "learn",
            "project": project,
            "entries": access.entries_for_user(user).prefetch_related("outcomes"),
            "form": form,
            "may_change": access.may_change(user),
        },
    )


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_user(request, pk, write=True)
    make_public = request.POST.get("publish", "yes") != "no"
    actions.publish_learning_entry(actor=signed_in_user(request), entry=entry, publish=make_public)
    messages.success(
        request, "Published on the public story of change." if make_public else "Taken off the public page."
    )
    return redirect("governance:story")


@login_not_required
def public_story(request: HttpRequest) -> HttpResponse:
    return render(
        request, "governance/public_story.html", {"entries": access.published_entries().select_related("project")}
    )


@login_not_required
def public_entry(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "governance/public_entry.html", {"entry": access.get_published_entry(pk)})


def standards(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    project = current_project(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    form = StandardsForm(request.POST or None) if access.may_change(user) and project else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid() and project is not None:
            data = form.cleaned_data
            ratings = {
                key: (data[f"{key}_rating"], data[f"{key}_evidence"], data[f"{key}_actions"]) for key, _ in STANDARDS
            }
            actions.assess_standards(actor=user, project=project, assessed_on=data["assessed_on"], ratings=ratings)
            messages.success(request, "Self-assessment saved.")
            return redirect("governance:standards")
    assessments = StandardsAssessment.objects.select_related("project", "activity").prefetch_related("ratings")
    table = []
    for assessment in assessments:
        by_key = {r.standard: r for r in assessment.ratings.all()}
        table.append((assessment, [by_key.get(key) for key, _ in STANDARDS]))
    return render(
        request,
        "governance/standards.html",
        {"section": "learn", "project": project, "standards": STANDARDS, "table": table, "form": form},
    )

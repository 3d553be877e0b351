"""The report's recommendations: structured items, each addressed to an organisation (Influence tracks them)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.reporting import actions
from heard.reporting.access import can_edit_reports, get_recommendation_for_user, get_report_for_user
from heard.reporting.forms import RecommendationForm


def recommendations(request: HttpRequest, slug: str) -> HttpResponse:
    """The list, and a form to add one (host staff)."""
    user = signed_in_user(request)
    report = get_report_for_user(request, slug, write=request.method == "POST")
    form = RecommendationForm(request.POST or None, project=report.project)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.report = report
        actions.save_recommendation(
            actor=user,
            recommendation=item,
            themes=form.cleaned_data["themes"],
            communities=form.cleaned_data["communities"],
        )
        messages.success(request, f"Recommendation “{item.title}” added.")
        return redirect("reporting:recommendations", slug=slug)
    return render(
        request,
        "reporting/recommendations.html",
        {
            "report": report,
            "project": report.project,
            "items": report.recommendations.select_related("addressed_to").prefetch_related("themes", "communities"),
            "form": form,
            "can_edit": can_edit_reports(user),
            "section": "report",
        },
        status=400 if request.method == "POST" else 200,
    )


def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = get_recommendation_for_user(request, pk, write=True)
    form = RecommendationForm(request.POST or None, instance=item, project=item.report.project)
    if request.method == "POST" and form.is_valid():
        actions.save_recommendation(
            actor=user,
            recommendation=form.save(commit=False),
            themes=form.cleaned_data["themes"],
            communities=form.cleaned_data["communities"],
        )
        messages.success(request, "Recommendation saved.")
        return redirect("reporting:recommendations", slug=item.report.project.slug)
    return render(
        request,
        "reporting/recommendation_edit.html",
        {"item": item, "project": item.report.project, "form": form, "section": "report"},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def recommendation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_recommendation_for_user(request, pk, write=True)
    slug = item.report.project.slug
    actions.delete_recommendation(actor=signed_in_user(request), recommendation=item)
    messages.success(request, "Recommendation deleted.")
    return redirect("reporting:recommendations", slug=slug)

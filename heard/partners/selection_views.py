"""Selection: the ranked candidates, the criteria's weights, and the scored checklist for one candidate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.requests import signed_in_user
from heard.partners import actions, duediligence, ranking
from heard.partners.access import assessments_for_user, criteria_for_user, get_organisation_for_user
from heard.partners.register_forms import AssessmentForm, WeightsForm


def selection(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    criteria = list(criteria_for_user(user)) or actions.ensure_criteria()
    ranked = ranking.rank(list(assessments_for_user(user)), criteria)
    context = {"criteria": criteria, "ranked": ranked, "section": "partners"}
    return render(request, "partners/selection.html", context)


def selection_weights(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    criteria = list(criteria_for_user(user)) or actions.ensure_criteria()
    form = WeightsForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        actions.set_weights(actor=user, weights=form.weights())
        messages.success(request, "Weights saved. The ranking uses them now.")
        return redirect("partners:selection")
    context = {"form": form, "title": "Weigh the criteria", "section": "partners"}
    return render(request, "partners/register_form.html", context)


def assessment(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    criteria = list(criteria_for_user(user)) or actions.ensure_criteria()
    organisation = get_organisation_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    existing = assessments_for_user(user).filter(organisation=organisation).first()
    initial: dict[str, object] = {}
    if existing is not None:
        initial = {"notes": existing.notes, "decision": existing.decision}
        for score in existing.scores.all():
            key = next((c.key for c in criteria if c.pk == score.criterion_id), None)
            if key:
                initial[f"score_{key}"] = str(score.score)
                initial[f"note_{key}"] = score.note
    form = AssessmentForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.score_candidate(
            actor=user,
            organisation=organisation,
            scores=form.scores(),
            notes=form.cleaned_data["notes"],
            decision=form.cleaned_data["decision"],
        )
        messages.success(request, f"{organisation.name} scored.")
        return redirect("partners:selection")
    context = {
        "form": form,
        "organisation": organisation,
        "policies": duediligence.policy_states(organisation),
        "lapsed": duediligence.safeguarding_lapsed(organisation),
        "due_diligence": duediligence.due_diligence_complete(organisation),
        "section": "partners",
    }
    return render(request, "partners/assessment_form.html", context)

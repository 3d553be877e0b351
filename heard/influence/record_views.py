"""Host staff record a response that came by e-mail, letter, phone or in a meeting, on the addressee's behalf: the
first one, or a later one (a revised decision) once the recommendation has a response."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.requests import signed_in_user
from heard.influence import actions
from heard.influence.access import get_recommendation_for_user
from heard.influence.models import RecommendationStatus
from heard.influence.record_forms import RecordResponseForm


def record_response(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rec = get_recommendation_for_user(request, pk, write=True)
    if rec.status == RecommendationStatus.DRAFT:
        messages.error(request, "Send the recommendation before recording a response.")
        return redirect(rec)
    earlier = actions.latest_response(rec)
    form = RecordResponseForm(request.POST or None, rec=rec, earlier=earlier)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.record_response(
            actor=user,
            rec=rec,
            decision=data["decision"],
            reasons=data["reasons"],
            received_on=data["received_on"],
            channel=data["channel"],
            name=data["responder_name"],
            actions=[actions.ActionPlan(a, o, d) for a, o, d in form.actions()],
        )
        rec.refresh_from_db()
        messages.success(
            request,
            f"Later response recorded on {data['responder_name']}'s behalf: the recommendation is now "
            f"{rec.get_status_display().lower()}."
            if earlier
            else f"Response recorded on {data['responder_name']}'s behalf.",
        )
        return redirect(rec)
    return render(
        request,
        "influence/record_response.html",
        {"form": form, "rec": rec, "earlier": earlier, "section": "influence"},
    )

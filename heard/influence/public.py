"""The addressee's page, without an account: their link (the token in the address) opens their recommendation
only. They accept, partly accept or decline it with reasons and actions, then report progress and evidence.

An expired, revoked or unknown token is "not found", the same for all three, and every try counts towards a
limit per address (counted in the shared cache), so tokens cannot be guessed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.core import limits
from heard.core.params import as_id
from heard.influence import actions
from heard.influence.access import commitment_for_link, live_link_for_token
from heard.influence.forms import EvidenceForm, ResponseForm
from heard.influence.models import RecommendationStatus, ResponseLink

# Opening the page counts, and so does every answer sent, per address per hour (settings.HEARD_RESPONSE_LINK_LIMIT).
SCOPE = "influence-respond"


def _limit() -> int:
    return int(settings.HEARD_RESPONSE_LINK_LIMIT)


def _link(request: HttpRequest, token: str) -> ResponseLink | HttpResponse:
    if limits.reached(SCOPE, request, limit=_limit()):
        return render(request, "influence/public_busy.html", status=429)
    limits.count(SCOPE, request, window=3600)
    link = live_link_for_token(token)
    if link is None:
        raise Http404("This link is not in use: it may have expired or been replaced.")
    return link


@login_not_required
def respond(request: HttpRequest, token: str) -> HttpResponse:
    found = _link(request, token)
    if isinstance(found, HttpResponse):
        return found
    link = found
    rec = link.recommendation
    answered = rec.status != RecommendationStatus.SENT
    response_form = ResponseForm(
        request.POST if request.method == "POST" and not answered else None,
        initial={"name": link.addressee.name},
    )
    if request.method == "POST" and not answered and response_form.is_valid():
        data = response_form.cleaned_data
        actions.respond(
            link=link,
            decision=data["decision"],
            reasons=data["reasons"],
            name=data["name"],
            actions=[actions.ActionPlan(a, o, d) for a, o, d in response_form.actions()],
        )
        messages.success(request, "Thank you: your response is recorded.")
        return redirect("influence:respond", token=token)
    return _page(
        request,
        token,
        link,
        response_form=response_form,
        evidence_form=EvidenceForm(initial={"name": link.addressee.name}),
    )


@login_not_required
def progress(request: HttpRequest, token: str) -> HttpResponse:
    found = _link(request, token)
    if isinstance(found, HttpResponse):
        return found
    link = found
    if request.method != "POST":
        return redirect("influence:respond", token=token)
    form = EvidenceForm(request.POST, request.FILES)
    if link.recommendation.status == RecommendationStatus.SENT:
        messages.error(request, "Please respond to the recommendation first.")
        return redirect("influence:respond", token=token)
    if form.is_valid():
        data = form.cleaned_data
        actions.report_progress(
            link=link,
            kind=data["kind"],
            text=data["text"],
            url=data["url"],
            file=data["file"] or None,
            name=data["name"],
            commitment=commitment_for_link(link, as_id(request.POST.get("commitment"))),
        )
        messages.success(request, "Thank you: what you told us is recorded.")
        return redirect("influence:respond", token=token)
    return _page(request, token, link, response_form=None, evidence_form=form, status=400)


def _page(
    request: HttpRequest,
    token: str,
    link: ResponseLink,
    *,
    response_form: ResponseForm | None,
    evidence_form: EvidenceForm,
    status: int = 200,
) -> HttpResponse:
    rec = link.recommendation
    answered = rec.status != RecommendationStatus.SENT
    response = render(
        request,
        "influence/respond.html",
        {
            "link": link,
            "rec": rec,
            "token": token,
            "answered": answered,
            "response_form": None if answered else response_form,
            "evidence_form": evidence_form if answered else None,
            "responses": rec.responses.all(),
            "commitments": rec.commitments.all(),
            "evidence": rec.evidence.all(),
            "quotes": rec.quotes.all()[:5],
        },
        status=status,
    )
    # The token is in the address: never sent to another site ("same-origin", not "no-referrer", which makes the
    # browser send "Origin: null" with the form, and Django refuses it as a cross-site post).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.requests import signed_in_user
from heard.core.paging import paginate
from heard.engagement.access import get_experience_for_user, projects_for_user
from heard.privacy import actions
from heard.privacy.access import (
    REVIEWABLE_FIELDS,
    can_manage_consent,
    flags_for_user,
    get_answer_for_redaction_review,
    get_flag_for_user,
)
from heard.privacy.forms import AgreementForm, ConsentForm, FlagDecisionForm
from heard.privacy.models import DataSharingAgreement, ErasureReason, FlagStatus
from heard.privacy.outputs import public_text, redaction_of


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def flag_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_safeguarding_lead:
        raise PermissionDenied
    flags = flags_for_user(user)
    status = request.GET.get("status", FlagStatus.OPEN)
    if status in FlagStatus.values:
        flags = flags.filter(status=status)
    return render(
        request,
        "privacy/flag_list.html",
        {
            "page": paginate(request, flags.order_by("-raised_at")),
            "statuses": FlagStatus.choices,
            "status": status,
            "section": "hear",
        },
    )


def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    flag = get_flag_for_user(request, pk)
    form = FlagDecisionForm(request.POST or None, initial={"status": None, "words": flag.words or None})
    if request.method == "POST" and form.is_valid():
        actions.decide_flag(
            actor=user,
            flag=flag,
            status=form.cleaned_data["status"],
            notes=form.cleaned_data["notes"],
            words=form.cleaned_data["words"],
        )
        messages.success(request, "Your decision is recorded.")
        return redirect("privacy:flag-list")
    if request.method == "GET":
        actions.record_flag_view(viewer=user, flag=flag)
    return render(
        request,
        "privacy/flag_detail.html",
        {
            "flag": flag,
            "answer": flag.answer,
            "form": form,
            "views": flag.views.select_related("viewer")[:20],
            "section": "hear",
        },
    )


def consent(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    experience = get_experience_for_user(request, pk)
    if not can_manage_consent(user, experience):
        raise PermissionDenied
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        project = experience.project
        if action == "erase":
            erasure = actions.erase_experience(actor=user, experience=experience, reason=ErasureReason.REQUEST)
            messages.success(request, f"Record {erasure.reference} was erased.")
            return redirect(project)
        actions.withdraw_consent(
            actor=user,
            experience=experience,
            quote=action in ("quote", "quote_and_contact"),
            contact=action in ("contact", "quote_and_contact"),
        )
        messages.success(request, "Consent withdrawn.")
        return redirect(experience)
    return render(request, "privacy/consent.html", {"experience": experience, "form": form, "section": "hear"})


def agreement_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_agreement(actor=user, agreement=form.save(commit=False))
        messages.success(request, "Agreement recorded.")
        return redirect("privacy:agreement-list")
    agreements = DataSharingAgreement.objects.select_related("organisation")
    from heard.partners.models import Organisation

    without = Organisation.objects.partners().annotate(n=Count("agreements")).filter(n=0).order_by("name")
    return render(
        request,
        "privacy/agreement_list.html",
        {
            "agreements": agreements,
            "form": form,
            "without": without,
            "section": "partners",
            "projects": projects_for_user(user),
        },
    )


def redaction_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Host staff review what redaction hid in one answer, and undo a false one (or restore it)."""
    user = signed_in_user(request)
    answer = get_answer_for_redaction_review(request, pk)
    fields = [f for f in REVIEWABLE_FIELDS if getattr(answer, f)]
    if request.method == "POST":
        # Only the words fields this answer has may be changed; anything else in the form is a bad request.
        field = request.POST.get("field", "text")
        if field not in fields:
            return _bad_request(
                request, "Only what a resident wrote, or its English translation, can be reviewed here."
            )
        index, keep = request.POST.get("span", ""), request.POST.get("keep", "")
        if not (index.isascii() and index.isdigit()) or len(index) > 6 or keep not in ("0", "1"):
            return _bad_request(request, "Choose a hidden detail from the list and press its button.")
        found = redaction_of(answer, field).spans
        if int(index) >= len(found):
            messages.error(request, "That part of the text has changed; look again.")
            return redirect("privacy:redaction-review", pk=pk)
        actions.decide_redaction(actor=user, answer=answer, field=field, span=found[int(index)], keep=keep == "1")
        messages.success(request, "Decision recorded.")
        return redirect("privacy:redaction-review", pk=pk)
    decisions = {(d.field, d.start, d.end): d for d in answer.redaction_decisions.all()}
    reviews = []
    for field in fields:
        redaction = redaction_of(answer, field)
        spans = [
            {"index": i, "span": s, "decision": decisions.get((field, s.start, s.end))}
            for i, s in enumerate(redaction.spans)
        ]
        reviews.append(
            {"field": field, "original": redaction.original, "spans": spans, "public": public_text(answer, field=field)}
        )
    return render(
        request, "privacy/redaction_review.html", {"answer": answer, "reviews": reviews, "section": "understand"}
    )

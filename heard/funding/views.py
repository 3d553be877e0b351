"""A project's funding page (allocations, schedules, budget, recompense), an allocation's page (pay, accept
delivery, move money), and the finance export. Host staff see and do everything; a partner sees its own lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import activities_for_user
from heard.engagement.scope import aggregate_scope
from heard.funding import actions, ledger, spreadsheets
from heard.funding.access import (
    allocations_for_user,
    get_allocation_for_user,
    get_funding_project_for_user,
    get_payment_for_user,
    payments_for_user,
    recompense_for_user,
)
from heard.funding.forms import (
    AcceptForm,
    AllocationForm,
    BudgetLineForm,
    HoldbackForm,
    PaidForm,
    ReallocateForm,
    RecompenseForm,
)
from heard.funding.models import BudgetLine, PaymentKind, PaymentStatus
from heard.lib.money import MoneyError
from heard.partners.duediligence import safeguarding_lapsed_ids
from heard.returns.models import ReturnUpload


def project_funding(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    allocations = list(allocations_for_user(user).filter(project=project).order_by("organisation__name"))
    lines = ledger.project_payments(project, payments_for_user(user))
    rows = []
    # A partner whose Safeguarding policy has lapsed is flagged beside its allocation (the partner register).
    lapsed = safeguarding_lapsed_ids([a.organisation_id for a in allocations])
    for allocation in allocations:
        own = [line for line in lines if line.allocation_id == allocation.pk]
        rows.append(
            {
                "allocation": allocation,
                "lines": own,
                "totals": ledger.totals(allocation, own),
                "lapsed": allocation.organisation_id in lapsed,
            }
        )
    recompense = recompense_for_user(user).filter(activity__project=project)
    scope = aggregate_scope(user, project)
    recompense_rows = [
        {**entry, "residents": scope.figure(entry["residents"])} for entry in ledger.recompense_totals(recompense)
    ]
    budget = BudgetLine.objects.filter(project=project).select_related("organisation") if user.is_host else None
    context: dict[str, Any] = {
        "project": project,
        "rows": rows,
        "holdback": actions.holdback_percent(project),
        "total": sum((a.amount for a in allocations), Decimal("0.00")),
        "budget": budget,
        "budget_total": sum((b.amount for b in budget), Decimal("0.00")) if budget is not None else None,
        "recompense": recompense_rows,
        "recompense_total": sum((r["amount"] for r in recompense_rows), Decimal("0.00")),
        "scope_note": scope.note,
        "section": "projects",
    }
    if user.is_host:
        context["holdback_form"] = HoldbackForm(initial={"holdback_percent": context["holdback"]})
        context["can_change_holdback"] = not allocations
    return render(request, "funding/project_funding.html", context)


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, {"section": "projects", **context})


def award(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    form = AllocationForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = actions.award_allocation(
                actor=user,
                project=project,
                organisation=data["organisation"],
                amount=data["amount"],
                first_payment_on=data["first_payment_on"],
                payments=data["payments"],
                every_months=data["every_months"],
                pot=data["pot"],
            )
        except MoneyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Allocation awarded to {allocation.organisation.name}. Its advance is due on "
                f"{data['first_payment_on']:%-d %B %Y}: record it as paid here when the money goes.",
            )
            return redirect(allocation)
    return _form_page(request, "funding/award.html", {"project": project, "form": form})


@require_POST
def set_holdback(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    form = HoldbackForm(request.POST)
    if form.is_valid():
        try:
            actions.set_holdback(actor=user, project=project, percent=form.cleaned_data["holdback_percent"])
        except MoneyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Holdback set to {form.cleaned_data['holdback_percent']}%.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("funding:project", slug=project.slug)


def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    allocation = get_allocation_for_user(request, pk)
    lines = ledger.project_payments(allocation.project, payments_for_user(user).filter(allocation=allocation))
    today = timezone.localdate()
    context: dict[str, Any] = {
        "allocation": allocation,
        "project": allocation.project,
        "lines": lines,
        "totals": ledger.totals(allocation, lines),
        "held": any(line.kind == PaymentKind.HOLDBACK and line.status == PaymentStatus.WITHHELD for line in lines),
        "section": "projects",
    }
    if user.is_host:
        context["returns"] = ReturnUpload.objects.filter(
            project=allocation.project, partner=allocation.organisation
        ).order_by("-created_at")[:20]
        context["paid_form"] = PaidForm(initial={"paid_on": today})
        context["accept_form"] = AcceptForm(initial={"accepted_on": today})
        context["reallocate_form"] = ReallocateForm(
            initial={"on": today}, project=allocation.project, exclude=allocation.organisation
        )
    return render(request, "funding/allocation_detail.html", context)


@require_POST
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    payment = get_payment_for_user(request, pk, write=True)
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date the payment was made.")
    else:
        try:
            actions.record_payment(actor=user, payment=payment, paid_on=form.cleaned_data["paid_on"])
        except MoneyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Payment of £{payment.amount:,} recorded.")
    return redirect(payment.allocation)


@require_POST
def accept_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    allocation = get_allocation_for_user(request, pk, write=True)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date the delivery was accepted.")
    else:
        try:
            actions.accept_delivery(actor=user, allocation=allocation, accepted_on=form.cleaned_data["accepted_on"])
        except MoneyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Delivery accepted: {allocation.organisation.name}'s holdback is released.")
    return redirect(allocation)


@require_POST
def reallocate(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    allocation = get_allocation_for_user(request, pk, write=True)
    form = ReallocateForm(request.POST, project=allocation.project, exclude=allocation.organisation)
    if not form.is_valid():
        messages.error(request, "Choose the partner to move the money to, and the date.")
    else:
        data = form.cleaned_data
        try:
            actions.reallocate(actor=user, allocation=allocation, to=data["to"], on=data["on"], reason=data["reason"])
        except MoneyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The unpaid money moved to {data['to'].name}.")
    return redirect(allocation)


def budget_line_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    form = BudgetLineForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.add_budget_line(
            actor=user,
            project=project,
            organisation=data["organisation"],
            description=data["description"],
            amount=data["amount"],
        )
        messages.success(request, "Budget line added.")
        return redirect("funding:project", slug=project.slug)
    return _form_page(request, "funding/form.html", {"project": project, "form": form, "title": "Add a budget line"})


def recompense_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Host staff, or a partner for its own activities, record what residents were given: counts, never names."""
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    activities = activities_for_user(user).filter(project=project)
    if not (user.is_host or activities.exists()):
        raise PermissionDenied
    form = RecompenseForm(request.POST or None, activities=activities, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.record_recompense(
            actor=user,
            activity=data["activity"],
            kind=data["kind"],
            amount=data["amount"],
            residents=data["residents"],
            given_on=data["given_on"],
        )
        messages.success(request, "Recompense recorded.")
        return redirect("funding:project", slug=project.slug)
    return _form_page(
        request, "funding/form.html", {"project": project, "form": form, "title": "Record recompense to residents"}
    )


def finance_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Every payment line the person may see: host staff all, a partner its own."""
    if fmt not in spreadsheets.CONTENT_TYPES:
        raise Http404("No such format")
    user = signed_in_user(request)
    project = get_funding_project_for_user(request, slug)
    lines = ledger.project_payments(project, payments_for_user(user))
    rows = [[row[c] for c in ledger.FINANCE_COLUMNS] for row in map(ledger.finance_row, lines)]
    for row in rows:
        row[1] = Decimal(row[1])
    return spreadsheets.response(fmt, f"{project.slug}-payments", "Payments", ledger.FINANCE_COLUMNS, rows)

"""The steering group's members: who they are, their role, organisation, term and declared interests; host staff
add and edit them and end a term."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.governance import access, actions
from heard.governance.group_forms import EndTermForm, MemberForm
from heard.governance.models import SteeringMember


def members(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    form = MemberForm(request.POST or None) if access.may_change(user) else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            member = actions.save_member(actor=user, member=form.save(commit=False))
            messages.success(request, f"{member.name} added to the steering group.")
            return redirect("governance:member", pk=member.pk)
    today = datetime.date.today()
    everyone = list(SteeringMember.objects.select_related("user"))
    current = [m for m in everyone if m.term_ends_on is None or m.term_ends_on >= today]
    return render(
        request,
        "governance/members.html",
        {
            "section": "learn",
            "current": current,
            "former": [m for m in everyone if m not in current],
            "form": form,
        },
    )


def member(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    found = access.get_member_for_user(request, pk, write=request.method == "POST")
    form = MemberForm(request.POST or None, instance=found) if access.may_change(user) else None
    if request.method == "POST" and form is not None and form.is_valid():
        actions.save_member(actor=user, member=form.save(commit=False))
        messages.success(request, f"{found.name}'s details saved.")
        return redirect("governance:member", pk=found.pk)
    return _member_page(request, found, form)


def _member_page(
    request: HttpRequest, found: SteeringMember, form: MemberForm | None, end_form: EndTermForm | None = None
) -> HttpResponse:
    may_change = access.may_change(signed_in_user(request))
    ended = found.term_ends_on is not None and found.term_ends_on < datetime.date.today()
    if end_form is None and may_change and not ended:
        end_form = EndTermForm(initial={"ends_on": datetime.date.today()})
    return render(
        request,
        "governance/member.html",
        {
            "section": "learn",
            "member": found,
            "ended": ended,
            "teams": found.team_memberships.select_related("team"),
            "form": form,
            "end_form": end_form,
        },
    )


@require_POST
def end_term(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_member_for_user(request, pk, write=True)
    form = EndTermForm(request.POST)
    if not form.is_valid():
        return _member_page(request, found, MemberForm(instance=found), form)
    ends_on = form.cleaned_data["ends_on"]
    if found.term_starts_on and ends_on < found.term_starts_on:
        form.add_error("ends_on", "The term cannot end before it started: check the date.")
        return _member_page(request, found, MemberForm(instance=found), form)
    actions.end_term(actor=signed_in_user(request), member=found, on=ends_on)
    messages.success(request, f"{found.name}'s term ends on {ends_on:%-d %B %Y}.")
    return redirect("governance:member", pk=found.pk)

"""Core teams in the browser: a team per issue or project, who was in it when (members join and leave on dates),
and what it decided (entries of the decision log)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.governance import access, actions
from heard.governance.group_forms import JoinTeamForm, LeaveTeamForm, TeamDecisionForm, TeamForm
from heard.governance.models import CoreTeam, Decision


def teams(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    form = TeamForm(request.POST or None) if access.may_change(user) else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            team = actions.save_team(actor=user, team=CoreTeam(**form.cleaned_data))
            messages.success(request, f"The core team “{team.name}” is made: add its members.")
            return redirect("governance:team", pk=team.pk)
    today = datetime.date.today()
    listed = CoreTeam.objects.prefetch_related("memberships__member")
    rows = [(t, [m for m in t.memberships.all() if m.left_on is None or m.left_on >= today]) for t in listed]
    return render(request, "governance/teams.html", {"section": "learn", "rows": rows, "form": form})


def team(request: HttpRequest, pk: int) -> HttpResponse:
    return _team_page(request, access.get_team_for_user(request, pk))


def _team_page(request: HttpRequest, found: CoreTeam, **bound: object) -> HttpResponse:
    may_change = access.may_change(signed_in_user(request))
    current_ids = found.memberships.filter(left_on=None).values("member_id")
    forms: dict[str, object] = {}
    if may_change:
        join = JoinTeamForm()
        join.fields["member"].queryset = join.fields["member"].queryset.exclude(pk__in=current_ids)  # type: ignore[attr-defined]
        forms = {
            "join_form": join,
            "leave_form": LeaveTeamForm(initial={"left_on": datetime.date.today()}),
            "decision_form": TeamDecisionForm(),
        }
    forms.update(bound)
    return render(
        request,
        "governance/team.html",
        {
            "section": "learn",
            "team": found,
            "memberships": found.memberships.select_related("member"),
            "decisions": found.decisions.all(),
            **forms,
        },
    )


@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_team_for_user(request, pk, write=True)
    form = JoinTeamForm(request.POST)
    if not form.is_valid():
        return _team_page(request, found, join_form=form)
    member = form.cleaned_data["member"]
    if found.memberships.filter(member=member, left_on=None).exists():
        form.add_error("member", f"{member.name} is in the team already.")
        return _team_page(request, found, join_form=form)
    actions.join_team(actor=signed_in_user(request), team=found, member=member, on=form.cleaned_data["joined_on"])
    messages.success(request, f"{member.name} joined the team.")
    return redirect("governance:team", pk=found.pk)


@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership_for_user(request, pk, write=True)
    form = LeaveTeamForm(request.POST)
    if form.is_valid() and form.cleaned_data["left_on"] < membership.joined_on:
        form.add_error("left_on", "They cannot leave before they joined: check the date.")
    if not form.is_valid() or membership.left_on is not None:
        return _team_page(request, membership.team, leave_form=form)
    actions.leave_team(actor=signed_in_user(request), membership=membership, on=form.cleaned_data["left_on"])
    messages.success(request, f"{membership.member.name} left the team.")
    return redirect("governance:team", pk=membership.team_id)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_team_for_user(request, pk, write=True)
    form = TeamDecisionForm(request.POST)
    if not form.is_valid():
        return _team_page(request, found, decision_form=form)
    actions.record_decision(actor=signed_in_user(request), decision=Decision(team=found, **form.cleaned_data))
    messages.success(request, "The decision is in the decision log.")
    return redirect("governance:team", pk=found.pk)

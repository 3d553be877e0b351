"""The Learn stage page, the charter, meetings with the decision log, and core teams."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.engagement.access import current_project
from heard.governance import access, actions, indicators, pulse
from heard.governance.forms import (
    ActionItemForm,
    ApprovalForm,
    CharterForm,
    DecisionForm,
    MeetingForm,
    PaperForm,
)
from heard.governance.models import (
    ActionItem,
    CharterVersion,
    CoreTeam,
    Decision,
    Meeting,
    PulseRound,
    ReviewDate,
    SteeringMember,
)


def stage(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    project = current_project(request)
    group = access.sees_group(user)
    toc = indicators.current_toc(project) if project else None
    context = {
        "project": project,
        "section": "learn",
        "sees_group": group,
        "may_change": access.may_change(user),
        "charter": CharterVersion.objects.first() if group else None,
        "meetings": Meeting.objects.all()[:3] if group else [],
        "open_rounds": PulseRound.objects.filter(closed=False) if group else [],
        "latest_results": next(reversed(pulse.trend()), None) if group else None,
        "toc": toc if toc and access.tocs_for_user(user).filter(pk=toc.pk).exists() else None,
        "entries": access.entries_for_user(user)[:5],
        "reviews": ReviewDate.objects.order_by("due_on") if group else [],
        "today": datetime.date.today(),
    }
    return render(request, "governance/stage.html", context)


def charter(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    versions = list(CharterVersion.objects.all())
    form = None
    if access.may_change(user):
        current = versions[0] if versions else None
        initial = {name: getattr(current, name) for name in actions.CHARTER_FIELDS} if current else {}
        form = CharterForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            note = data.pop("change_note")
            version = actions.write_charter(actor=user, change_note=note, **data)
            messages.success(request, f"Version {version.number} of the charter saved: it needs approving.")
            return redirect("governance:charter-version", pk=version.pk)
    elif request.method == "POST":
        return render(request, "403.html", status=403)
    return render(
        request,
        "governance/charter.html",
        {"section": "learn", "versions": versions, "current": versions[0] if versions else None, "form": form},
    )


def charter_version(request: HttpRequest, pk: int) -> HttpResponse:
    version = access.get_charter_version_for_user(request, pk)
    form = (
        ApprovalForm(initial={"approved_on": datetime.date.today()})
        if access.may_change(signed_in_user(request))
        else None
    )
    return render(request, "governance/charter_version.html", {"section": "learn", "version": version, "form": form})


@require_POST
def approve_charter(request: HttpRequest, pk: int) -> HttpResponse:
    version = access.get_charter_version_for_user(request, pk, write=True)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return render(
            request, "governance/charter_version.html", {"section": "learn", "version": version, "form": form}
        )
    actions.approve_charter(actor=signed_in_user(request), version=version, **form.cleaned_data)
    messages.success(request, f"Version {version.number} of the charter approved.")
    return redirect("governance:charter-version", pk=version.pk)


def meetings(request: HttpRequest) -> HttpResponse:
    """Meetings, and the decision log (searchable)."""
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    form = MeetingForm(request.POST or None) if access.may_change(user) else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            created = actions.save_meeting(actor=user, meeting=Meeting(**form.cleaned_data))
            return redirect("governance:meeting", pk=created.pk)
    query = request.GET.get("q", "").strip()[:200]
    decisions = Decision.objects.select_related("meeting", "team")
    if query:
        decisions = decisions.filter(Q(text__icontains=query) | Q(rationale__icontains=query))
    return render(
        request,
        "governance/meetings.html",
        {
            "section": "learn",
            "meetings": Meeting.objects.all(),
            "decisions": decisions[:200],
            "query": query,
            "members": SteeringMember.objects.all(),
            "teams": CoreTeam.objects.prefetch_related("memberships__member", "decisions"),
            "form": form,
        },
    )


def _meeting_forms(request: HttpRequest) -> dict[str, object]:
    if not access.may_change(signed_in_user(request)):
        return {}
    return {"decision_form": DecisionForm(), "action_form": ActionItemForm(), "paper_form": PaperForm()}


@require_POST
def meeting_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Adds a decision, an action or a paper to a meeting (host staff)."""
    if what not in ("decision", "action", "paper"):
        raise Http404("Nothing to add")
    item = access.get_meeting_for_user(request, pk, write=True)
    user = signed_in_user(request)
    if what == "decision":
        decision_form = DecisionForm(request.POST)
        if decision_form.is_valid():
            actions.record_decision(
                actor=user, decision=Decision(meeting=item, decided_on=item.held_on, **decision_form.cleaned_data)
            )
            return redirect("governance:meeting", pk=item.pk)
    elif what == "action":
        action_form = ActionItemForm(request.POST)
        if action_form.is_valid():
            data = action_form.cleaned_data
            actions.save_action_item(
                actor=user,
                item=ActionItem(meeting=item, text=data["action"], owner=data["owner"], due_on=data["due_on"]),
            )
            return redirect("governance:meeting", pk=item.pk)
    else:
        paper_form = PaperForm(request.POST, request.FILES)
        if paper_form.is_valid():
            actions.add_paper(
                actor=user,
                meeting=item,
                title=paper_form.cleaned_data["paper_title"],
                upload=paper_form.cleaned_data["paper"],
            )
            return redirect("governance:meeting", pk=item.pk)
    return render(request, "400.html", {"message": "Fill in the required fields and try again."}, status=400)


def paper(request: HttpRequest, pk: int) -> FileResponse:
    found = access.get_paper_for_user(request, pk)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The paper's file is missing") from None
    return FileResponse(handle, as_attachment=True, filename=(found.file.name or "paper").rsplit("/", 1)[-1])


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_meeting_for_user(request, pk)
    # Shown at the meeting: the latest temperature check that closed by then.
    shown = PulseRound.objects.filter(closed=True, closes_on__lte=item.held_on).order_by("-closes_on").first()
    return render(
        request,
        "governance/meeting.html",
        {
            "section": "learn",
            "meeting": item,
            "results": pulse.results(shown) if shown else None,
            "shown_round": shown,
            **_meeting_forms(request),
        },
    )

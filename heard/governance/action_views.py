"""Meeting actions across meetings: one list (mine or all, overdue first), and changing an action's status, owner
and due date after the meeting (host staff, or the action's owner)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.governance import access, actions
from heard.governance.group_forms import ActionUpdateForm
from heard.governance.models import ActionItem, ActionStatus

STILL_TO_DO = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def _mine(user: User) -> Q:
    """The actions whose owner is the person: by their name as a member, or the name on their account."""
    names = {user.get_full_name().strip(), user.get_username()}
    member = access.member_of(user)
    if member is not None:
        names.add(member.name)
    query = Q(pk__in=[])
    for name in filter(None, names):
        query |= Q(owner__iexact=name)
    return query


def is_overdue(item: ActionItem, today: datetime.date) -> bool:
    return item.status in STILL_TO_DO and item.due_on is not None and item.due_on < today


def in_order(items: list[ActionItem], today: datetime.date) -> list[ActionItem]:
    """Overdue first (the longest overdue first), then the rest still to do by due date (no date last), then
    done and dropped ones, the latest first."""

    def key(item: ActionItem) -> tuple[int, int]:
        due = item.due_on.toordinal() if item.due_on else 10**7
        if is_overdue(item, today):
            return (0, due)
        if item.status in STILL_TO_DO:
            return (1, due)
        return (2, -due)

    return sorted(items, key=key)


def action_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    whose = "all" if request.GET.get("whose") == "all" else "mine"
    items = ActionItem.objects.select_related("meeting")
    if whose == "mine":
        items = items.filter(_mine(user))
    today = datetime.date.today()
    rows = [(item, is_overdue(item, today)) for item in in_order(list(items), today)]
    return render(
        request,
        "governance/actions.html",
        {"section": "learn", "rows": rows, "whose": whose, "overdue": sum(o for _, o in rows)},
    )


def may_update(user: User, item: ActionItem) -> bool:
    return access.may_change(user) or ActionItem.objects.filter(_mine(user), pk=item.pk).exists()


def action_item(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = access.get_action_for_user(request, pk)
    allowed = may_update(user, item)
    if request.method == "POST" and not allowed:
        return render(request, "403.html", status=403)
    form = ActionUpdateForm(request.POST or None, instance=item) if allowed else None
    if request.method == "POST" and form is not None and form.is_valid():
        actions.save_action_item(actor=user, item=form.save(commit=False))
        messages.success(request, "The action is updated.")
        return redirect("governance:action", pk=item.pk)
    return render(
        request,
        "governance/action.html",
        {"section": "learn", "item": item, "form": form, "overdue": is_overdue(item, datetime.date.today())},
    )

"""The review rhythm in the browser: each subject's (the charter, the theory of change, the governance structure)
next review date, set or changed by host staff, and each review recorded with what changed."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.governance import access, actions
from heard.governance.group_forms import ReviewDateForm, ReviewForm
from heard.governance.models import Review, ReviewDate, ReviewSubject


def _subjects(may_change: bool, bound: dict[str, ReviewDateForm | ReviewForm] | None = None) -> list[dict[str, object]]:
    dates = {d.subject: d for d in ReviewDate.objects.all()}
    done = list(Review.objects.select_related("reviewed_by"))
    bound = bound or {}
    subjects: list[dict[str, object]] = []
    for value, label in ReviewSubject.choices:
        due = dates.get(value)
        subjects.append(
            {
                "value": value,
                "label": label,
                "due": due,
                "reviews": [r for r in done if r.subject == value],
                "date_form": bound.get(f"date-{value}")
                or (ReviewDateForm(prefix=f"date-{value}", initial={"due_on": due.due_on if due else None}))
                if may_change
                else None,
                "review_form": bound.get(f"review-{value}") or ReviewForm(prefix=f"review-{value}")
                if may_change
                else None,
            }
        )
    return subjects


def _page(request: HttpRequest, bound: dict[str, ReviewDateForm | ReviewForm] | None = None) -> HttpResponse:
    may_change = access.may_change(signed_in_user(request))
    return render(
        request,
        "governance/reviews.html",
        {"section": "learn", "subjects": _subjects(may_change, bound), "today": datetime.date.today()},
        status=200,
    )


def reviews(request: HttpRequest) -> HttpResponse:
    if not access.sees_group(signed_in_user(request)):
        return render(request, "404.html", status=404)
    return _page(request)


def _subject(request: HttpRequest, subject: str) -> str:
    access.require_group_write(request)
    if subject not in ReviewSubject.values:
        raise Http404("Nothing of that name is reviewed")
    return subject


@require_POST
def set_date(request: HttpRequest, subject: str) -> HttpResponse:
    subject = _subject(request, subject)
    form = ReviewDateForm(request.POST, prefix=f"date-{subject}")
    if not form.is_valid():
        return _page(request, {f"date-{subject}": form})
    actions.set_review_date(actor=signed_in_user(request), subject=subject, due_on=form.cleaned_data["due_on"])
    messages.success(
        request, f"{ReviewSubject(subject).label} is next due for review on {form.cleaned_data['due_on']:%-d %B %Y}."
    )
    return redirect("governance:reviews")


@require_POST
def record(request: HttpRequest, subject: str) -> HttpResponse:
    subject = _subject(request, subject)
    form = ReviewForm(request.POST, prefix=f"review-{subject}")
    if not form.is_valid():
        return _page(request, {f"review-{subject}": form})
    actions.record_review(actor=signed_in_user(request), subject=subject, **form.cleaned_data)
    messages.success(request, f"The review of {ReviewSubject(subject).label.lower()} is recorded.")
    return redirect("governance:reviews")

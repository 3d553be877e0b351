"""Temperature-check pages: the rounds and their trend, answering a round, closing it, reminding members."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.governance import access, pulse, pulse_actions, trend_charts
from heard.governance.forms import PulseAnswerForm, RoundForm
from heard.governance.models import PULSE_QUESTIONS, PulseLink, PulseResponded, PulseRound
from heard.governance.models.pulse import hash_token


def rounds(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.sees_group(user):
        return render(request, "404.html", status=404)
    form = RoundForm(request.POST or None) if access.may_change(user) else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            created = pulse_actions.open_round(actor=user, **form.cleaned_data)
            messages.success(request, f"“{created.title}” is open.")
            return redirect("governance:round", pk=created.pk)
    trend = pulse.trend()
    return render(
        request,
        "governance/rounds.html",
        {
            "section": "learn",
            "rounds": PulseRound.objects.all(),
            "trend": trend,
            "charts": trend_charts.pulse_charts(trend),
            "questions": [text for _, text in PULSE_QUESTIONS],
            "form": form,
        },
    )


def _round_page(request: HttpRequest, pulse_round: PulseRound, form: PulseAnswerForm | None = None) -> HttpResponse:
    user = signed_in_user(request)
    member = access.member_of(user)
    answered = member is not None and PulseResponded.objects.filter(round=pulse_round, member=member).exists()
    may_answer = member is not None and not answered and not pulse_round.closed
    return render(
        request,
        "governance/round.html",
        {
            "section": "learn",
            "round": pulse_round,
            "results": pulse.results(pulse_round),
            "answer_count": pulse.answer_count(pulse_round),
            "answered": answered,
            "form": (form or PulseAnswerForm()) if may_answer else None,
            "may_change": access.may_change(user),
            "links": PulseLink.objects.filter(round=pulse_round).count(),
        },
    )


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, access.get_round_for_user(request, pk))


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = access.get_round_for_user(request, pk)
    member = access.member_of(signed_in_user(request))
    if member is None:
        return render(
            request, "403.html", {"message": "Only steering group members answer temperature checks."}, status=403
        )
    form = PulseAnswerForm(request.POST)
    if not form.is_valid():
        return _round_page(request, pulse_round, form)
    data = dict(form.cleaned_data)
    comment = data.pop("comment")
    try:
        pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=data, comment=comment)
    except pulse_actions.CannotAnswer as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, "Thank you: your answers are kept without your name.")
    return redirect("governance:round", pk=pulse_round.pk)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = access.get_round_for_user(request, pk, write=True)
    pulse_actions.close_round(actor=signed_in_user(request), pulse_round=pulse_round)
    return redirect("governance:round", pk=pulse_round.pk)


@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = access.get_round_for_user(request, pk, write=True)
    n = pulse_actions.remind_round(actor=signed_in_user(request), pulse_round=pulse_round, today=datetime.date.today())
    messages.success(request, f"Reminded {n} member(s) who had not answered." if n else "Nobody to remind today.")
    return redirect("governance:round", pk=pulse_round.pk)


@require_POST
def send_links(request: HttpRequest, pk: int) -> HttpResponse:
    pulse_round = access.get_round_for_user(request, pk, write=True)
    n = len(pulse_actions.send_links(actor=signed_in_user(request), pulse_round=pulse_round))
    messages.success(
        request, f"Sent {n} member(s) their own link." if n else "Every member with an e-mail address has a link."
    )
    return redirect("governance:round", pk=pulse_round.pk)


@login_not_required
def answer_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """A member's own link: answers the round without signing in, once."""
    link = PulseLink.objects.select_related("round").filter(token_hash=hash_token(token[:100])).first()
    if link is None:
        raise Http404("This link is not recognised")
    pulse_round = link.round
    form = PulseAnswerForm(request.POST or None) if not link.used and not pulse_round.closed else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment")
        try:
            pulse_actions.answer_by_link(token=token, scores=data, comment=comment)
        except pulse_actions.CannotAnswer as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, "Thank you: your answers are kept without your name.")
        return redirect("governance:answer-by-link", token=token)
    return render(request, "governance/answer_by_link.html", {"round": pulse_round, "used": link.used, "form": form})

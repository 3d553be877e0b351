"""Funders, their pots and the partnership's bids (host staff only), and the 360Giving export of grants."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.funding import actions, spreadsheets, threesixty
from heard.funding.access import allocations_for_user, get_bid_for_user, require_host
from heard.funding.forms import BidForm, FunderForm, PotForm
from heard.funding.models import Bid, Funder, Pot
from heard.lib.money import MoneyError


def funders(request: HttpRequest) -> HttpResponse:
    require_host(request)
    context: dict[str, Any] = {
        "funders": Funder.objects.prefetch_related(Prefetch("pots", queryset=Pot.objects.order_by("name"))),
        "bids": Bid.objects.select_related("project", "lead").prefetch_related("pots__funder"),
        "section": "projects",
    }
    return render(request, "funding/funders.html", context)


def _form(request: HttpRequest, title: str, form: Any) -> HttpResponse:
    return render(request, "funding/form.html", {"form": form, "title": title, "section": "projects"})


def funder_create(request: HttpRequest) -> HttpResponse:
    user = require_host(request)
    form = FunderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        funder = actions.save_funder(actor=user, funder=form.save(commit=False))
        messages.success(request, f"{funder.name} added.")
        return redirect("funding:funders")
    return _form(request, "Add a funder", form)


def pot_create(request: HttpRequest) -> HttpResponse:
    user = require_host(request)
    form = PotForm(request.POST or None, initial={"funder": request.GET.get("funder", "")[:20]})
    if request.method == "POST" and form.is_valid():
        pot = actions.save_pot(actor=user, pot=form.save(commit=False))
        messages.success(request, f"{pot} added.")
        return redirect("funding:funders")
    return _form(request, "Add a funding pot", form)


def _bid_page(request: HttpRequest, bid: Bid | None) -> HttpResponse:
    user = require_host(request)
    form = BidForm(request.POST or None, instance=bid)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_bid(actor=user, bid=form.save(commit=False), pots=list(form.cleaned_data["pots"]))
        except MoneyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Bid '{saved.title}' saved.")
            return redirect("funding:funders")
    return _form(request, "Change the bid" if bid else "Add a bid", form)


def bid_create(request: HttpRequest) -> HttpResponse:
    return _bid_page(request, None)


def bid_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _bid_page(request, get_bid_for_user(request, pk))


def grants_360giving(request: HttpRequest, fmt: str) -> HttpResponse:
    """Grants to partners in the 360Giving Data Standard (host staff only): a JSON package or a spreadsheet."""
    user = require_host(request)
    allocations = allocations_for_user(user)
    if fmt == "json":
        body = json.dumps(threesixty.package(allocations), indent=2, ensure_ascii=False)
        reply = HttpResponse(body, content_type="application/json")
        reply["Content-Disposition"] = 'attachment; filename="grants-360giving.json"'
        return reply
    if fmt not in spreadsheets.CONTENT_TYPES:
        raise Http404("No such format")
    titles, rows = threesixty.rows(allocations)
    return spreadsheets.response(fmt, "grants-360giving", "grants", titles, rows)

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.requests import signed_in_user
from heard.core.paging import paginate
from heard.lib import census, disclosure
from heard.partners import actions, duediligence
from heard.partners.access import (
    can_edit_organisation,
    can_see_contacts,
    get_organisation_for_user,
    organisations_for_user,
)
from heard.partners.forms import CommunityForm, ContactForm, OrganisationForm, PartnerOrganisationForm
from heard.partners.models import Community, Organisation, OrganisationKind, Sector


def organisation_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    organisations = (
        organisations_for_user(user)
        .annotate(people_heard=Count("experiences", distinct=True))
        .prefetch_related("communities")
        .order_by("name")
    )
    kind = request.GET.get("kind", "")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    sector = request.GET.get("sector", "")
    if sector in Sector.values:
        organisations = organisations.filter(sector=sector)
    connected = request.GET.get("connected", "")
    if connected in ("yes", "no"):
        organisations = organisations.filter(connected=connected == "yes")
    q = request.GET.get("q", "").strip()
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(description__icontains=q))
    page = paginate(request, organisations)
    lapsed = duediligence.safeguarding_lapsed_ids([o.pk for o in page]) if user.is_host else set()
    for organisation in page:
        # The aggregate scope's rule (heard.engagement.scope; partners sits below engagement): host staff every
        # organisation's residents exactly, steering members protected, a partner only its own, protected.
        organisation.lapsed = organisation.pk in lapsed
        counted = user.is_host or user.is_steering_member or user.organisation_id == organisation.pk
        organisation.people_figure = (
            disclosure.figure(organisation.people_heard, exact=user.is_host) if counted else None
        )
    return render(
        request,
        "partners/organisation_list.html",
        {
            "page": page,
            "kinds": OrganisationKind.choices,
            "sectors": Sector.choices,
            "filters": {"kind": kind, "sector": sector, "q": q, "connected": connected},
            "section": "partners",
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    organisation = get_organisation_for_user(request, slug)
    show_people = user.is_host or user.organisation_id == organisation.pk
    can_edit = can_edit_organisation(user, organisation)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": organisation.contacts.all() if can_see_contacts(user, organisation) else None,
            "can_edit": can_edit,
            "centres": organisation.centres.all(),
            # Due diligence is for host staff and the organisation's own members.
            "policies": duediligence.policy_states(organisation) if can_edit else None,
            "lapsed": can_edit and duediligence.safeguarding_lapsed(organisation),
            "languages": [census.label(census.LANGUAGES, code) for code in organisation.languages],
            "project_roles": organisation.project_roles.select_related("project"),
            "people_heard": disclosure.figure(organisation.experiences.count(), exact=user.is_host)
            if show_people
            else None,
            "section": "partners",
        },
    )


def organisation_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        actions.save_organisation(actor=user, organisation=organisation, communities=form.cleaned_data["communities"])
        messages.success(request, f"{organisation.name} added.")
        return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "section": "partners"})


def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    organisation = get_organisation_for_user(request, slug, write=True)
    form_class = OrganisationForm if user.is_host else PartnerOrganisationForm
    form = form_class(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        actions.save_organisation(actor=user, organisation=organisation, communities=form.cleaned_data["communities"])
        messages.success(request, "Changes saved.")
        return redirect(organisation)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation, "section": "partners"}
    )


def contact_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    organisation: Organisation = get_organisation_for_user(request, slug, write=True)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.organisation = organisation
        actions.add_contact(actor=user, contact=contact)
        messages.success(request, f"{contact.name} added.")
        return redirect(organisation)
    return render(
        request, "partners/contact_form.html", {"form": form, "organisation": organisation, "section": "partners"}
    )


def community_list(request: HttpRequest) -> HttpResponse:
    communities = Community.objects.annotate(
        partners=Count("organisations", distinct=True), projects_count=Count("projects", distinct=True)
    ).order_by("name")
    return render(
        request, "partners/community_list.html", {"page": paginate(request, communities), "section": "partners"}
    )


def community_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        community = actions.save_community(actor=user, community=form.save(commit=False))
        messages.success(request, f"{community.name} added.")
        return redirect("partners:community-list")
    return render(request, "partners/community_form.html", {"form": form, "section": "partners"})

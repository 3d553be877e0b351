from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.paging import keyset_page, paginate
from heard.core.params import as_id
from heard.engagement import actions, generation, nextsteps, reach, stats, translations
from heard.engagement.access import (
    activities_for_user,
    can_record_in_project,
    current_project,
    experiences_for_user,
    get_activity_for_user,
    get_experience_for_user,
    get_project_for_user,
    projects_for_user,
)
from heard.engagement.forms import ActivityForm, ExperienceFilterForm, ExperienceForm, ProjectForm
from heard.engagement.models import Channel, ExperienceQuerySet, Method, Project
from heard.engagement.scope import aggregate_scope
from heard.lib import census
from heard.partners import duediligence
from heard.partners.access import organisations_for_user


def _require_records(user: User) -> None:
    if not user.can_see_individual_records:
        raise PermissionDenied


def project_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    projects = (
        projects_for_user(user)
        .annotate(partner_count=Count("project_partners", distinct=True))
        .order_by("-starts_on", "name")
    )
    page = paginate(request, projects)
    for project in page:
        scope = aggregate_scope(user, project)
        project.people_heard = scope.figure(scope.experiences.count())
    # The dashboard flags partners whose Safeguarding policy has lapsed (host staff: they act on it).
    lapsed = (
        list(organisations_for_user(user).filter(pk__in=duediligence.safeguarding_lapsed_ids()).order_by("name"))
        if user.is_host
        else []
    )
    # A partner's first page starts with what to do next in each of their projects.
    steps = (
        nextsteps.next_steps(user.organisation, list(page)[:NEXT_STEPS_SHOWN], timezone.localdate())
        if user.is_partner_member and user.organisation is not None
        else []
    )
    return render(
        request,
        "engagement/project_list.html",
        {"page": page, "lapsed_partners": lapsed, "next_steps": steps, "section": "projects"},
    )


# How many projects a partner's first page gives next steps for (the rest are in the table below).
NEXT_STEPS_SHOWN = 5


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    scope = aggregate_scope(user, project)

    def figures() -> tuple[stats.Dashboard, reach.Reach]:
        dashboard = stats.project_dashboard(scope)  # one pass over the records: the reach chart's months too
        return dashboard, reach.reach_over_time(scope, dashboard.by_month, dashboard.partner_names)

    # Cached until the project's records change (heard.engagement.generation), per scope, and per day: what is
    # outstanding counts activities held before today. It counts no codes, suggestions or sentiment, so coding
    # leaves it cached (coding=False).
    dashboard, reach_chart = generation.cached("dashboard", scope, (timezone.localdate(),), figures, coding=False)
    return render(
        request,
        "engagement/project_detail.html",
        {
            "project": project,
            "dashboard": dashboard,
            "reach": reach_chart,
            "scope": scope,
            "exact": scope.exact,
            "can_record": can_record_in_project(user, project),
            "area_names": project.area_codes,
            "section": "projects",
        },
    )


def _project_form_page(request: HttpRequest, project: Project | None) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_project(
            actor=user,
            project=form.save(commit=False),
            partners=form.cleaned_data["partners"],
            communities=form.cleaned_data["communities"],
        )
        messages.success(request, f"{saved.name} saved.")
        return redirect(saved)
    return render(request, "engagement/project_form.html", {"form": form, "project": project, "section": "projects"})


def project_create(request: HttpRequest) -> HttpResponse:
    return _project_form_page(request, None)


def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _project_form_page(request, get_project_for_user(request, slug))


def hear(request: HttpRequest) -> HttpResponse:
    """Hear: the activities partners ran, newest first, filterable."""
    user = signed_in_user(request)
    project = current_project(request)
    activities = (
        activities_for_user(user)
        .select_related("partner", "community")
        .annotate(records=Count("experiences"))
        .order_by("-held_on", "title")
    )
    if project:
        activities = activities.filter(project=project)
    method = request.GET.get("method", "")
    if method in Method.values:
        activities = activities.filter(method=method)
    q = request.GET.get("q", "").strip()
    if q:
        activities = activities.filter(Q(title__icontains=q) | Q(partner__name__icontains=q))
    return render(
        request,
        "engagement/hear.html",
        {
            "project": project,
            "page": paginate(request, activities),
            "methods": Method.choices,
            "filters": {"method": method, "q": q},
            "can_record": bool(project and can_record_in_project(user, project)),
            "sees_records": user.can_see_individual_records,
            "section": "hear",
        },
    )


def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not can_record_in_project(user, project):
        raise PermissionDenied
    form = ActivityForm(
        request.POST or None,
        project=project,
        user=user,
        initial={"held_on": timezone.localdate(), "partner": user.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.project = project
        actions.save_activity(actor=user, activity=activity)
        messages.success(request, f"Activity “{activity.title}” added.")
        return redirect(activity)
    return render(request, "engagement/activity_form.html", {"form": form, "project": project, "section": "hear"})


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    activity = get_activity_for_user(request, pk)
    experiences = activity.experiences.select_related("community")
    return render(
        request,
        "engagement/activity_detail.html",
        {
            "activity": activity,
            "page": paginate(request, experiences, per_page=20),
            "can_edit": can_record_in_project(user, activity.project),
            "section": "hear",
        },
    )


def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    activity = get_activity_for_user(request, pk, write=True)
    form = ActivityForm(request.POST or None, instance=activity, project=activity.project, user=user)
    if request.method == "POST" and form.is_valid():
        actions.save_activity(actor=user, activity=form.save(commit=False))
        messages.success(request, "Changes saved.")
        return redirect(activity)
    return render(
        request,
        "engagement/activity_form.html",
        {"form": form, "project": activity.project, "activity": activity, "section": "hear"},
    )


def _with_reference(experiences: ExperienceQuerySet, reference: str) -> ExperienceQuerySet:
    """The records (in the person's scope) with a resident's reference (R-7KQ3-M9) or Heard's own (R-00042),
    however it was typed (spaces, dashes or small letters)."""
    bare = reference.removeprefix("R").replace("-", "")
    found = Q(receipt=f"R-{bare[:4]}-{bare[4:]}") if len(bare) == 6 else Q(pk__in=[])
    if bare.isdigit() and len(bare) <= 12:
        found |= Q(pk=int(bare))
    return experiences.filter(found)


def experience_list(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    _require_records(user)
    project = get_project_for_user(request, slug)
    experiences = experiences_for_user(user).filter(project=project).select_related("partner", "community", "activity")
    form = ExperienceFilterForm(request.GET or None, project=project, user=user)
    if form.is_valid():
        data = form.cleaned_data
        if data["partner"]:
            experiences = experiences.filter(partner=data["partner"])
        if data["community"]:
            experiences = experiences.filter(community=data["community"])
        if data["method"]:
            experiences = experiences.filter(activity__method=data["method"])
        if data["quotable"] == "yes":
            experiences = experiences.quotable()
        elif data["quotable"] == "no":
            experiences = experiences.exclude(consent_quote=True)
        if data["reference"]:
            experiences = _with_reference(experiences, data["reference"])
        if data["q"]:
            experiences = experiences.filter(
                Q(answers__text__icontains=data["q"]) | Q(answers__english_text__icontains=data["q"])
            ).distinct()
    return render(
        request,
        "engagement/experience_list.html",
        {
            "project": project,
            "form": form,
            # Newest first by the (project[, partner], collected_on, id) indexes: a page deep in 50,000 records costs
            # what the first does.
            "page": keyset_page(request, experiences, [F("collected_on"), F("id")], cap=None, descending=True),
            "can_record": can_record_in_project(user, project),
            "section": "hear",
        },
    )


def experience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    experience = get_experience_for_user(request, pk)
    demographics = [
        ("Age", experience.get_age_band_display()),
        ("Sex", experience.get_sex_display()),
        ("Gender identity", experience.get_gender_identity_display()),
        ("Ethnic group", experience.get_ethnic_group_display()),
        ("Disability", experience.get_disability_display()),
        ("Main language", experience.get_main_language_display()),
        ("English", experience.get_english_proficiency_display()),
        ("Postcode", experience.postcode),
    ]
    return render(
        request,
        "engagement/experience_detail.html",
        {
            "experience": experience,
            "answers": experience.answers.select_related("question"),
            "demographics": demographics,
            "can_edit": can_record_in_project(user, experience.project),
            "section": "hear",
        },
    )


def _experience_form_page(
    request: HttpRequest, project: Project, form: ExperienceForm, **extra: object
) -> HttpResponse:
    return render(
        request,
        "engagement/experience_form.html",
        {"form": form, "project": project, "section": "hear", **extra},
    )


def experience_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not can_record_in_project(user, project):
        raise PermissionDenied
    initial = {
        "collected_on": timezone.localdate(),
        "partner": user.organisation_id,
        "consent_given_on": timezone.localdate(),
    }
    activity_id = as_id(request.GET.get("activity"))
    if activity_id is not None:  # another partner's activity is "not found"; a value that is no id is ignored
        activity = get_activity_for_user(request, activity_id)
        initial.update(activity=activity.pk, partner=activity.partner_id, community=activity.community_id)
    form = ExperienceForm(request.POST or None, project=project, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        experience = form.save(commit=False)
        experience.project = project
        experience.channel = Channel.ENTERED_BY_STAFF if user.is_host else Channel.ENTERED_BY_PARTNER
        actions.save_experience(
            actor=user, experience=experience, answers=form.answers(), translations=form.translations()
        )
        messages.success(request, f"Record {experience.reference} saved.")
        return redirect(experience)
    return _experience_form_page(request, project, form)


def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    experience = get_experience_for_user(request, pk, write=True)
    form = ExperienceForm(request.POST or None, instance=experience, project=experience.project, user=user)
    if request.method == "POST" and form.is_valid():
        actions.save_experience(
            actor=user, experience=form.save(commit=False), answers=form.answers(), translations=form.translations()
        )
        messages.success(request, "Changes saved.")
        return redirect(experience)
    return _experience_form_page(request, experience.project, form, experience=experience)


def _breakdown(queryset, field: str, choices: census.Choices) -> tuple[list[str], list[int]]:  # type: ignore[no-untyped-def]
    counts = dict(queryset.values_list(field).annotate(n=Count("id")).order_by().values_list(field, "n"))
    labels = [label for _code, label in census.with_prefer_not_to_say(choices)]
    values = [counts.get(code, 0) for code, _label in census.with_prefer_not_to_say(choices)]
    known = {code for code, _label in census.with_prefer_not_to_say(choices)}
    other = sum(n for code, n in counts.items() if code not in known)
    if other:
        labels.append("Not answered")
        values.append(other)
    return labels, values


def understand(request: HttpRequest) -> HttpResponse:
    """Understand: who was heard, by community and by Census 2021 category."""
    user = signed_in_user(request)
    project = current_project(request)
    context: dict[str, object] = {"project": project, "exact": user.is_host, "section": "understand"}
    if project:
        scope = aggregate_scope(user, project)
        experiences = scope.experiences
        total = experiences.count()
        breakdowns = [
            (title, *_breakdown(experiences, field, choices))
            for title, field, choices in [
                ("Age", "age_band", census.AGE_BANDS),
                ("Sex", "sex", census.SEXES),
                ("Ethnic group", "ethnic_group", census.ETHNIC_GROUPS_19),
                ("Disability", "disability", census.DISABILITY),
                ("English", "english_proficiency", census.ENGLISH_PROFICIENCY),
            ]
        ]
        # The five tables count the same people: protected together, so none gives another's hidden cells away.
        values = [n for _title, _labels, counts in breakdowns for n in counts] + [total]
        lines = []
        start = 0
        for _title, _labels, counts in breakdowns:
            if sum(counts) == total:
                lines.append((list(range(start, start + len(counts))), len(values) - 1))
            start += len(counts)
        cells = scope.protect(values, lines)
        total_figure = cells[-1]
        tables = []
        start = 0
        for title, labels, counts in breakdowns:
            shown = cells[start : start + len(counts)]
            start += len(counts)
            tables.append(
                (title, [(label, cell, cell.share_of(total_figure)) for label, cell in zip(labels, shown, strict=True)])
            )
        context.update(total=total_figure, tables=tables, exact=scope.exact, scope=scope)
    return render(request, "engagement/understand.html", context)


def _languages_note(project: Project) -> str:
    states = translations.states(project)
    offered = ", ".join(["English", *(s.name for s in states if s.complete)])
    waiting = ", ".join(s.name for s in states if not s.complete)
    note = f"Residents can choose {offered}."
    if waiting:
        note += f" Not yet {waiting}: the project's questions (or Heard's own words) are not wholly translated."
    return note


def entry_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Links and QR codes residents open to tell a partner what happened, without an account."""
    import segno
    from django.conf import settings

    from heard.partners.models import Organisation

    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not can_record_in_project(user, project):
        raise PermissionDenied
    links = project.entry_links.select_related("partner", "community")
    if not user.is_host:
        links = links.filter(partner_id=user.organisation_id)
    partners = Organisation.objects.filter(project_roles__project=project)
    if not user.is_host:
        partners = partners.filter(pk=user.organisation_id or 0)
    if request.method == "POST":
        partner = partners.filter(pk=as_id(request.POST.get("partner")) or user.organisation_id or 0).first()
        if partner is None:
            messages.error(request, "Choose the partner whose residents will use the link.")
        else:
            community = project.communities.filter(pk=as_id(request.POST.get("community")) or 0).first()
            actions.make_entry_link(actor=user, project=project, partner=partner, community=community)
            messages.success(request, f"Link made. Print the QR code or share the address. {_languages_note(project)}")
        return redirect("engagement:entry-links", slug=slug)
    shown = []
    for link in links:
        url = settings.SITE_URL.rstrip("/") + link.get_absolute_url()
        shown.append({"link": link, "url": url, "qr": segno.make(url).svg_data_uri(scale=4)})
    communities = project.communities.all()
    states = translations.states(project)
    return render(
        request,
        "engagement/entry_links.html",
        {
            "project": project,
            "offered": [("en", "English")] + [(s.code, s.name) for s in states if s.complete],
            "not_offered": [s for s in states if not s.complete],
            "links": shown,
            "partners": partners,
            "communities": communities,
            "section": "hear",
        },
    )

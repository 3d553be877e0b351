from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.engagement.access import current_project
from heard.engagement.models import Experience, Project
from heard.engagement.scope import aggregate_scope
from heard.lib import disclosure
from heard.lib.numbers import suppress as small
from heard.partners.models import Organisation

from . import charts, geo, maps, missing, population, representation
from .models import PlaceDataset
from .shipped import SHIPPED


def _experiences(user: User, project: Project) -> QuerySet[Experience]:
    """Host staff and the steering group compare the whole project; a partner its own organisation's records (the
    aggregate scope, heard.engagement.scope)."""
    return aggregate_scope(user, project).experiences


def _area_options(project: Project) -> list[tuple[str, str]]:
    options = []
    lads = list(project.area_codes or [])
    if len(lads) > 1:
        options.append((",".join(lads), missing.area_label(lads)))
    for lad in lads:
        options.append((lad, population.area_name(lad)))
        for ward in population.profile(lad).get("ward", {}):
            options.append((ward, f"{population.area_name(lad)}: {population.area_name(ward)} ward"))
    return options


def dataset_list(request: HttpRequest) -> HttpResponse:
    """What place data Heard holds: what ships with it and what users loaded, with dates, licences and the
    attribution each needs."""
    return render(
        request,
        "place/dataset_list.html",
        {
            "section": "understand",
            "shipped": SHIPPED,
            "loaded": PlaceDataset.objects.select_related("loaded_by")[:200],
        },
    )


def who_is_missing(request: HttpRequest) -> HttpResponse:
    """Who is missing: the people heard compared with the residents of the project's area."""
    user = signed_in_user(request)
    project = current_project(request)
    context: dict[str, object] = {"section": "understand", "project": project, "exact": user.is_host}
    if project is not None:
        options = _area_options(project)
        chosen = request.GET.get("area") or (options[0][0] if options else "")
        if chosen not in {code for code, _ in options}:
            chosen = options[0][0] if options else ""
        context.update(options=options, chosen=chosen)
        if chosen:
            report = missing.compare_experiences(_experiences(user, project), chosen.split(","))
            public = not user.is_host
            tables = []
            for comparison in report.comparisons:
                if public:
                    representation.suppress(comparison)
                tables.append(
                    {
                        "comparison": comparison,
                        "evenness": charts.evenness(comparison),
                        "not_stated": (comparison.not_stated_figure or small(comparison.not_stated, exact=True))
                        if comparison.not_stated
                        else "",
                        "chart": charts.chart(comparison, report.area_name, public=public),
                        "table": charts.table(comparison, public=public),
                    }
                )
            context.update(
                report=report,
                tables=tables,
                highlights=report.highlights(public=public),
                people_in_area=report.figures(public=public)[0],
                notes=report.all_notes(public=public),
            )
    return render(request, "place/who_is_missing.html", context)


def reach_map(request: HttpRequest) -> HttpResponse:
    """Reach per 1,000 residents by ward, partner centres, and a centre's 2-mile patch. Drawn offline."""
    user = signed_in_user(request)
    project = current_project(request)
    context: dict[str, object] = {"section": "understand", "project": project, "exact": user.is_host}
    if project is None:
        return render(request, "place/map.html", context)
    lads = list(project.area_codes or [])
    features = maps.ward_features(lads)
    proj = maps.projection(features)
    experiences = _experiences(user, project)
    heard_by_ward = dict(experiences.exclude(ward_code="").order_by().values_list("ward_code").annotate(n=Count("id")))
    residents = {}
    for lad in lads:
        for ward, count in population.profile(lad).get("ward", {}).items():
            residents[ward] = count
    # Protected: each ward's count as the one rule shows it, and its rate worked out from that shown figure (a
    # rate from the exact count, beside the exact number of residents, would give the count back).
    figures = {w: disclosure.figure(heard_by_ward.get(w, 0), exact=user.is_host) for w in residents}
    if not user.is_host:
        figures.update(_ward_figures(experiences, lads))
    rates = {w: 1000 * shown / n for w, n in residents.items() if n and (shown := figures[w].shown) is not None}
    rows = sorted(
        (
            {
                "code": w,
                "name": population.area_name(w),
                "heard": figures[w].text,
                "residents": f"{residents[w]:,}",
                "rate": rates.get(w),
            }
            for w in residents
        ),
        key=lambda r: (r["rate"] is None, r["rate"] or 0),
    )
    context.update(rows=rows)
    partners = (
        Organisation.objects.filter(project_roles__project=project)
        .distinct()
        .order_by("name")
        .prefetch_related("centres")
    )
    # Each partner's own address, and each of its centres from the partner register, numbered as on the map.
    located = []
    listed = []
    for o in partners:
        places = []
        if (point := geo.location(o)) is not None:
            located.append((o.slug, o.name, o, point))
            places.append({"key": o.slug, "label": o.name, "number": len(located)})
        for c in o.centres.all():
            if (point := geo.location(c)) is not None:
                located.append((f"{o.slug}/{c.pk}", f"{o.name}, {c.name}", o, point))
                places.append({"key": f"{o.slug}/{c.pk}", "label": f"{o.name}, {c.name}", "number": len(located)})
        listed.append({"organisation": o, "places": places})
    context.update(partners=listed)
    if proj is not None:
        shapes, legend = maps.shapes(features, proj, rates)
        centres = []
        taken: set[tuple[int, int]] = set()
        for number, (key, label, organisation, (lat, long)) in enumerate(located, start=1):
            x, y = proj.xy(long, lat)
            while (round(x / 6), round(y / 6)) in taken:  # two centres at one address: side by side
                x += 24
            taken.add((round(x / 6), round(y / 6)))
            # Its name beside the dot, on the side with room (toward the middle of the map).
            right = x < maps.WIDTH * 0.55
            centres.append(
                {
                    "organisation": organisation,
                    "key": key,
                    "label": label,
                    "x": x,
                    "y": y,
                    "number": number,
                    "name_x": x + 16 if right else x - 16,
                    "anchor": "start" if right else "end",
                }
            )
        context.update(width=maps.WIDTH, height=proj.height, shapes=shapes, legend=legend, centres=centres)
        chosen = next(((o, label, p) for key, label, o, p in located if key == request.GET.get("centre")), None)
        if chosen is not None:
            centre, label, (lat, long) = chosen
            cx, cy = proj.xy(long, lat)
            context["patch"] = _patch(user, project, centre, (lat, long), experiences) | {"label": label}
            context["circle"] = {"x": cx, "y": cy, "r": proj.metres_to_px(geo.TWO_MILES_M)}
    return render(request, "place/map.html", context)


def _ward_figures(experiences: QuerySet[Experience], lads: list[str]) -> dict[str, disclosure.Cell]:
    """The wards as the who-is-missing page shows them for the same area (its ward table, protected with its
    secondary suppression), so a ward withheld there is not shown here."""
    try:
        report = missing.compare_experiences(experiences, lads)
    except missing.UnknownArea:
        return {}
    for comparison in report.comparisons:
        if comparison.dimension == "ward":
            representation.suppress(comparison)
            return {row.group: row.figure for row in comparison.rows if row.figure is not None}
    return {}


def _patch(
    user: User, project: Project, centre: Organisation, point: tuple[float, float], experiences: QuerySet[Experience]
) -> dict[str, object]:
    nearby = geo.organisations_within(*point)
    postcodes = geo.postcodes_within(*point)
    quintiles = [0] * 5
    for place, _ in postcodes:
        q = population.quintile(place.iod2025_decile)
        if q:
            quintiles[int(q) - 1] += 1
    placed = sum(quintiles)
    heard = disclosure.figure(experiences.filter(partner=centre).count(), exact=user.is_host)
    return {
        "centre": centre,
        "organisations": [
            {
                "organisation": o,
                "miles": f"{d / geo.METRES_PER_MILE:.1f}",
                "in_partnership": o.project_roles.filter(project=project).exists(),
            }
            for o, d in nearby
            if o.pk != centre.pk
        ],
        "heard": heard,
        "postcodes": f"{len(postcodes):,}",
        "quintiles": [
            {"label": label, "share": round(100 * n / placed) if placed else 0}
            for (_, label), n in zip(representation.QUINTILES, quintiles, strict=True)
        ],
    }

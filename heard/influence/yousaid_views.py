"""The public "you said, we did" pages (per project and per community) and the one-page sheet partners print, in
the project's languages. No sign-in: everything on them is already fit for anyone to read (heard.influence.yousaid).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from heard.core import languages
from heard.engagement.models import Project
from heard.influence import yousaid
from heard.partners.models import Community

STATUS = {
    "sent": _("Sent, waiting for an answer"),
    "overdue": _("Answer overdue"),
    "accepted": _("Accepted"),
    "partly_accepted": _("Partly accepted"),
    "declined": _("Declined"),
    "in_progress": _("In progress"),
    "changed": _("Changed"),
    "draft": _("Sent, waiting for an answer"),
}
SHEET_CACHE_SECONDS = 24 * 3600
COMMITMENT = {"planned": _("Planned"), "in_progress": _("In progress"), "done": _("Done")}


def _offered(project: Project) -> list[str]:
    codes = [code for code in (project.languages or []) if code != languages.NOT_A_LANGUAGE]
    return codes if "en" in codes else ["en", *codes]


def _page(request: HttpRequest, slug: str, community_slug: str | None) -> tuple[Project, Community | None, str]:
    project = Project.objects.filter(slug=slug).first()
    if project is None or not yousaid.has_public_page(project):
        raise Http404("No such page")
    community = None
    if community_slug is not None:
        community = project.communities.filter(slug=community_slug).first()
        if community is None:
            raise Http404("No such page")
    wanted = request.GET.get("lang") or "en"
    return project, community, wanted if wanted in _offered(project) else "en"


def _context(project: Project, community: Community | None, language: str) -> dict[str, Any]:
    page = yousaid.in_language(yousaid.build(project, community), language, languages.lang_attribute(language))
    return {
        "page": page,
        "project": project,
        "community": community,
        "language": language,
        "languages": [(c, languages.endonym(c), languages.lang_attribute(c)) for c in _offered(project)],
        "statuses": STATUS,
        "commitment_statuses": COMMITMENT,
        "communities": project.communities.order_by("name"),
    }


def _render(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    response = render(request, "influence/you_said.html", context)
    response["Content-Language"] = translation.get_language()
    return response


@login_not_required
def you_said(request: HttpRequest, slug: str) -> HttpResponse:
    project, _community, language = _page(request, slug, None)
    with translation.override(languages.page_language(language)):
        return _render(request, _context(project, None, language))


@login_not_required
def you_said_community(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    project, found, language = _page(request, slug, community)
    with translation.override(languages.page_language(language)):
        return _render(request, _context(project, found, language))


@login_not_required
def you_said_sheet(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    """One page, in the resident's language, for a partner to print and take back to the people they reached."""
    from heard.influence.yousaid_sheet import sheet_document
    from heard.lib.documents.pdf import render_pdf

    project, found, language = _page(request, slug, community)
    page_language = languages.page_language(language)
    with translation.override(page_language):
        document = sheet_document(yousaid.build(project, found), language=page_language, statuses=STATUS)
    # A sheet is printed again and again: the PDF is kept in this process's cache under what it says, so it is
    # drawn once per content (a response or change recorded makes a new one).
    key = "heard:you-said-sheet:" + hashlib.sha256(repr(document).encode()).hexdigest()
    pdf = caches["default"].get(key)
    if pdf is None:
        pdf = render_pdf(document)
        caches["default"].set(key, pdf, timeout=SHEET_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{project.slug}-{community}-{language}.pdf"'
    response["Content-Language"] = page_language
    return response

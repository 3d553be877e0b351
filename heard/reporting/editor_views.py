"""Editing a section: its narrative (autosaved as a draft while typing, saved as versions, restored), and the
residents' quotes chosen for it (searched by theme, community and sentiment; added, taken out, reordered)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.requests import signed_in_user
from heard.analysis.models import SentimentGroup, Theme
from heard.core.paging import paginate
from heard.core.params import as_id
from heard.privacy.outputs import public_text, quotable_answers
from heard.reporting import actions
from heard.reporting.access import (
    can_edit_reports,
    get_quote_for_user,
    get_section_for_user,
    get_version_for_user,
)
from heard.reporting.checks import check_text
from heard.reporting.models import ReportSection

MAX_NARRATIVE = 50_000
SENTIMENT_SCORES = {"positive": [1, 2], "neutral": [3], "negative": [4, 5]}


def _text(request: HttpRequest) -> str | None:
    text = request.POST.get("text")
    if text is None or len(text) > MAX_NARRATIVE or "\x00" in text:
        return None
    return text


def _editor(request: HttpRequest, section: ReportSection, status: int = 200) -> HttpResponse:
    versions = list(section.versions.select_related("author").order_by("-number")[:50])
    user = signed_in_user(request)
    # Only the quotes this person may read (a partner: their own residents'), checked again on every view.
    allowed = quotable_answers(user, section.report.project)
    quotes = list(
        section.quotes.filter(answer__in=allowed)
        .select_related("answer", "answer__experience__partner")
        .prefetch_related("answer__redaction_decisions")
        .order_by("position", "pk")
    )
    return render(
        request,
        "reporting/section.html",
        {
            "sec": section,
            "report": section.report,
            "project": section.report.project,
            "versions": versions,
            "current": versions[0] if versions else None,
            "quotes": [(q, public_text(q.answer)) for q in quotes],
            "can_edit": can_edit_reports(user),
            "language": check_text(section.narrative),
            "section": "report",
        },
        status=status,
    )


def section_editor(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the narrative, its versions and quotes. POST: save the narrative as a new version."""
    user = signed_in_user(request)
    section = get_section_for_user(request, pk, write=request.method == "POST")
    if request.method == "POST":
        text = _text(request)
        if text is None:
            return render(request, "400.html", {"message": "The narrative is missing or too long."}, status=400)
        version = actions.save_narrative(actor=user, section=section, text=text)
        messages.success(request, f"Saved as version {version.number}.")
        return redirect("reporting:section", pk=section.pk)
    return _editor(request, section)


@require_POST
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx, every few seconds while typing: keep the words as a draft version; answer with a short status."""
    user = signed_in_user(request)
    section = get_section_for_user(request, pk, write=True)
    text = _text(request)
    if text is None:
        return render(request, "400.html", {"message": "The narrative is missing or too long."}, status=400)
    version = actions.save_narrative(actor=user, section=section, text=text, autosave=True)
    return render(
        request,
        "reporting/_autosaved.html",
        {"version": version, "language": check_text(text)},
    )


@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request, pk, write=True)
    restored = actions.restore_version(actor=signed_in_user(request), version=version)
    messages.success(request, f"Version {version.number} restored as version {restored.number}.")
    return redirect("reporting:section", pk=version.section_id)


def quote_picker(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the answers that may be quoted (theme, community, sentiment, words) and add them to the section."""
    user = signed_in_user(request)
    section = get_section_for_user(request, pk, write=True)
    project = section.report.project
    if request.method == "POST":
        answer_id = as_id(request.POST.get("answer"))
        answer = quotable_answers(user, project).filter(pk=answer_id).first() if answer_id else None
        if answer is None:
            messages.error(request, "That answer cannot be quoted: choose one from the list.")
        else:
            actions.choose_quote(actor=user, section=section, answer=answer)
            messages.success(request, "Quote added.")
        return redirect(request.get_full_path())
    filters = {k: request.GET.get(k, "") for k in ("theme", "community", "sentiment", "q")}
    if not any(filters.values()) and section.community_id:
        filters["community"] = str(section.community_id)
    answers = quotable_answers(user, project)
    theme_id = as_id(filters["theme"])
    if theme_id is not None:
        answers = answers.filter(
            Q(codes__theme_id=theme_id, codes__applied=True) | Q(suggestions__theme_id=theme_id)
        ).distinct()
    community_id = as_id(filters["community"])
    if community_id is not None:
        answers = answers.filter(experience__community_id=community_id)
    if filters["sentiment"] in SENTIMENT_SCORES:
        scores = SENTIMENT_SCORES[filters["sentiment"]]
        answers = answers.filter(
            Q(sentiment__decided__in=scores) | Q(sentiment__decided=None, sentiment__suggested__in=scores)
        )
    if filters["q"]:
        answers = answers.filter(Q(text__icontains=filters["q"][:200]) | Q(english_text__icontains=filters["q"][:200]))
    chosen = set(section.quotes.values_list("answer_id", flat=True))
    page = paginate(
        request,
        answers.select_related("experience__community", "experience__partner", "experience__activity", "question")
        .prefetch_related("redaction_decisions")
        .order_by("pk"),
        per_page=20,
    )
    return render(
        request,
        "reporting/quote_picker.html",
        {
            "sec": section,
            "project": project,
            "page": page,
            "rows": [(a, public_text(a), a.pk in chosen) for a in page],
            "filters": filters,
            "themes": Theme.objects.for_project(project.pk).order_by("name"),
            "communities": project.communities.all(),
            "sentiments": SentimentGroup.choices,
            "section": "report",
        },
    )


@require_POST
def remove_quote(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_quote_for_user(request, pk, write=True)
    section_id = quote.section_id
    actions.remove_quote(actor=signed_in_user(request), quote=quote)
    messages.success(request, "Quote taken out.")
    return redirect("reporting:section", pk=section_id)


@require_POST
def move_quote(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_quote_for_user(request, pk, write=True)
    actions.move_quote(actor=signed_in_user(request), quote=quote, up=request.POST.get("direction") != "down")
    return redirect("reporting:section", pk=quote.section_id)

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.analysis import actions, charts, grid, tables, theme_cache
from heard.analysis.access import codable_answers, get_answer_for_user, theme_for_project
from heard.analysis.forms import AgreementForm, LocalThemeForm
from heard.analysis.models import Code, CodeSource, LocalThemeEvaluation, SentimentGroup, Suggestion, Theme, ThemeKind
from heard.core.paging import keyset_page
from heard.core.params import as_id
from heard.core.redirects import back
from heard.engagement import generation
from heard.engagement.access import get_project_for_user
from heard.engagement.models import (
    GRID_CODED,
    GRID_LEAST_CONFIDENT_FIRST,
    Answer,
    Project,
)
from heard.engagement.scope import aggregate_scope
from heard.privacy.outputs import quotable_answers


def _row_context(request: HttpRequest, answers: list[Answer], project: Project) -> dict[str, Any]:
    threshold = grid.threshold_for(project.pk)
    grid.decorate(answers, threshold)
    return {"threshold": threshold}


def _answers_with_details(queryset: Any, user: User) -> Any:
    return queryset.select_related(
        "experience", "experience__community", "experience__partner", "experience__activity", "sentiment"
    ).prefetch_related(
        Prefetch("suggestions", queryset=Suggestion.objects.select_related("theme")),
        Prefetch("codes", queryset=Code.objects.select_related("theme", "coder")),
    )


def coding_grid(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not user.can_see_individual_records:
        raise PermissionDenied
    actions.ensure_national_codebook()
    answers = codable_answers(user, project)
    filters = {k: request.GET.get(k, "") for k in ("community", "partner", "theme", "sentiment", "status", "q")}
    if filters["community"]:
        answers = answers.filter(experience__community__slug=filters["community"])
    if filters["partner"]:
        answers = answers.filter(experience__partner__slug=filters["partner"])
    theme_id = as_id(filters["theme"])
    if theme_id is not None:
        answers = answers.filter(
            Exists(Code.objects.filter(answer=OuterRef("pk"), theme_id=theme_id, applied=True))
            | Exists(Suggestion.objects.filter(answer=OuterRef("pk"), theme_id=theme_id))
        )
    if filters["sentiment"] in SentimentGroup.values:
        scores = {"positive": [1, 2], "neutral": [3], "negative": [4, 5]}[filters["sentiment"]]
        answers = answers.filter(
            Q(sentiment__decided__in=scores) | Q(sentiment__decided=None, sentiment__suggested__in=scores)
        )
    if filters["q"]:
        answers = answers.filter(Q(text__icontains=filters["q"]) | Q(english_text__icontains=filters["q"]))
    # Paged by keys an index holds (heard.engagement.models.Answer.is_coded/top_confidence): no page counts or
    # sorts every answer's codes and suggestions.
    keys: list[Any]
    if filters["status"] == "uncoded":
        answers = answers.filter(is_coded=False)
        keys = [F("experience_id"), F("id")]
    elif filters["status"] == "needs_person":
        answers = answers.filter(sentiment__needs_person=True)
        keys = [GRID_CODED, F("id")]
    elif filters["status"] == "low":
        answers = answers.filter(is_coded=False)
        keys = [GRID_CODED, GRID_LEAST_CONFIDENT_FIRST, F("id")]
    else:
        keys = [GRID_CODED, GRID_LEAST_CONFIDENT_FIRST, F("id")]
    # The count ("More than 1,000 answers") is kept per data generation in the shared cache, for this person's
    # answers with these filters (a number, no residents' words): a page turn or a second coder does not count again.
    counted = ("coding-grid-count", generation.query_key(answers))
    page = keyset_page(
        request,
        answers,
        keys,
        per_page=20,
        count_with=lambda count: generation.cached_for(project.pk, counted, count),
    )
    ids = [a.pk for a in page.rows]
    shown = codable_answers(user, project).filter(pk__in=ids).order_by()
    details = {a.pk: a for a in _answers_with_details(shown, user)}
    page.rows = [details[pk] for pk in ids]
    context = {
        "project": project,
        "page": page,
        "filters": filters,
        "communities": project.communities.all(),
        "partners": _partner_choices(user, project),
        "themes": Theme.objects.for_project(project.pk).order_by("position", "name"),
        "section": "understand",
        **_row_context(request, list(page), project),
    }
    return render(request, "analysis/coding_grid.html", context)


def _partner_choices(user: User, project: Project) -> Any:
    """The partners a person may filter the grid by: a partner sees only its own organisation."""
    partners = project.project_partners.select_related("organisation")
    if not user.is_host:
        partners = partners.filter(organisation=user.organisation)
    return partners


def _render_row(request: HttpRequest, answer: Answer, error: str = "") -> HttpResponse:
    project = answer.experience.project
    user = signed_in_user(request)
    fresh = _answers_with_details(codable_answers(user, project).filter(pk=answer.pk), user).get()
    context = {"answer": fresh, "project": project, "error": error, **_row_context(request, [fresh], project)}
    return render(request, "analysis/_answer_row.html", context)


@require_POST
def code(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    answer = get_answer_for_user(request, pk)
    theme = theme_for_project(answer.experience.project_id, request.POST.get("theme"))
    if theme is None:
        typed = (request.POST.get("theme") or "").strip()
        error = f"No theme is called “{typed}”: choose one from the list." if typed else "Choose a theme from the list."
        if getattr(request, "htmx", False):
            return _render_row(request, answer, error=error)
        messages.error(request, error)
        return _row_or_redirect(request, answer)
    applied = request.POST.get("applied", "1") == "1"
    suggested = request.POST.get("source") == "suggestion"
    if suggested and not applied:
        actions.reject_suggestion(actor=user, answer=answer, theme=theme)
    else:
        source = CodeSource.SUGGESTION if suggested else CodeSource.MANUAL
        actions.code_answer(actor=user, answer=answer, theme=theme, applied=applied, source=source)
    return _row_or_redirect(request, answer)


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer_for_user(request, pk)
    actions.accept_suggestions(actor=signed_in_user(request), answer=answer)
    return _row_or_redirect(request, answer)


@require_POST
def sentiment(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer_for_user(request, pk)
    score = request.POST.get("score", "")
    if score in {"1", "2", "3", "4", "5"}:
        actions.set_sentiment(actor=signed_in_user(request), answer=answer, score=int(score))
    return _row_or_redirect(request, answer)


def _row_or_redirect(request: HttpRequest, answer: Answer) -> HttpResponse:
    if getattr(request, "htmx", False):
        return _render_row(request, answer)
    return redirect(back(request, f"/analysis/projects/{answer.experience.project.slug}/coding/"))


def theme_table(request: HttpRequest, slug: str) -> HttpResponse:
    """Themes by community, partner, method or demographic group: people, share, sentiment and example quotes
    (heard.analysis.tables, the calculation the Report uses too)."""
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    scope = aggregate_scope(user, project)
    by = request.GET.get("by", "community")
    if by not in tables.DIMENSIONS:
        by = "community"
    include_suggestions = request.GET.get("suggested") == "1"
    quotable = quotable_answers(user, project)

    def figures() -> dict[str, object]:
        # The exact counts are kept between changes too: after a code only its theme is counted again. The
        # records' and themes' tokens are read here, after the page's token (never before: older figures would be
        # kept under the newer token).
        marks = theme_cache.marks(project.pk)
        raw = theme_cache.counts(scope, by, include_suggestions=include_suggestions, read=marks)
        table = tables.counted_table(scope, by=by, include_suggestions=include_suggestions, raw=raw)
        found: dict[str, object] = {
            "rows": table.rows,
            "groups": table.groups,
            "top_themes": charts.top_themes(table),
            "themes_by_group": charts.themes_by_group(table),
            "feelings": charts.feelings_by_group(scope, table, theme_cache.feelings(scope, by, marks)),
        }
        # The tables and charts drawn once per generation, not at every request (most of the page's Python).
        shown = {**found, "by": by, "by_label": tables.DIMENSIONS[by][0].lower(), "exact": scope.exact}
        found["figures_html"] = mark_safe(render_to_string("analysis/_theme_figures.html", shown))  # noqa: S308
        return found

    # Counts only, no residents' words: counted once per change to the project's data (heard.engagement.generation)
    # for every web process, in the shared cache, per scope and grouping.
    counted = generation.cached("theme-table", scope, (by, include_suggestions), figures)
    rows: list[tables.ThemeRow] = counted["rows"]  # type: ignore[assignment]

    def quotes() -> list[tuple[tables.ThemeRow, list[str]]]:
        # Each theme's quotes kept per process too: after a code only its theme's are read again.
        found = theme_cache.quotes(scope, rows, quotable, include_suggestions=include_suggestions)
        return _quotes_once([(row, found.get(row.theme_id, [])) for row in rows])

    # The quotes are residents' words: fetched by a short indexed walk, and kept in this process's memory only
    # (WORDS_CACHE), per generation and the answers this person may quote; never in the shared cache.
    parts = (by, include_suggestions, generation.query_key(quotable))
    return render(
        request,
        "analysis/theme_table.html",
        {
            "project": project,
            **counted,
            "quotes": generation.cached("theme-quotes", scope, parts, quotes, store=generation.WORDS_CACHE),
            "by": by,
            "by_label": tables.DIMENSIONS[by][0].lower(),
            "dimensions": [(k, v[0]) for k, v in tables.DIMENSIONS.items()],
            "exact": scope.exact,
            "scope": scope,
            "include_suggestions": include_suggestions,
            "section": "understand",
        },
    )


def _quotes_once(found: list[tuple[tables.ThemeRow, list[str]]]) -> list[tuple[tables.ThemeRow, list[str]]]:
    """Each theme's example quotes, every quote shown once on the page (an answer coded with several themes is
    quoted under the first, the most raised; the same words from two residents once)."""
    seen: set[str] = set()
    out = []
    for row, quotes in found:
        fresh = []
        for quote in quotes:
            key = " ".join(quote.split()).casefold()
            if key not in seen:
                seen.add(key)
                fresh.append(quote)
        if fresh:
            out.append((row, fresh))
    return out


def codebook(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    actions.ensure_national_codebook()
    form = LocalThemeForm(request.POST or None, project=project)
    if request.method == "POST" and "measure" in request.POST:
        if not user.is_host:
            raise PermissionDenied
        from heard.analysis.tasks import measure_local_gain_task

        measure_local_gain_task.enqueue(project_id=project.pk)
        messages.success(request, "Measuring in the background: this takes a few minutes. Come back to this page.")
        return redirect("analysis:codebook", slug=project.slug)
    if request.method == "POST" and "threshold" in request.POST:
        if not user.is_host:
            raise PermissionDenied
        typed = request.POST.get("threshold", "").strip().rstrip("%").strip()
        percent = int(typed) if typed.isascii() and typed.isdigit() and len(typed) <= 3 else None
        if percent is None or percent > 100:
            messages.error(request, "Give the threshold as a whole percentage from 0 to 100, for example 60.")
        else:
            actions.set_suggestion_threshold(actor=user, project=project, threshold=percent / 100)
            messages.success(request, f"Suggestions below {percent}% are no longer pre-selected in the coding grid.")
        return redirect("analysis:codebook", slug=project.slug)
    if request.method == "POST" and "add_theme" in request.POST:
        if not user.is_host:
            raise PermissionDenied
        if form.is_valid():
            theme = actions.add_local_theme(actor=user, project=project, **form.theme_fields())
            messages.success(request, f"Theme “{theme.name}” added.")
            return redirect("analysis:codebook", slug=project.slug)
    agreement_form = AgreementForm(request.GET or None, project=project)
    agreement = None
    if agreement_form.is_valid():
        agreement = actions.coder_agreement(
            project, agreement_form.cleaned_data["first"], agreement_form.cleaned_data["second"]
        )
    categories = Theme.objects.national().filter(kind=ThemeKind.CATEGORY).prefetch_related("children")
    return render(
        request,
        "analysis/codebook.html",
        {
            "project": project,
            "categories": categories,
            "local_themes": Theme.objects.filter(project=project).select_related("national_theme"),
            "form": form,
            "agreement_form": agreement_form,
            "agreement": agreement,
            "section": "understand",
            "evaluation": LocalThemeEvaluation.objects.filter(project=project).first(),
            "threshold_percent": round(grid.threshold_for(project.pk) * 100),
        },
    )


def export_matrix(request: HttpRequest, slug: str) -> FileResponse:
    """The code-by-answer matrix as .xlsx: one row per answer, one 0/1 column per theme."""
    import xlsxwriter

    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not user.can_see_individual_records:
        raise PermissionDenied
    answers = list(_answers_with_details(codable_answers(user, project).order_by("pk"), user))
    themes = list(Theme.objects.for_project(project.pk).order_by("position", "name"))
    effective = actions.effective_themes([a.pk for a in answers])
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    book = xlsxwriter.Workbook(handle.name, {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Codes")
    header = [
        "record",
        "community",
        "partner",
        "language",
        "text",
        "english_text",
        "sentiment",
        *[t.name for t in themes],
    ]
    sheet.write_row(0, 0, header)
    for row, answer in enumerate(answers, start=1):
        sentiment = getattr(answer, "sentiment", None)
        values: list[Any] = [
            answer.experience.reference,
            answer.experience.community.name if answer.experience.community else "",
            answer.experience.partner.name,
            answer.language,
            answer.text,
            answer.english_text,
            sentiment.score if sentiment else "",
            *[1 if t.pk in effective.get(answer.pk, ()) else 0 for t in themes],
        ]
        sheet.write_row(row, 0, values)
    book.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{project.slug}-codes.xlsx")


def codebook_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    from heard.analysis import codebooks

    project = get_project_for_user(request, slug)
    actions.ensure_national_codebook()
    if kind == "qdc":
        response = HttpResponse(codebooks.to_qdc(project), content_type="application/xml")
    else:
        response = HttpResponse(
            codebooks.to_xlsx(project),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{project.slug}-codebook.{kind}"'
    return response


@require_POST
def codebook_import(request: HttpRequest, slug: str) -> HttpResponse:
    from heard.analysis import codebooks

    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose a codebook file (.xlsx or .qdc) to import.")
        return redirect("analysis:codebook", slug=slug)
    name = upload.name or "codebook"
    data = upload.read(5_000_001)
    try:
        if len(data) > 5_000_000:
            raise codebooks.CodebookError(f"{name}: larger than 5 MB; a codebook is much smaller than that.")
        if name.lower().endswith(".qdc") or data.lstrip()[:5] == b"<?xml":
            entries = codebooks.read_qdc(data, name)
        elif name.lower().endswith((".xlsx", ".xls", ".ods")):
            entries = codebooks.read_xlsx(data, name)
        else:
            raise codebooks.CodebookError(f"{name}: Heard reads codebooks as .xlsx or REFI-QDA .qdc files.")
        result = actions.import_codebook(actor=user, project=project, entries=entries, filename=name)
    except codebooks.CodebookError as error:
        messages.error(request, str(error))
        return redirect("analysis:codebook", slug=slug)
    note = f" {len(result.already_there)} were already there." if result.already_there else ""
    messages.success(request, f"{len(result.added)} themes added from {name}.{note}")
    return redirect("analysis:codebook", slug=slug)

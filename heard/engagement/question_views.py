"""A project's own questions: the list everyone in the project can read, and adding, changing and retiring them
(host staff). A question residents have answered is frozen; changing it makes a new version."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.engagement import actions, translations
from heard.engagement.access import get_project_for_user, get_question_for_user
from heard.engagement.forms import QuestionForm
from heard.engagement.models import Project, Question
from heard.engagement.scope import aggregate_scope
from heard.lib import census


def _host(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if not user.is_host:
        raise PermissionDenied
    return user


def question_list(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    user = request.user
    assert isinstance(user, User)
    scope = aggregate_scope(user, project)
    newest: dict[str, Question] = {}
    for question in project.questions.order_by("code", "-version"):
        newest.setdefault(question.code, question)
    counts = dict(
        scope.answers()
        .filter(question__project=project)
        .values("question__code")
        .annotate(n=Count("id"))
        .values_list("question__code", "n")
    )
    asked_now = [q for q in newest.values() if q.is_active]
    asked_now.sort(key=lambda q: (q.position, q.pk))
    states = translations.states(project, asked_now)
    rows: list[dict[str, Any]] = [
        {
            "question": question,
            "answers": counts.get(question.code, 0),
            "answers_shown": scope.figure(counts.get(question.code, 0)),
            "translated": [census.label(census.LANGUAGES, lang) for lang in question.translations],
        }
        for question in sorted(newest.values(), key=lambda q: (not q.is_active, q.position, q.pk))
    ]
    return render(
        request,
        "engagement/questions.html",
        {
            "project": project,
            "asked": [r for r in rows if r["question"].is_active],
            "retired": [r for r in rows if not r["question"].is_active],
            "scope": scope,
            "section": "projects",
            "asked_now": asked_now,
            "languages": [{"state": state, "cells": [state.missing_for(q) for q in asked_now]} for state in states],
        },
    )


def _form_page(request: HttpRequest, project: Project, question: Question | None) -> HttpResponse:
    user = _host(request)
    form = QuestionForm(request.POST or None, project=project, question=question)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_question(actor=user, project=project, question=question, data=form.cleaned_data)
        if question is not None and saved.pk != question.pk:
            messages.success(
                request,
                f"Saved as version {saved.version}. Residents' answers to version {question.version} are kept with "
                "the words they saw.",
            )
        else:
            messages.success(request, "Question saved.")
        return redirect("engagement:question-list", slug=project.slug)
    return render(
        request,
        "engagement/question_form.html",
        {"form": form, "project": project, "question": question, "answered": form.answered, "section": "projects"},
    )


def question_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _form_page(request, get_project_for_user(request, slug), None)


def _active_question(request: HttpRequest, pk: int) -> Question:
    question = get_question_for_user(request, pk, write=True)
    if not question.is_active:  # a question no longer asked (or an earlier version) cannot be changed
        raise Http404("No such question")
    return question


def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _active_question(request, pk)
    return _form_page(request, question.project, question)


@require_POST
def question_retire(request: HttpRequest, pk: int) -> HttpResponse:
    question = _active_question(request, pk)
    user = _host(request)
    if actions.retire_question(actor=user, question=question):
        messages.success(request, f"'{question.text}' deleted: nobody had answered it.")
    else:
        messages.success(request, f"'{question.text}' is no longer asked. Its answers are kept.")
    return redirect("engagement:question-list", slug=question.project.slug)

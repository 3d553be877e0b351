"""Who does what: a project's tasks as a matrix (tasks x organisations), each partner's own list, and the forms."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.requests import signed_in_user
from heard.engagement.access import get_project_for_user
from heard.funding import actions
from heard.funding.access import get_task_for_user, tasks_for_user
from heard.funding.partnership_forms import TaskForm, TaskStatusForm, project_organisations


def project_tasks(request: HttpRequest, slug: str) -> HttpResponse:
    """Host staff and the steering group see the matrix of every task; a partner sees only its own tasks."""
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    tasks = list(tasks_for_user(user).filter(project=project))
    today = datetime.date.today()
    columns = list(project_organisations(project)) if not user.is_partner_member else []
    rows = [
        {
            "task": task,
            "overdue": task.is_overdue(today),
            "cells": [
                task.owner_organisation_id == o.pk
                or (task.owner_person is not None and task.owner_person.organisation_id == o.pk)
                for o in columns
            ],
        }
        for task in tasks
    ]
    context = {"project": project, "rows": rows, "columns": columns, "section": "projects"}
    return render(request, "funding/project_tasks.html", context)


def my_tasks(request: HttpRequest) -> HttpResponse:
    """Every task a person can see across projects: a partner's own list, or the whole partnership's."""
    user = signed_in_user(request)
    tasks = tasks_for_user(user).order_by("status", "due_on", "title")
    today = datetime.date.today()
    rows = [{"task": t, "overdue": t.is_overdue(today)} for t in tasks]
    return render(request, "funding/my_tasks.html", {"rows": rows, "section": "projects"})


def task_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not user.is_host:
        raise PermissionDenied
    form = TaskForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.project = project
        actions.save_task(actor=user, task=task)
        messages.success(request, f"“{task.title}” added.")
        return redirect("funding:project-tasks", project.slug)
    context = {"form": form, "project": project, "title": "Add a task", "section": "projects"}
    return render(request, "funding/task_form.html", context)


def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Host staff change the whole task; the owning partner's members change its status."""
    user = signed_in_user(request)
    task = get_task_for_user(request, pk, write=True)
    if user.is_host:
        form: TaskForm | TaskStatusForm = TaskForm(request.POST or None, instance=task, project=task.project)
    else:
        form = TaskStatusForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        if isinstance(form, TaskForm):
            actions.save_task(actor=user, task=form.save(commit=False))
        else:
            actions.set_task_status(actor=user, task=task, status=form.cleaned_data["status"])
        messages.success(request, "Task saved.")
        return redirect("funding:project-tasks", task.project.slug)
    context = {"form": form, "project": task.project, "task": task, "title": task.title, "section": "projects"}
    return render(request, "funding/task_form.html", context)

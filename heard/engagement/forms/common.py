"""Pieces the engagement forms share: dates not in the future, the partners a person may pick."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from heard.accounts.models import User
from heard.engagement.models import Project
from heard.partners.models import Organisation


def not_in_future(value: datetime.date | None, what: str) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the past.")


def partners_for(project: Project, user: User) -> Any:
    partners = Organisation.objects.filter(project_roles__project=project)
    if not user.is_host:
        partners = partners.filter(pk=user.organisation_id or 0)
    return partners

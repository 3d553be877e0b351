"""Builders for influence's tests (core's builders cannot import influence)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.core import mail
from django.test import TestCase

from heard.core.testing import make_organisation, make_project
from heard.engagement.models import Project
from heard.influence import actions
from heard.influence.models import Recommendation, ResponseLink
from heard.influence.models.responses import hash_token
from heard.partners.models import Organisation, OrganisationKind

_counter = itertools.count(1)


def make_recommendation(
    *,
    project: Project | None = None,
    organisation: Organisation | None = None,
    sent_on: datetime.date | None = None,
    **fields: Any,
) -> Recommendation:
    """A draft; sent on `sent_on` when given (with its link and e-mail)."""
    n = next(_counter)
    project = project or make_project()
    organisation = organisation or make_organisation(name=f"Trust {n}", kind=OrganisationKind.PROVIDER)
    fields.setdefault("title", f"Recommendation {n}")
    fields.setdefault("text", "Make appointments easier to book by phone.")
    fields.setdefault("addressee_name", "Sam Lee")
    fields.setdefault("addressee_email", f"sam{n}@trust.example.org")
    fields.setdefault("senior_name", "Alex Chief")
    fields.setdefault("senior_email", f"chief{n}@trust.example.org")
    rec = actions.make_recommendation(
        actor=None, project=project, fields={**fields, "organisation_id": organisation.pk}
    )
    if sent_on is not None:
        with TestCase.captureOnCommitCallbacks(execute=True):
            actions.send_recommendation(actor=None, rec=rec, today=sent_on)
        rec.refresh_from_db()
    return rec


def token_from_last_email() -> str:
    """The token in the newest e-mail's response link."""
    body = mail.outbox[-1].body
    return body.split("/respond/", 1)[1].split("/", 1)[0]


def link_for(token: str) -> ResponseLink:
    return ResponseLink.objects.get(token_hash=hash_token(token))

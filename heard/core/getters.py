"""The one way a getter in an app's `access.py` says "not here": a record outside the person's scope, or no record at
all, is a 404 with a plain message, never a server error (docs/architecture.md, "fetch a record for a request")."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def get_or_404(records: models.QuerySet[M] | models.Manager[M], message: str, **lookup: Any) -> M:
    """The one record of `records` (already narrowed to the person's scope) that matches `lookup`, else a 404
    saying `message` ("No such meeting")."""
    try:
        return records.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404(message) from None

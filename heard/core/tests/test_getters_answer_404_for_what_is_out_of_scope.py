"""`core.getters.get_or_404`, which every app's getters use: the one record in the person's scope, else a 404 saying
what was not found (never a server error)."""

from __future__ import annotations

import pytest
from django.http import Http404

from heard.core.getters import get_or_404
from heard.core.testing import make_organisation
from heard.partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_record_in_scope_is_returned() -> None:
    mine = make_organisation(name="Mine", slug="mine")
    assert get_or_404(Organisation.objects.filter(slug="mine"), "No such organisation", pk=mine.pk) == mine


def test_a_record_outside_the_scope_is_a_404_with_its_message() -> None:
    other = make_organisation(name="Other", slug="other")
    with pytest.raises(Http404, match="No such organisation"):
        get_or_404(Organisation.objects.filter(slug="mine"), "No such organisation", pk=other.pk)


def test_no_record_at_all_is_a_404_too() -> None:
    with pytest.raises(Http404, match="No such organisation"):
        get_or_404(Organisation.objects, "No such organisation", slug="nobody")

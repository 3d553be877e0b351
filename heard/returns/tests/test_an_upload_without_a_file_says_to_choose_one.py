"""A partner who presses "Check the file" without choosing one is told what to do ("Choose a file for “Upload the
return”."), not Django's bare "This field is required."."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user

pytestmark = pytest.mark.django_db


def test_a_return_sent_without_a_file_says_to_choose_one(client):
    partner = make_organisation(name="Estate Voices")
    project = make_project(partners=[partner])
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    text = client.post(reverse("returns:upload", args=[project.slug]), {}).content.decode()
    assert "This field is required." not in text
    assert text.count("Choose a file for “Upload the return”.") == 2  # in the summary and beside the field

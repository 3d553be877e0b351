"""A response reads as what was decided ("Partly accepted, 20 October 2026"), not as the button the addressee
chose ("Partly accept, ..."), on the recommendation's page and on the commissioner's own page."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from heard.core.testing import make_user
from heard.influence import actions
from heard.influence.testing import link_for, make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db


def test_a_response_reads_as_what_was_decided(client):
    caches["shared"].clear()
    rec = make_recommendation(sent_on=datetime.date(2026, 11, 2))
    token = token_from_last_email()
    actions.respond(link=link_for(token), decision="partly_accepted", reasons="The phone line only.", name="Sam")
    client.force_login(make_user())
    staff_page = client.get(rec.get_absolute_url()).content.decode()
    assert "<strong>Partly accepted</strong>," in staff_page and "<strong>Partly accept</strong>" not in staff_page
    client.logout()
    their_page = client.get(reverse("influence:respond", args=[token])).content.decode()
    assert "<strong>Partly accepted</strong>," in their_page and "<strong>Partly accept</strong>" not in their_page
